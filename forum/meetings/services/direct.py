"""A meeting the organizers arrange between two delegates themselves, placed now or later.

It is an accepted request like any other (so the scheduler, the grid, the agendas and the
outcomes treat it the same), made under the rules a delegate's request follows: both
approved, the kind the event allows, no open request between them, the meeting cap. When
it is placed at once, the placement rules of `placement` apply and the database's unique
places have the last word (a concurrent booking of the table or of a delegate is refused
with the grid's clash message). A refusal saves nothing.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager

from forum.accounts.models import User
from forum.audit import services as audit
from forum.core.errors import DomainError
from forum.core.savepoint import all_or_nothing
from forum.core.text_search import all_words
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    RequestStatus,
)
from forum.meetings.services.edit import apply_placements, refuse
from forum.meetings.services.placement import placement_problems
from forum.meetings.services.requests import (
    check_kind,
    lock_registrations,
    meeting_kind,
    meetings_count,
    open_request_between,
)
from forum.notifications import notify
from forum.registration.models import Organisation, Registration, RegistrationStatus
from forum.webhooks import tell as webhooks

CHOICES = 100  # delegates offered in one drop-down; a search narrows a bigger event


def _who(registration: Registration) -> str:
    organisation = registration.organisation
    name = registration.display_name
    return f"{name} ({organisation.name})" if organisation is not None else name


def delegate_choices(event: Event, search: str = "") -> tuple[list[Registration], int]:
    """Approved delegates whose name, e-mail or organisation holds `search`, by name (at most
    CHOICES), and how many match in all."""
    query = (
        sa.select(Registration)
        .join(User, Registration.user_id == User.id)
        .outerjoin(Organisation, Registration.organisation_id == Organisation.id)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.APPROVED,
            Registration.erased_at.is_(None),
            User.erased_at.is_(None),
        )
    )
    # each word somewhere, ignoring case and accents
    query = query.where(all_words((User.name, User.email, Organisation.name), search))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    chosen = db.session.scalars(
        query.options(contains_eager(Registration.user), contains_eager(Registration.organisation))
        .order_by(sa.func.lower(User.name), Registration.id)
        .limit(CHOICES)
    ).all()
    return list(chosen), total or 0


def _check_people(event: Event, a: Registration | None, b: Registration | None) -> None:
    if a is None or b is None:
        raise DomainError(_("Choose the two delegates who will meet."))
    if a.id == b.id:
        raise DomainError(_("Choose two different delegates."))
    for person in (a, b):
        if person.event_id != event.id or not person.is_approved or person.is_erased:
            raise DomainError(
                _("%(name)s is not an approved delegate of this event.", name=person.display_name)
            )


def _check_rules(event: Event, a: Registration, b: Registration) -> MeetingKind:
    kind = meeting_kind(a, b)
    check_kind(event, kind)
    lock_registrations((a, b))  # in the order requests lock them
    if open_request_between(a, b) is not None:
        raise DomainError(
            _(
                "There is already an open meeting request between %(a)s and %(b)s.",
                a=a.display_name,
                b=b.display_name,
            )
        )
    cap = event.max_meetings_per_delegate
    for person in (a, b):
        if cap is not None and meetings_count(person) >= cap:
            raise DomainError(
                _(
                    "%(name)s already has the most meetings allowed at this event.",
                    name=person.display_name,
                )
            )
    return kind


def _place(meeting: Meeting, slot: MeetingSlot | None, table: MeetingTable | None) -> None:
    if slot is None and table is None:
        return
    if slot is None or table is None:
        raise DomainError(_("To place the meeting now, choose both a time and a table."))
    problems = placement_problems(meeting, slot, table)
    if problems:
        refuse(problems)
    apply_placements((meeting, slot, table))  # a concurrent clash: the grid's message
    if meeting.event.schedule_published_at is not None:
        # The delegates hear its place now, as with a schedule published before.
        meeting.status = MeetingStatus.PUBLISHED


@all_or_nothing
def arrange_meeting(
    event: Event,
    a: Registration | None,
    b: Registration | None,
    slot: MeetingSlot | None = None,
    table: MeetingTable | None = None,
) -> Meeting:
    """The organizers arrange a meeting of `a` (side A) with `b`: an accepted request and its
    meeting, at `slot` and `table` when both are given, else waiting for the scheduler.
    Both delegates are told in their language; the audit log records "meeting.created"."""
    _check_people(event, a, b)
    kind = _check_rules(event, a, b)
    now = utcnow()
    meeting_request = MeetingRequest(
        event_id=event.id,
        requester=a,
        recipient=b,
        kind=kind,
        status=RequestStatus.ACCEPTED,
        created_at=now,
        responded_at=now,
    )
    meeting = Meeting(
        event_id=event.id,
        request=meeting_request,
        status=MeetingStatus.SCHEDULED,
        participants=[MeetingParticipant(registration=person) for person in (a, b)],
    )
    db.session.add(meeting)
    db.session.flush()
    _place(meeting, slot, table)
    db.session.flush()
    audit.record(
        event,
        "meeting.created",
        f"{_who(a)} – {_who(b)}",
        after={"kind": kind.value, **(audit.place(event, meeting.slot, meeting.table) or {})},
    )
    if meeting.status == MeetingStatus.PUBLISHED:  # placed in a published schedule
        webhooks.meetings_placed(event, [meeting])
    notify.meeting_arranged_by_organizer(meeting)
    return meeting
