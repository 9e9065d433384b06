"""Running a publication of the meeting plan: on RQ when REDIS_URL is set, else in a daemon
thread of this process (the job side of forum/meetings/services/publication.py).

The run commits its progress (mails written so far) on its EventJob row while it renders,
before it writes anything else, so the page that polls it sees it move; then the
publication itself (statuses, every mail, the audit entry) commits in one transaction.
A failure leaves the meetings as they were and says why on the row.
"""

import logging
import threading
from contextlib import nullcontext

from flask_babel import force_locale

from forum.accounts.models import User
from forum.accounts.services import user_locale
from forum.core import jobs
from forum.core.after_commit import after_commit
from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.events.models import EventJob, EventJobStatus
from forum.extensions import db
from forum.meetings.services import schedule

log = logging.getLogger(__name__)


def start_after_commit(job: EventJob) -> None:
    """Start the publication once the current transaction has committed its row."""
    after_commit(_start_all, job.id)


def _start_all(job_ids: list[int]) -> None:
    for job_id in job_ids:
        start(job_id)


def start(job_id: int) -> threading.Thread | None:
    """Run a committed job on RQ, or in a daemon thread without a queue (returned, for tests)."""
    return jobs.start_soon(run_publication, job_id, "publication")


def _commit_keeping_loaded() -> None:
    """Commit the run's progress without expiring what it has loaded (the meetings it is
    still working through): no reload of each after every commit."""
    session = db.session()
    expire, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


def run_publication(job_id: int) -> int:
    """Publish the job's event; the mails written (0 when the job had already run)."""
    job = db.session.get(EventJob, job_id)
    if job is None or not job.active:
        return 0
    job.status = EventJobStatus.RUNNING
    db.session.commit()  # the page that polls shows it running

    def progress(done: int, total: int) -> None:
        job.done, job.total = done, total
        _commit_keeping_loaded()  # only the job row has changed so far

    organizer = db.session.get(User, job.created_by_id) if job.created_by_id else None
    try:
        # A refusal is told in the organizer's language, as the page would have told it.
        with force_locale(user_locale(organizer)) if organizer else nullcontext():
            mails = schedule.publish(job.event, progress)
        job.status, job.result = EventJobStatus.DONE, mails
        job.done = job.total = max(job.total, mails)
        job.finished_at = utcnow()
        db.session.commit()  # the publication and its job row, together
        return mails
    except Exception as error:  # the row must say it failed, whatever went wrong
        if not isinstance(error, DomainError):
            log.exception("publication %s failed", job_id)
        db.session.rollback()
        job = db.session.get(EventJob, job_id)
        job.status, job.finished_at = EventJobStatus.FAILED, utcnow()
        job.error = str(error) if isinstance(error, DomainError) else type(error).__name__
        db.session.commit()
        return 0
