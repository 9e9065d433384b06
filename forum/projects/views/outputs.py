"""Files: the printed project catalogue, and the organizers' project and interest exports."""

from flask import Response, abort, render_template, request, send_file
from flask_login import current_user

from forum.core import exports
from forum.core.pdf import DocumentTooLarge
from forum.documents import job_runner
from forum.documents.models import JobStatus
from forum.documents.services import jobs as document_jobs
from forum.projects.blueprint import bp
from forum.projects.models import ProjectStatus
from forum.projects.services import catalogue_pdf as catalogue
from forum.projects.services.catalogue import may_view_catalogue
from forum.projects.services.exports import TABLES
from forum.projects.services.projects import event_projects
from forum.web.access import REVIEWER, VIEWER, team_required, visible_event


@bp.get("/events/<slug>/projects/catalogue.pdf")
def catalogue_pdf(slug: str):
    """The catalogue for its audience: made here when small; when big, the file of a document
    job, reused until the catalogue changes, and meanwhile a page that says it is coming."""
    event = visible_event(slug)
    if not may_view_catalogue(event, current_user):
        abort(404)
    cache = "no-cache" if event.projects_public else "private, no-store"
    headers = {
        "Content-Disposition": f'inline; filename="projects-{event.slug}.pdf"',
        "Cache-Control": cache,
    }
    if catalogue.accepted_count(event) <= catalogue.DIRECT_PROJECTS:
        return Response(catalogue.catalogue_pdf(event), mimetype="application/pdf", headers=headers)
    options = {"fingerprint": catalogue.fingerprint(catalogue.catalogue_html(event))}
    job = document_jobs.latest_job(event, "catalogue", options)
    if job is not None and job.status == JobStatus.FAILED:
        raise DocumentTooLarge()  # the same catalogue again would fail again: say why
    if job is not None and job.status == JobStatus.DONE:
        path = document_jobs.job_path(job)
        if path.is_file():
            response = send_file(path, mimetype="application/pdf")
            response.headers.update(headers)
            return response
    if job is None or job.status == JobStatus.DONE:  # never made, or its file is gone
        job = document_jobs.create_job(event, "catalogue", None, options)
        job_runner.start_after_commit(job)
    page = render_template("projects/catalogue_preparing.html", event=event, job=job)
    # Accepted, not ready: the browser asks again in a few seconds (no script needed).
    return page, 202, {"Refresh": "5", "Cache-Control": "no-store"}


@bp.get("/events/<slug>/manage/<any(projects, interests):table>.<fmt>")
@team_required(REVIEWER, VIEWER)
def export(event, table: str, fmt: str):
    if fmt not in exports.EXPORTERS:
        abort(404)
    if table == "projects":  # the list's filters, if the link came from a filtered list
        status = request.args.get("status", "")
        status = ProjectStatus(status) if status in set(ProjectStatus) else None
        tag_id = request.args.get("tag", type=int)
        listed = event_projects(event, status, tag_id)
        content, exporter = exports.render_table(fmt, TABLES[table](event, listed))
    else:
        content, exporter = exports.render_table(fmt, TABLES[table](event))
    return Response(
        content,
        mimetype=exporter.content_type,
        headers={
            "Content-Disposition": (
                f'attachment; filename="{event.slug}-{table}.{exporter.extension}"'
            ),
            "Cache-Control": "no-store",  # names, e-mails and private notes
        },
    )
