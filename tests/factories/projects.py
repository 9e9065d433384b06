"""Projects, pitch sessions and pitches, straight from the models."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from forum.events.models import Event, ProgrammeSession, SessionKind
from forum.extensions import db
from forum.projects.models import (
    Instrument,
    Pitch,
    Project,
    ProjectKind,
    ProjectPresenter,
    ProjectStage,
    ProjectStatus,
)
from forum.registration.models import Organisation, Registration, RegistrationStatus, Tag


def create_project(
    event: Event,
    organisation: Organisation,
    title: str = "Café agroforestal en Jaén y San Ignacio",
    *,
    contact: Registration | None = None,
    submitted_by: Registration | None = None,
    status: ProjectStatus = ProjectStatus.ACCEPTED,
    tags: tuple[str, ...] = (),
    presenters: Iterable[Registration] | None = None,
    **fields,
) -> Project:
    """A project of `organisation` (accepted unless told otherwise), with tags by name.

    Its team is `presenters` if given; else what the migration gives projects that existed
    before teams did: the submitter and every approved delegate of the organisation.
    """
    if presenters is None:  # queried first: autoflush must not meet a half-built project
        presenters = team_before_teams(event, organisation, submitted_by)
    values = dict(
        kind=ProjectKind.INVESTMENT_PLAN,
        country="PE",
        regions="Cajamarca",
        summary="Renovación de cafetales bajo sistemas agroforestales.",
        amount_sought=12_500_000_00,
        currency="USD",
        instrument=Instrument.BLENDED,
        stage=ProjectStage.FEASIBILITY,
    )
    values.update(fields)
    project = Project(
        event=event,
        organisation=organisation,
        title=title,
        contact=contact,
        submitted_by=submitted_by,
        status=status,
        **values,
    )
    for name in tags:
        tag = next((t for t in event.tags if t.name_es == name), None) or Tag(
            event=event, name_es=name
        )
        project.tags.append(tag)
    project.presenters = [ProjectPresenter(registration=r) for r in dict.fromkeys(presenters)]
    db.session.add(project)
    db.session.commit()
    return project


def team_before_teams(
    event: Event, organisation: Organisation, submitted_by: Registration | None
) -> list[Registration]:
    """Who presented a project before teams existed (what the migration fills in)."""
    approved = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.organisation_id == organisation.id,
            Registration.status == RegistrationStatus.APPROVED,
        )
        .order_by(Registration.id)
    ).all()
    return ([submitted_by] if submitted_by is not None else []) + list(approved)


def create_pitch_session(
    event: Event,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    kind: SessionKind = SessionKind.PITCH,
) -> ProgrammeSession:
    """A programme session (a pitch session unless told otherwise) between two UTC instants."""
    session = ProgrammeSession(
        event=event,
        title=title,
        kind=kind,
        starts_at=starts_at.astimezone(UTC),
        ends_at=ends_at.astimezone(UTC),
    )
    db.session.add(session)
    db.session.commit()
    return session


def create_pitch(
    event: Event,
    registration: Registration,
    title: str,
    status: ProjectStatus = ProjectStatus.ACCEPTED,
    minutes_later: int = 0,
    amount: int | None = 250_000_000,
) -> Pitch:
    """A project of the delegate's organisation pitched at 12:00 on the second day (UTC 10:00)."""
    session = db.session.scalar(
        sa.select(ProgrammeSession).filter_by(event_id=event.id, title="Pitches")
    )
    if session is None:
        start = datetime(2023, 10, 17, 10, 0, tzinfo=UTC)
        session = ProgrammeSession(
            event=event,
            title="Pitches",
            kind=SessionKind.PITCH,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
        )
        db.session.add(session)
    project = Project(
        event=event,
        organisation=registration.organisation,
        title=title,
        kind=ProjectKind.INVESTMENT_PLAN,
        country="PE",
        amount_sought=amount,
        currency="USD",
        status=status,
    )
    starts_at = session.starts_at + timedelta(minutes=minutes_later)
    pitch = Pitch(
        project=project,
        session=session,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=10),
    )
    db.session.add_all([project, pitch])
    db.session.commit()
    return pitch
