"""Who a mailing reaches: a filter over the event's registrations, resolved in one query.

Within one criterion the values add up (approved OR waiting); criteria narrow each other
(approved AND coffee AND Peru). Only registrations the desk sees (reaches_desk) and whose
person is still there (not erased, account active) are ever addressed.
"""

from dataclasses import asdict, dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from forum.accounts.models import User
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingParticipant, MeetingStatus
from forum.registration.models import (
    Organisation,
    Registration,
    RegistrationStatus,
    RegistrationTag,
)
from forum.registration.services.registration import reaches_desk

WITH, WITHOUT = "with", "without"  # meetings
YES, NO = "yes", "no"  # checked in


@dataclass
class Audience:
    statuses: list[str] = field(default_factory=lambda: [RegistrationStatus.APPROVED.value])
    participant_type_ids: list[int] = field(default_factory=list)
    tag_ids: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    meetings: str = ""  # "", WITH or WITHOUT placed meetings
    checked_in: str = ""  # "", YES or NO

    @classmethod
    def from_data(cls, data: dict | None) -> "Audience":
        """From the stored dict; unknown keys and values that are no longer valid are dropped."""
        data = data or {}
        statuses = [s for s in data.get("statuses", []) if s in set(RegistrationStatus)]
        return cls(
            statuses=statuses,
            participant_type_ids=[int(i) for i in data.get("participant_type_ids", [])],
            tag_ids=[int(i) for i in data.get("tag_ids", [])],
            countries=[str(c).upper()[:2] for c in data.get("countries", [])],
            meetings=data.get("meetings", "") if data.get("meetings") in (WITH, WITHOUT) else "",
            checked_in=data.get("checked_in", "") if data.get("checked_in") in (YES, NO) else "",
        )

    def to_data(self) -> dict:
        return asdict(self)


def _placed_meeting_holders() -> sa.Select:
    """Registrations in a meeting that has a place (slot and table) and is not cancelled."""
    return (
        sa.select(MeetingParticipant.registration_id)
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(
            Meeting.slot_id.is_not(None),
            Meeting.table_id.is_not(None),
            Meeting.status != MeetingStatus.CANCELLED,
        )
    )


def _conditions(event: Event, audience: Audience) -> list[sa.ColumnElement[bool]]:
    conditions = [
        Registration.event_id == event.id,
        reaches_desk(),
        Registration.erased_at.is_(None),
        User.erased_at.is_(None),
        User.is_active_account.is_(True),
    ]
    if audience.statuses:
        conditions.append(Registration.status.in_(audience.statuses))
    if audience.participant_type_ids:
        conditions.append(Registration.participant_type_id.in_(audience.participant_type_ids))
    if audience.tag_ids:
        conditions.append(
            Registration.id.in_(
                sa.select(RegistrationTag.registration_id).where(
                    RegistrationTag.tag_id.in_(audience.tag_ids)
                )
            )
        )
    if audience.countries:
        conditions.append(Organisation.country.in_(audience.countries))
    if audience.meetings == WITH:
        conditions.append(Registration.id.in_(_placed_meeting_holders()))
    elif audience.meetings == WITHOUT:
        conditions.append(Registration.id.not_in(_placed_meeting_holders()))
    if audience.checked_in == YES:
        conditions.append(Registration.checked_in_at.is_not(None))
    elif audience.checked_in == NO:
        conditions.append(Registration.checked_in_at.is_(None))
    return conditions


def recipients_query(event: Event, audience: Audience) -> sa.Select:
    """The matching registrations with their person and organisation, by name: one query."""
    return (
        sa.select(Registration)
        .join(Registration.user)
        .outerjoin(Registration.organisation)
        .where(*_conditions(event, audience))
        .options(contains_eager(Registration.user), contains_eager(Registration.organisation))
        .order_by(User.name, User.email, Registration.id)
    )


def people(event: Event, audience: Audience) -> list[sa.Row]:
    """The matching people as plain rows (registration_id, user_id, email, name, locale,
    organisation), by name: one query and no ORM objects, for a send to thousands."""
    return list(
        db.session.execute(
            sa.select(
                Registration.id.label("registration_id"),
                Registration.user_id,
                User.email,
                User.name,
                User.locale,
                Organisation.name.label("organisation"),
            )
            .select_from(Registration)
            .join(Registration.user)
            .outerjoin(Registration.organisation)
            .where(*_conditions(event, audience))
            .order_by(User.name, User.email, Registration.id)
        )
    )


def recipients(event: Event, audience: Audience, limit: int | None = None) -> list[Registration]:
    return list(db.session.scalars(recipients_query(event, audience).limit(limit)).unique())


def count(event: Event, audience: Audience) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Registration.id))
        .join(Registration.user)
        .outerjoin(Registration.organisation)
        .where(*_conditions(event, audience))
    )


def countries(event: Event) -> list[str]:
    """The countries of the event's delegates' organisations (codes), for the filter."""
    return list(
        db.session.scalars(
            sa.select(Organisation.country)
            .join(Registration, Registration.organisation_id == Organisation.id)
            .where(Registration.event_id == event.id)
            .distinct()
            .order_by(Organisation.country)
        )
    )
