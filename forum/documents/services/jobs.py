"""Bulk documents as jobs: all agendas (one PDF or a ZIP), table signage and badges, with
progress.

A DocumentJob row reports how far a run got. This module describes the kinds and keeps the
rows; forum.documents.job_runner runs a job once the request that created it has committed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from forum.accounts.models import User
from forum.core import jobs
from forum.core.types import utcnow
from forum.documents.models import DocumentJob, JobStatus
from forum.documents.services import pdfs as documents
from forum.documents.services import signage
from forum.events.models import Event
from forum.extensions import db
from forum.projects.services import catalogue_pdf
from forum.registration.services import badge_runs
from forum.registration.services.badge_runs import BadgeSelection
from forum.registration.services.badges import approved_registrations

ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


@dataclass(frozen=True)
class DocumentKind:
    """One kind of bulk document: how it is named, labelled and built."""

    identifier: str
    label: object  # a lazy translated string
    extension: str
    content_type: str
    # (target, event, progress), and the job's options if takes_options: writes the file at
    # target as it goes (bulk documents are rendered in chunks, never held whole in memory)
    build: Callable[..., None]
    count: Callable[..., int]  # (event), and the job's options if takes_options
    # One click on the documents page starts it; a kind with choices has its own form.
    button: bool = True
    # What a run was asked for, in words (its options), under the job page's title.
    describe: Callable[[Event, dict], str] | None = None
    page: str | None = None  # endpoint of the kind's own page, if it has one
    takes_options: bool = False  # build and count read what the run was asked for

    def make(self, target: Path, event: Event, progress: documents.Progress, options: dict) -> None:
        if self.takes_options:
            self.build(target, event, progress, options)
        else:
            self.build(target, event, progress)

    def total(self, event: Event, options: dict) -> int:
        return self.count(event, options) if self.takes_options else self.count(event)

    def file_name(self, event: Event) -> str:
        return f"{self.identifier.replace('_', '-')}-{event.slug}.{self.extension}"


def _agendas_pdf(target: Path, event: Event, progress: documents.Progress) -> None:
    documents.write_agendas_pdf(target, event, approved_registrations(event), progress)


def _agendas_zip(target: Path, event: Event, progress: documents.Progress) -> None:
    documents.write_agendas_zip(target, event, approved_registrations(event), progress)


def _signage(target: Path, event: Event, progress: documents.Progress) -> None:
    signage.write_signage_pdf(target, event, progress)


def _badges(target: Path, event: Event, progress: documents.Progress, options: dict) -> None:
    badge_runs.print_badges(target, event, BadgeSelection.from_options(options), progress)


def _catalogue(target: Path, event: Event, progress: documents.Progress, options: dict) -> None:
    catalogue_pdf.write_catalogue_pdf(target, event, progress, options)


def _one(event: Event, options: dict) -> int:
    return 1


def _delegates(event: Event) -> int:
    return len(approved_registrations(event))


def _tables(event: Event) -> int:
    return len(signage.table_signs(event))


def _badge_selection(event: Event, options: dict) -> str:
    return BadgeSelection.from_options(options).describe(event)


def _badge_count(event: Event, options: dict) -> int:
    return badge_runs.count_selected(event, BadgeSelection.from_options(options))


KINDS: dict[str, DocumentKind] = {
    kind.identifier: kind
    for kind in (
        DocumentKind(
            "agendas", _l("All personal agendas (one PDF)"), "pdf", "application/pdf",
            _agendas_pdf, _delegates,
        ),
        DocumentKind(
            "agendas_zip", _l("All personal agendas (ZIP)"), "zip", "application/zip",
            _agendas_zip, _delegates,
        ),
        DocumentKind(
            "signage", _l("Table signage"), "pdf", "application/pdf", _signage, _tables
        ),
        DocumentKind(
            "badges", _l("Badges"), "pdf", "application/pdf", _badges, _badge_count,
            button=False, describe=_badge_selection, page="registration.badges",
            takes_options=True,
        ),
        # A big project catalogue, asked for at its public URL; options: its fingerprint.
        DocumentKind(
            "catalogue", _l("Project catalogue"), "pdf", "application/pdf", _catalogue, _one,
            button=False, takes_options=True,
        ),
    )
}  # fmt: skip


def documents_folder() -> Path:
    """Where finished job files live: instance/documents/."""
    return Path(current_app.instance_path) / "documents"


def job_path(job: DocumentJob) -> Path:
    """The file of a finished job: instance/documents/<job id>-<file name>."""
    return documents_folder() / f"{job.id}-{Path(job.file_name).name}"


def recent_jobs(event: Event, limit: int = 20) -> list[DocumentJob]:
    """The event's latest document jobs, newest first."""
    return db.session.scalars(
        sa.select(DocumentJob)
        .where(DocumentJob.event_id == event.id)
        .order_by(DocumentJob.id.desc())
        .limit(limit)
    ).all()


def expire_stale_jobs(event: Event) -> None:
    """Mark failed the runs that outlived the job timeout (their process died or was restarted)."""
    cutoff = utcnow() - timedelta(seconds=jobs.JOB_TIMEOUT)
    stale = db.session.scalars(
        sa.select(DocumentJob).where(
            DocumentJob.event_id == event.id,
            DocumentJob.status.in_(ACTIVE),
            DocumentJob.created_at < cutoff,
        )
    ).all()
    for job in stale:
        job.status = JobStatus.FAILED
        job.error = "Stopped without finishing: the run took longer than the job timeout."
        job.finished_at = utcnow()
    if stale:
        db.session.flush()


def active_job(event: Event, kind: str, options: dict | None = None) -> DocumentJob | None:
    """A queued or running job of this kind (with these options) for the event, if any."""
    expire_stale_jobs(event)
    running = db.session.scalars(
        sa.select(DocumentJob)
        .where(
            DocumentJob.event_id == event.id,
            DocumentJob.kind == kind,
            DocumentJob.status.in_(ACTIVE),
        )
        .order_by(DocumentJob.id.desc())
    )
    return next((job for job in running if (job.options or None) == (options or None)), None)


def latest_job(event: Event, kind: str, options: dict) -> DocumentJob | None:
    """The latest job of this kind with these options, whatever its status (stale runs
    marked failed first)."""
    expire_stale_jobs(event)
    latest = db.session.scalars(
        sa.select(DocumentJob)
        .where(DocumentJob.event_id == event.id, DocumentJob.kind == kind)
        .order_by(DocumentJob.id.desc())
        .limit(20)
    )
    return next((job for job in latest if (job.options or {}) == options), None)


def recent_jobs_of(event: Event, kind: str, limit: int = 10) -> list[DocumentJob]:
    """The event's latest jobs of one kind, newest first."""
    return db.session.scalars(
        sa.select(DocumentJob)
        .where(DocumentJob.event_id == event.id, DocumentJob.kind == kind)
        .order_by(DocumentJob.id.desc())
        .limit(limit)
    ).all()


def create_job(
    event: Event, kind: str, user: User | None, options: dict | None = None
) -> DocumentJob:
    """A queued job row for a kind of document (KeyError for an unknown kind); options are
    what the kind's build reads (plain JSON values)."""
    document_kind = KINDS[kind]
    job = DocumentJob(
        event_id=event.id,
        kind=kind,
        status=JobStatus.QUEUED,
        options=options or None,
        total=document_kind.total(event, options or {}),
        file_name=document_kind.file_name(event),
        created_by_id=user.id if user is not None else None,
    )
    db.session.add(job)
    db.session.flush()
    return job
