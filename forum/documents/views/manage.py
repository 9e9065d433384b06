"""Organizer pages: bulk printing (all agendas, table signage) as jobs with progress."""

from flask import (
    abort,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user

from forum.documents import job_runner
from forum.documents.blueprint import bp
from forum.documents.models import DocumentJob, JobStatus
from forum.documents.services import jobs as document_jobs
from forum.web.access import DESK, event_item, team_required


def _own_job(event, job_id: int) -> DocumentJob:
    job = event_item(event, DocumentJob, job_id)
    return job


@bp.get("/events/<slug>/manage/documents")
@team_required(DESK)
def documents(event):
    document_jobs.expire_stale_jobs(event)
    return render_template(
        "documents/manage/documents.html",
        event=event,
        kinds=document_jobs.KINDS,
        jobs=document_jobs.recent_jobs(event),
    )


@bp.post("/events/<slug>/manage/documents/<kind>")
@team_required(DESK)
def start_document_job(event, kind: str):
    if kind not in document_jobs.KINDS:
        abort(404)
    job = document_jobs.active_job(event, kind)  # a second click follows the running job
    if job is None:
        job = document_jobs.create_job(event, kind, current_user)
        job_runner.start_after_commit(job)
    return redirect(url_for("documents.document_job", slug=event.slug, job_id=job.id))


def _wants_json() -> bool:
    if request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


@bp.get("/events/<slug>/manage/documents/jobs/<int:job_id>")
@team_required(DESK)
def document_job(event, job_id: int):
    document_jobs.expire_stale_jobs(event)
    job = _own_job(event, job_id)
    if _wants_json():
        response = jsonify(status=job.status.value, done=job.done, total=job.total)
        response.headers["Cache-Control"] = "no-store"
        return response
    active = job.status in document_jobs.ACTIVE
    response = make_response(
        render_template(
            "documents/manage/job.html",
            event=event,
            job=job,
            kind=document_jobs.KINDS.get(job.kind),
            active=active,
        )
    )
    if active:  # the meta refresh of old, as a header: base.html has no <head> block to fill
        response.headers["Refresh"] = "2"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/events/<slug>/manage/documents/jobs/<int:job_id>/download")
@team_required(DESK)
def download_document(event, job_id: int):
    job = _own_job(event, job_id)
    path = document_jobs.job_path(job)
    if job.status != JobStatus.DONE or not path.is_file():
        abort(404)
    kind = document_jobs.KINDS.get(job.kind)
    response = send_file(
        path,
        mimetype=kind.content_type if kind else "application/octet-stream",
        as_attachment=True,
        download_name=job.file_name,
        max_age=0,
    )
    response.headers["Cache-Control"] = "no-store"  # delegates' personal data
    return response
