"""Publishing the meeting plan as a job: the organizer's click asks for it, a job runs it.

An EventJob row of kind PUBLISH stands for one publication: it is created here, in the
request's transaction, and run by forum.meetings.publish_runner once that request has
committed. Two clicks never publish twice: the request takes the event's row lock and
follows the publication already under way instead of starting another one; and a
publication that finds nothing new to tell tells no one (schedule.publish).
"""

from datetime import timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.core import jobs
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.events.models import Event, EventJob, EventJobStatus
from forum.extensions import db

PUBLISH = "schedule.publish"
ACTIVE = (EventJobStatus.QUEUED, EventJobStatus.RUNNING)


def _active(event: Event) -> sa.Select:
    return (
        sa.select(EventJob)
        .where(
            EventJob.event_id == event.id,
            EventJob.kind == PUBLISH,
            EventJob.status.in_(ACTIVE),
        )
        .order_by(EventJob.id)
    )


def running_publication(event: Event) -> EventJob | None:
    """The publication under way, for the schedule page to link to (reads only)."""
    cutoff = utcnow() - timedelta(seconds=jobs.JOB_TIMEOUT)
    return next(
        (job for job in db.session.scalars(_active(event)) if job.created_at >= cutoff), None
    )


def active_publication(event: Event) -> EventJob | None:
    """The publication of this event queued or running now, if any (a stale one, older than
    the job timeout, is marked failed first: its process died)."""
    cutoff = utcnow() - timedelta(seconds=jobs.JOB_TIMEOUT)
    running = db.session.scalars(_active(event)).all()
    for job in running:
        if job.created_at < cutoff:
            job.status, job.finished_at = EventJobStatus.FAILED, utcnow()
            job.error = "stopped: it outlived the job timeout"
    return next((job for job in running if job.active), None)


def request_publication(event: Event, by: User | None) -> tuple[EventJob, bool]:
    """A publication job for the event: the one under way, or a new one (flushed; the
    caller commits and then starts it). Returns it and whether it is new."""
    lock_row(Event, event.id)  # two clicks at once: the second waits, then finds the first
    running = active_publication(event)
    if running is not None:
        return running, False
    job = EventJob(event_id=event.id, kind=PUBLISH, created_by_id=by.id if by else None)
    db.session.add(job)
    db.session.flush()
    return job, True
