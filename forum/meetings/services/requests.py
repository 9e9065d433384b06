"""Meeting requests between delegates: send, accept, decline, cancel
(expiry: forum/meetings/services/expiry.py).

Caps are counted under row locks on the delegates' registrations (always taken in id order,
so two requests between the same people cannot deadlock), and a request's row is locked
before its status changes, so an accept and a cancel clicked at once cannot both win.
The cap on requests counts the ones a delegate has sent that are still pending or
accepted: declined, cancelled and expired requests give the place back.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm.attributes import set_committed_value

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    HalfDay,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingRequestColleague,
    MeetingStatus,
    Priority,
    RequestStatus,
)
from forum.meetings.services.placement import set_placement
from forum.meetings.services.preferences import Preference, check_preference
from forum.notifications import notify
from forum.registration.models import Registration, RegistrationStatus
from forum.webhooks import tell as webhooks

OPEN = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


def meeting_kind(a: Registration, b: Registration) -> MeetingKind:
    """B2G when either side's organisation is a government body, else B2B."""
    for registration in (a, b):
        organisation = registration.organisation
        if organisation is not None and organisation.type.is_government:
            return MeetingKind.B2G
    return MeetingKind.B2B


def kind_allowed(event: Event, kind: MeetingKind) -> bool:
    """Whether the organizers allow this kind of meeting at the event."""
    return event.allow_b2g if kind == MeetingKind.B2G else event.allow_b2b


def open_request_between(a: Registration, b: Registration) -> MeetingRequest | None:
    """A pending or accepted request between two delegates, in either direction."""
    return db.session.scalar(
        sa.select(MeetingRequest)
        .where(
            sa.or_(
                sa.and_(MeetingRequest.requester_id == a.id, MeetingRequest.recipient_id == b.id),
                sa.and_(MeetingRequest.requester_id == b.id, MeetingRequest.recipient_id == a.id),
            ),
            MeetingRequest.status.in_(OPEN),
        )
        .limit(1)
    )


def requests_sent_count(registration: Registration) -> int:
    """Requests this delegate sent that still hold a place in the quota."""
    return db.session.scalar(
        sa.select(sa.func.count(MeetingRequest.id)).where(
            MeetingRequest.requester_id == registration.id, MeetingRequest.status.in_(OPEN)
        )
    )


def meetings_count(registration: Registration) -> int:
    """Meetings the delegate is in (as requester, recipient or colleague), not cancelled."""
    return db.session.scalar(
        sa.select(sa.func.count(MeetingParticipant.id))
        .join(Meeting, MeetingParticipant.meeting_id == Meeting.id)
        .where(
            MeetingParticipant.registration_id == registration.id,
            Meeting.status != MeetingStatus.CANCELLED,
        )
    )


def lock_registrations(registrations: Iterable[Registration]) -> None:
    for registration_id in sorted({r.id for r in registrations}):
        lock_row(Registration, registration_id)


def _check_meeting_caps(event: Event, people: Sequence[Registration], me: Registration) -> None:
    cap = event.max_meetings_per_delegate
    if cap is None:
        return
    for person in people:
        if meetings_count(person) < cap:
            continue
        if person.id == me.id:
            raise DomainError(
                ngettext(
                    "You already have %(num)d meeting, the most allowed at this event.",
                    "You already have %(num)d meetings, the most allowed at this event.",
                    cap,
                )
            )
        raise DomainError(
            _(
                "%(name)s already has the most meetings allowed at this event.",
                name=person.user.name,
            )
        )


def colleagues_of(me: Registration, recipient: Registration) -> list[Registration]:
    """The approved delegates of me's organisation who may come along (neither me nor the
    recipient), by name, their accounts loaded with them: the request form names them."""
    if me.organisation_id is None:
        return []
    return db.session.scalars(
        sa.select(Registration)
        .join(Registration.user)
        .options(contains_eager(Registration.user))
        .where(
            Registration.event_id == me.event_id,
            Registration.organisation_id == me.organisation_id,
            Registration.status == RegistrationStatus.APPROVED,
            Registration.id.not_in([me.id, recipient.id]),
        )
        .order_by(sa.func.lower(User.name), Registration.id)
    ).all()


def _check_colleagues(
    event: Event, requester: Registration, recipient: Registration, colleagues
) -> list[Registration]:
    unique = list({c.id: c for c in colleagues}.values())
    if len(unique) > event.max_delegation_size - 1:
        raise DomainError(
            ngettext(
                "A delegation has at most %(num)d person.",
                "A delegation has at most %(num)d people.",
                event.max_delegation_size,
            ),
            "colleagues",
        )
    for colleague in unique:
        if (
            colleague.event_id != event.id
            or not colleague.is_approved
            or colleague.id in (requester.id, recipient.id)
            or requester.organisation_id is None
            or colleague.organisation_id != requester.organisation_id
        ):
            raise DomainError(
                _(
                    "%(name)s is not an approved delegate of your organisation.",
                    name=colleague.user.name,
                ),
                "colleagues",
            )
    return unique


def _check_parties(event: Event, requester: Registration, recipient: Registration) -> None:
    if requester.event_id != event.id or not requester.is_approved:
        raise DomainError(_("Only approved delegates of this event can request meetings."))
    if recipient.event_id != event.id or not recipient.is_approved or recipient.is_erased:
        raise DomainError(_("This delegate cannot receive meeting requests."))
    if requester.id == recipient.id:
        raise DomainError(_("You cannot request a meeting with yourself."))


def check_kind(event: Event, kind: MeetingKind) -> None:
    if not kind_allowed(event, kind):
        if kind == MeetingKind.B2G:
            raise DomainError(_("This event does not allow B2G (business to government) meetings."))
        raise DomainError(_("This event does not allow B2B (business to business) meetings."))


def send_request(
    event: Event,
    requester: Registration,
    recipient: Registration,
    priority: Priority = Priority.WOULD_LIKE,
    message: str = "",
    preferred_day: date | None = None,
    preferred_half: HalfDay | None = None,
    colleagues: Iterable[Registration] = (),
    now: datetime | None = None,
    offered: list[Preference] | None = None,
) -> MeetingRequest:
    """Ask another delegate for a meeting (with up to N-1 colleagues); mail the recipient.

    `offered`: preferences.offered(event) when the caller has just read it (the form's
    choices), so that it is not read twice."""
    now = now or utcnow()
    _check_parties(event, requester, recipient)
    kind = meeting_kind(requester, recipient)
    check_kind(event, kind)
    if preferred_day is not None and not event.start_date <= preferred_day <= event.end_date:
        raise DomainError(_("Choose a day of the event."), "preferred_day")
    check_preference(event, preferred_day, preferred_half, offered)
    team = _check_colleagues(event, requester, recipient, colleagues)
    lock_registrations([requester, recipient])
    if open_request_between(requester, recipient) is not None:
        raise DomainError(
            _(
                "There is already an open meeting request between you and %(name)s.",
                name=recipient.user.name,
            )
        )
    cap = event.max_requests_per_delegate
    if cap is not None and requests_sent_count(requester) >= cap:
        raise DomainError(
            ngettext(
                "You can have at most %(num)d open meeting request at this event.",
                "You can have at most %(num)d open meeting requests at this event.",
                cap,
            )
        )
    _check_meeting_caps(event, [requester, recipient, *team], requester)
    meeting_request = MeetingRequest(
        event_id=event.id,
        requester=requester,
        recipient=recipient,
        kind=kind,
        priority=int(priority),
        message=message.strip(),
        preferred_day=preferred_day,
        preferred_half=preferred_half,
        status=RequestStatus.PENDING,
        expires_at=now + timedelta(hours=event.request_expiry_hours),
        created_at=now,
        colleagues=[MeetingRequestColleague(registration=c) for c in team],
    )
    db.session.add(meeting_request)
    db.session.flush()
    set_committed_value(meeting_request, "meeting", None)  # a new request has none: not read
    notify.meeting_request_received(meeting_request)
    return meeting_request


def _locked(meeting_request: MeetingRequest) -> MeetingRequest:
    """Lock the request's row and read its status again: another click may have won."""
    lock_row(MeetingRequest, meeting_request.id)
    db.session.refresh(meeting_request)
    return meeting_request


def _pending_for_recipient(
    meeting_request: MeetingRequest, by: Registration, now: datetime
) -> None:
    if by.id != meeting_request.recipient_id:
        raise DomainError(_("Only the delegate who received this request can answer it."))
    if meeting_request.status != RequestStatus.PENDING:
        raise DomainError(_("This request is no longer waiting for an answer."))
    if meeting_request.expires_at is not None and meeting_request.expires_at <= now:
        raise DomainError(_("This request has expired."))


def accept(
    meeting_request: MeetingRequest, by_registration: Registration, now: datetime | None = None
) -> Meeting:
    """The recipient accepts: a meeting (not yet placed) for both sides and the colleagues."""
    now = now or utcnow()
    _locked(meeting_request)
    _pending_for_recipient(meeting_request, by_registration, now)
    event = meeting_request.event
    team = [c.registration for c in meeting_request.colleagues if c.registration.is_approved]
    people = [meeting_request.requester, meeting_request.recipient, *team]
    lock_registrations(people)
    _check_meeting_caps(event, people, by_registration)
    meeting = Meeting(
        event_id=event.id,
        request=meeting_request,
        status=MeetingStatus.SCHEDULED,
        participants=[MeetingParticipant(registration=person) for person in people],
    )
    meeting_request.status = RequestStatus.ACCEPTED
    meeting_request.responded_at = now
    db.session.add(meeting)
    db.session.flush()
    notify.meeting_request_accepted(meeting_request)
    return meeting


def decline(
    meeting_request: MeetingRequest,
    by: Registration,
    reason: str = "",
    now: datetime | None = None,
) -> MeetingRequest:
    """The recipient declines, optionally saying why; the requester gets the reason by mail."""
    now = now or utcnow()
    _locked(meeting_request)
    _pending_for_recipient(meeting_request, by, now)
    meeting_request.status = RequestStatus.DECLINED
    meeting_request.decline_reason = reason.strip()
    meeting_request.responded_at = now
    db.session.flush()
    notify.meeting_request_declined(meeting_request)
    return meeting_request


def _cancel_meeting(meeting: Meeting) -> None:
    meeting.status = MeetingStatus.CANCELLED
    if meeting.slot is not None:
        meeting.cancelled_starts_at = meeting.slot.starts_at
        meeting.cancelled_ends_at = meeting.slot.ends_at
    if meeting.slot_id is not None or meeting.table_id is not None:
        set_placement(meeting, None, None)  # frees the slot and the table for others


def cancel(meeting_request: MeetingRequest, by: Registration) -> MeetingRequest:
    """The requester withdraws a pending request, or either side cancels an accepted one."""
    _locked(meeting_request)
    status = meeting_request.status
    parties = (meeting_request.requester_id, meeting_request.recipient_id)
    if status == RequestStatus.PENDING and by.id != meeting_request.requester_id:
        raise DomainError(_("Only the delegate who sent this request can withdraw it."))
    if status == RequestStatus.ACCEPTED and by.id not in parties:
        raise DomainError(_("Only the two delegates of this meeting can cancel it."))
    if status not in OPEN:
        raise DomainError(_("This request can no longer be cancelled."))
    meeting_request.status = RequestStatus.CANCELLED
    meeting = meeting_request.meeting
    if meeting is not None:
        _cancel_meeting(meeting)
    db.session.flush()
    if meeting is not None:
        webhooks.meeting_cancelled(meeting)
    notify.meeting_cancelled_by_delegate(meeting_request, by)
    return meeting_request


# The delegate's lists live in delegate_lists.py; importable from here as before.
from forum.meetings.services.delegate_lists import (  # noqa: E402,F401
    requests_both_ways,
    requests_received,
    requests_sent,
)
