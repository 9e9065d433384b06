"""Build projects and pitch sessions straight from the models, for tests."""

from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa

from forum.events.models import Event, ProgrammeSession, SessionKind
from forum.extensions import db
from forum.projects.models import (
    Instrument,
    Project,
    ProjectKind,
    ProjectPresenter,
    ProjectStage,
    ProjectStatus,
)
from forum.registration.models import Organisation, Registration, RegistrationStatus, Tag


def make_project(
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
        tag = next((t for t in event.tags if t.name == name), None) or Tag(event=event, name=name)
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


def make_pitch_session(
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
