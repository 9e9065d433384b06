"""Running a document job: on RQ when REDIS_URL is set, else in a daemon thread of this process.

This is the job side: the run commits its progress every few delegates, so that the page
that polls the job (in another request) sees it move. A request that starts a run of several
minutes returns at once; the run starts only after that request has committed the job row.
"""

import logging
import threading

from forum.core import jobs
from forum.core.after_commit import after_commit
from forum.core.types import utcnow
from forum.documents.models import DocumentJob, JobStatus
from forum.documents.services.jobs import ACTIVE, KINDS, job_path
from forum.extensions import db

log = logging.getLogger(__name__)
COMMIT_EVERY = 10  # delegates between two progress commits


def start_after_commit(job: DocumentJob) -> None:
    """Start the job once the current transaction has committed its row."""
    after_commit(_start_jobs, job.id)


def _start_jobs(job_ids: list[int]) -> None:
    for job_id in job_ids:
        start_job(job_id)


def start_job(job_id: int) -> threading.Thread | None:
    """Run a committed job on RQ, or in a daemon thread without a queue (returned, for tests)."""
    return jobs.start_soon(run_document_job, job_id, "document-job")


def _commit_keeping_loaded() -> None:
    """Commit the run's progress without expiring what it has loaded (the delegates it is
    still working through): no reload of each after every commit."""
    session = db.session()
    expire, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


class _Progress:
    """Writes done/total to the job row, committing every COMMIT_EVERY items and at the end."""

    def __init__(self, job: DocumentJob) -> None:
        self.job = job
        self.committed = 0

    def __call__(self, done: int, total: int) -> None:
        self.job.done, self.job.total = done, total
        if done - self.committed >= COMMIT_EVERY or done >= total:
            _commit_keeping_loaded()  # the delegates stay loaded for the rest
            self.committed = done


def run_document_job(job_id: int) -> str:
    """Build a job's document, save it under instance/documents/ and mark the job done."""
    job = db.session.get(DocumentJob, job_id)
    if job is None or job.status not in ACTIVE:
        return ""
    job.status = JobStatus.RUNNING
    db.session.commit()  # the page that polls shows it running
    path = job_path(job)
    partial = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # The kind writes the file as it goes (chunk by chunk), never holding it whole.
        KINDS[job.kind].make(partial, job.event, _Progress(job), job.options or {})
        partial.replace(path)  # a download never sees half a file
    except Exception as error:  # the row must say it failed, whatever went wrong
        log.exception("document job %s failed", job_id)
        partial.unlink(missing_ok=True)  # half a file helps no one and takes disk
        db.session.rollback()
        job = db.session.get(DocumentJob, job_id)
        job.status = JobStatus.FAILED
        job.error = f"{type(error).__name__}: {error}"[:1000]
        job.finished_at = utcnow()
        db.session.commit()
        return ""
    job.status = JobStatus.DONE
    job.done = job.total
    job.finished_at = utcnow()
    db.session.commit()
    return str(path)
