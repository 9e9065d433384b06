"""Pitches: accepted projects presented back to back in the programme's pitch sessions.

A session's pitches run from its start in position order; their times are derived and stored
(so clash queries are plain SQL) and every pitch whose time changes gets a higher `sequence`.
One check serves placing, reordering and removing: the whole new running order must fit in
the session and no presenter may be pitching somewhere else at the same time.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import joinedload, selectinload

from forum.core.errors import DomainError
from forum.core.local_time import event_day, event_time
from forum.core.locks import lock_row
from forum.core.savepoint import all_or_nothing
from forum.events.models import ProgrammeSession, SessionKind
from forum.extensions import db
from forum.projects.models import Pitch, Project, ProjectStatus
from forum.registration.models import Registration

MAX_PITCH_MINUTES = 240


@dataclass
class _Slot:
    """One entry of a planned running order: a project, its minutes, its existing pitch."""

    project: Project
    duration_minutes: int
    pitch: Pitch | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None


def session_pitches(session: ProgrammeSession) -> list[Pitch]:
    """The pitches of a session in running order."""
    return db.session.scalars(
        sa.select(Pitch)
        .where(Pitch.session_id == session.id)
        .order_by(Pitch.position, Pitch.starts_at, Pitch.id)
    ).all()


def project_pitches(project: Project) -> list[Pitch]:
    """Where and when a project is pitched, earliest first."""
    return db.session.scalars(
        sa.select(Pitch).where(Pitch.project_id == project.id).order_by(Pitch.starts_at, Pitch.id)
    ).all()


def organisation_pitches(event, organisation_ids: Iterable[int]) -> list[Pitch]:
    """The pitches of these organisations' accepted projects, with project and session room."""
    ids = sorted(set(organisation_ids))
    if not ids:
        return []
    return db.session.scalars(
        sa.select(Pitch)
        .join(Project, Pitch.project_id == Project.id)
        .where(
            Project.event_id == event.id,
            Project.status == ProjectStatus.ACCEPTED,
            Project.organisation_id.in_(ids),
        )
        .options(
            selectinload(Pitch.project),
            selectinload(Pitch.session).selectinload(ProgrammeSession.room),
        )
    ).all()


def pitch_sessions(event) -> list[ProgrammeSession]:
    """The event's pitch sessions, in programme order (with their rooms)."""
    return db.session.scalars(
        sa.select(ProgrammeSession)
        .where(ProgrammeSession.event_id == event.id, ProgrammeSession.kind == SessionKind.PITCH)
        .options(joinedload(ProgrammeSession.room))
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.id)
    ).all()


def pitches_by_session(sessions: list[ProgrammeSession]) -> dict[int, list[Pitch]]:
    """The pitches of several sessions in running order, with each project and its
    organisation, in one query: the organizer's page of every pitch session."""
    found: dict[int, list[Pitch]] = {session.id: [] for session in sessions}
    if not found:
        return found
    pitches = db.session.scalars(
        sa.select(Pitch)
        .where(Pitch.session_id.in_(found))
        .options(joinedload(Pitch.project).joinedload(Project.organisation))
        .order_by(Pitch.session_id, Pitch.position, Pitch.starts_at, Pitch.id)
    )
    for pitch in pitches:
        found[pitch.session_id].append(pitch)
    return found


def presenter_id(project: Project) -> int | None:
    """The registration of whoever presents the project: its contact, else its submitter."""
    return project.contact_id or project.submitted_by_id


def _when(event, starts_at: datetime, ends_at: datetime) -> str:
    day = event_day(starts_at, event, fmt="medium")
    return f"{day}, {event_time(starts_at, event)}–{event_time(ends_at, event)}"


def _check_placeable(project: Project, session: ProgrammeSession, duration_minutes: int) -> None:
    if session.kind != SessionKind.PITCH:
        raise DomainError(_("Projects can only be pitched in pitch sessions."), "session")
    if project.event_id != session.event_id:
        raise DomainError(_("This project belongs to another event."), "project")
    if project.status != ProjectStatus.ACCEPTED:
        raise DomainError(_("Only accepted projects can be pitched."), "project")
    if not 1 <= duration_minutes <= MAX_PITCH_MINUTES:
        raise DomainError(
            _("A pitch lasts between 1 and %(num)d minutes.", num=MAX_PITCH_MINUTES),
            "duration_minutes",
        )


def _lay_out(session: ProgrammeSession, slots: list[_Slot]) -> None:
    """Give each slot its time, back to back from the session start; refuse an overflow."""
    start = session.starts_at
    for slot in slots:
        slot.starts_at = start
        slot.ends_at = start + timedelta(minutes=slot.duration_minutes)
        start = slot.ends_at
    if start > session.ends_at:
        overflow = math.ceil((start - session.ends_at) / timedelta(minutes=1))
        raise DomainError(
            ngettext(
                "The pitches would end %(num)d minute after the session ends.",
                "The pitches would end %(num)d minutes after the session ends.",
                overflow,
            ),
            "duration_minutes",
        )


def _clash(session: ProgrammeSession, slot: _Slot) -> str | None:
    """Why this slot clashes with a pitch in another session, or None."""
    project = slot.project
    presenter = presenter_id(project)
    same_presenter = Pitch.project_id == project.id
    if presenter is not None:
        same_presenter = sa.or_(
            same_presenter,
            Project.contact_id == presenter,
            sa.and_(Project.contact_id.is_(None), Project.submitted_by_id == presenter),
        )
    other = db.session.scalar(
        sa.select(Pitch)
        .join(Project, Pitch.project_id == Project.id)
        .where(
            Pitch.session_id != session.id,
            Pitch.starts_at < slot.ends_at,
            Pitch.ends_at > slot.starts_at,
            same_presenter,
        )
        .order_by(Pitch.starts_at)
        .limit(1)
    )
    if other is None:
        return None
    when = _when(session.event, other.starts_at, other.ends_at)
    if other.project_id == project.id:
        return _(
            "“%(project)s” is already pitched in “%(session)s” at that time (%(when)s).",
            project=project.title,
            session=other.session.title,
            when=when,
        )
    person = db.session.get(Registration, presenter)
    return _(
        "%(person)s presents “%(other)s” in “%(session)s” at that time (%(when)s): "
        "a presenter cannot be in two places at once.",
        person=person.display_name,
        other=other.project.title,
        session=other.session.title,
        when=when,
    )


def _lock(session: ProgrammeSession, slots: list[_Slot]) -> None:
    """Sessions before projects before presenters, each in id order: no deadlocks."""
    lock_row(ProgrammeSession, session.id)
    for project_id in sorted({s.project.id for s in slots}):
        lock_row(Project, project_id)
    for registration_id in sorted({p for s in slots if (p := presenter_id(s.project))}):
        lock_row(Registration, registration_id)


def _apply(session: ProgrammeSession, slots: list[_Slot]) -> list[Pitch]:
    """Check the whole running order, then store it; the pitches in order."""
    _lay_out(session, slots)
    _lock(session, slots)
    for slot in slots:
        reason = _clash(session, slot)
        if reason:
            raise DomainError(reason)
    pitches = []
    for position, slot in enumerate(slots):
        pitch = slot.pitch
        if pitch is None:
            pitch = Pitch(project=slot.project, session=session, sequence=0)
            db.session.add(pitch)
        elif (pitch.starts_at, pitch.ends_at) != (slot.starts_at, slot.ends_at):
            pitch.sequence = (pitch.sequence or 0) + 1
        pitch.position = position
        pitch.duration_minutes = slot.duration_minutes
        pitch.starts_at, pitch.ends_at = slot.starts_at, slot.ends_at
        pitches.append(pitch)
    db.session.flush()
    return pitches


def _current(session: ProgrammeSession) -> list[_Slot]:
    return [_Slot(p.project, p.duration_minutes, p) for p in session_pitches(session)]


@all_or_nothing
def place_pitch(
    project: Project,
    session: ProgrammeSession,
    duration_minutes: int,
    position: int | None = None,
) -> Pitch:
    """Put an accepted project into a pitch session (at `position`, 0 = first; None = last).

    A project already in the session keeps its place unless `position` is given, and takes
    the new duration.
    """
    _check_placeable(project, session, duration_minutes)
    slots = _current(session)
    existing = next((s for s in slots if s.project.id == project.id), None)
    if existing is not None:
        existing.duration_minutes = duration_minutes
        if position is not None:
            slots.remove(existing)
            slots.insert(max(0, position), existing)
    else:
        slot = _Slot(project, duration_minutes)
        slots.insert(len(slots) if position is None else max(0, position), slot)
    pitches = _apply(session, slots)
    return next(p for p in pitches if p.project_id == project.id)


@all_or_nothing
def reorder(session: ProgrammeSession, project_ids: list[int]) -> list[Pitch]:
    """Give the session's pitches a new running order (all its projects, each once)."""
    slots = _current(session)
    by_project = {s.project.id: s for s in slots}
    if sorted(project_ids) != sorted(by_project):
        raise DomainError(_("The new order must list each project of the session once."))
    return _apply(session, [by_project[project_id] for project_id in project_ids])


@all_or_nothing
def move_pitch(pitch: Pitch, offset: int) -> list[Pitch]:
    """Move a pitch `offset` places later (negative: earlier), within the session."""
    order = [p.project_id for p in session_pitches(pitch.session)]
    index = order.index(pitch.project_id)
    target = min(max(index + offset, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    return reorder(pitch.session, order)


@all_or_nothing
def reflow(session: ProgrammeSession) -> list[Pitch]:
    """Lay the pitches out again after the session moved or changed length (same checks)."""
    return _apply(session, _current(session))


@all_or_nothing
def remove_pitch(pitch: Pitch) -> list[Pitch]:
    """Take a project out of its session; the pitches after it move up."""
    session = pitch.session
    slots = [s for s in _current(session) if s.pitch.id != pitch.id]
    db.session.delete(pitch)
    db.session.flush()
    return _apply(session, slots)


def pitches_by_project(projects: list[Project]) -> dict[int, list[Pitch]]:
    """Where and when each project is pitched, earliest first, in one query."""
    pitches = db.session.scalars(
        sa.select(Pitch)
        .where(Pitch.project_id.in_([p.id for p in projects]))
        .options(selectinload(Pitch.session).selectinload(ProgrammeSession.room))
        .order_by(Pitch.starts_at, Pitch.id)
    ).all()
    grouped: dict[int, list[Pitch]] = defaultdict(list)
    for pitch in pitches:
        grouped[pitch.project_id].append(pitch)
    return grouped
