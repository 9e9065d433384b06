"""What the API lists: the public programme and catalogue, and an event's business data.

Each list is a query in id order; forum.api.services.pages cuts it into cursor pages. The
updated column of each (None: the rows have no update time, `updated_since` is refused).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.events.models import Event, EventStatus, ProgrammeSession
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingOutcome, MeetingRequest
from forum.projects.models import Commitment, Interest, Project, ProjectStatus
from forum.registration.models import Organisation, Registration
from forum.registration.services.registration import reaches_desk


def public_events() -> sa.Select:
    """Published and archived events (drafts never), by id."""
    return sa.select(Event).where(Event.status != EventStatus.DRAFT)


def programme_sessions(event: Event) -> list[ProgrammeSession]:
    return list(
        db.session.scalars(
            sa.select(ProgrammeSession)
            .where(ProgrammeSession.event_id == event.id)
            .options(selectinload(ProgrammeSession.speakers))
            .order_by(ProgrammeSession.starts_at, ProgrammeSession.id)
        )
    )


def catalogue_projects(event: Event) -> sa.Select:
    """The accepted projects of an event whose catalogue is public."""
    return (
        sa.select(Project)
        .where(Project.event_id == event.id, Project.status == ProjectStatus.ACCEPTED)
        .options(selectinload(Project.organisation))
    )


@dataclass(frozen=True)
class Listing:
    """One list of an event's data: its query, its id column and its update column."""

    query: sa.Select
    id_column: sa.ColumnElement
    updated_column: sa.ColumnElement | None


def registrations(event: Event) -> Listing:
    query = (
        sa.select(Registration)
        .where(Registration.event_id == event.id, reaches_desk())
        .options(selectinload(Registration.user), selectinload(Registration.tag_links))
    )
    return Listing(query, Registration.id, Registration.updated_at)


def registration(event: Event, registration_id: int) -> Registration | None:
    """One registration of the event, if the desk sees it (as in the list)."""
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.id == registration_id, Registration.event_id == event.id, reaches_desk()
        )
    )


def organisations(event: Event) -> Listing:
    """The organisations of the event's delegates (those the desk sees)."""
    used = sa.select(Registration.organisation_id).where(
        Registration.event_id == event.id, reaches_desk()
    )
    return Listing(sa.select(Organisation).where(Organisation.id.in_(used)), Organisation.id, None)


def meeting_requests(event: Event) -> Listing:
    query = (
        sa.select(MeetingRequest)
        .where(MeetingRequest.event_id == event.id)
        .options(selectinload(MeetingRequest.colleagues))
    )
    return Listing(query, MeetingRequest.id, MeetingRequest.updated_at)


def meetings(event: Event) -> Listing:
    query = (
        sa.select(Meeting)
        .where(Meeting.event_id == event.id)
        .options(
            selectinload(Meeting.slot),
            selectinload(Meeting.table),
            selectinload(Meeting.participants),
            selectinload(Meeting.request).selectinload(MeetingRequest.colleagues),
        )
    )
    return Listing(query, Meeting.id, Meeting.updated_at)


def outcomes(event: Event) -> Listing:
    query = (
        sa.select(MeetingOutcome)
        .join(Meeting, MeetingOutcome.meeting_id == Meeting.id)
        .where(Meeting.event_id == event.id)
    )
    # recorded_at is set again on every change of an outcome (meetings.services.outcomes)
    return Listing(query, MeetingOutcome.id, MeetingOutcome.recorded_at)


def interests(event: Event) -> Listing:
    query = (
        sa.select(Interest)
        .join(Project, Interest.project_id == Project.id)
        .where(Project.event_id == event.id)
    )
    return Listing(query, Interest.id, Interest.updated_at)


def commitments(event: Event) -> Listing:
    query = (
        sa.select(Commitment)
        .join(Interest, Commitment.interest_id == Interest.id)
        .join(Project, Interest.project_id == Project.id)
        .where(Project.event_id == event.id)
    )
    return Listing(query, Commitment.id, Commitment.updated_at)


LISTINGS = {
    "registrations": registrations,
    "organisations": organisations,
    "meeting-requests": meeting_requests,
    "meetings": meetings,
    "outcomes": outcomes,
    "interests": interests,
    "commitments": commitments,
}
