"""Files: the printed project catalogue, and the organizers' project and interest exports."""

from flask import Response, abort, request
from flask_login import current_user

from forum.core import exports
from forum.projects.blueprint import bp
from forum.projects.models import ProjectStatus
from forum.projects.services.catalogue import may_view_catalogue
from forum.projects.services.catalogue_pdf import catalogue_pdf as render_catalogue
from forum.projects.services.exports import TABLES
from forum.projects.services.projects import event_projects
from forum.web.access import REVIEWER, VIEWER, team_required, visible_event


@bp.get("/events/<slug>/projects/catalogue.pdf")
def catalogue_pdf(slug: str):
    event = visible_event(slug)
    if not may_view_catalogue(event, current_user):
        abort(404)
    return Response(
        render_catalogue(event),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="projects-{event.slug}.pdf"',
            "Cache-Control": "no-cache" if event.projects_public else "private, no-store",
        },
    )


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
