"""What a delegate's My meetings page lists: requests received and sent, and their meetings,
each loaded with the people it names in a few statements however long the lists are."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from forum.accounts.models import User
from forum.core.types import utcnow
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingRequest,
    MeetingRequestColleague,
    MeetingStatus,
    MeetingTable,
    RequestStatus,
)
from forum.registration.models import Organisation, Registration


def _person(path) -> list:
    """A registration on a page: its user and organisation along (name, organisation shown),
    joined in the registrations' own query: under load every statement is a round trip to a
    busy database (My meetings: 30 -> 15 statements)."""
    return [path.joinedload(Registration.user), path.joinedload(Registration.organisation)]


def _named(path) -> list:
    """A registration as a list line shows it: its name, organisation and erasure, joined in
    one query and only those columns (a registration row has ~30: each costs CPU to read)."""
    return [
        path.load_only(Registration.event_id, Registration.organisation_id, Registration.erased_at),
        path.joinedload(Registration.user).load_only(User.name, User.erased_at),
        path.joinedload(Registration.organisation).load_only(Organisation.name),
    ]


def _request_people() -> list:
    """What a request's line shows: both sides and the requester's colleagues, loaded at once
    for the whole list (a few queries however many requests)."""
    colleagues = selectinload(MeetingRequest.colleagues).selectinload(
        MeetingRequestColleague.registration
    )
    return [
        *_person(selectinload(MeetingRequest.requester)),
        *_person(selectinload(MeetingRequest.recipient)),
        *_person(colleagues),
    ]


def _listed_people() -> list:
    """_request_people for My meetings' lists: both sides joined to the requests' own query,
    the colleagues in one more (and their names in a third only when there are any)."""
    colleagues = selectinload(MeetingRequest.colleagues).joinedload(
        MeetingRequestColleague.registration
    )
    return [
        *_named(joinedload(MeetingRequest.requester)),
        *_named(joinedload(MeetingRequest.recipient)),
        *_named(colleagues),
    ]


def _open_to_answer():
    # A request past its deadline is not one to answer, swept by `forum tick` or not yet.
    return sa.and_(
        MeetingRequest.status == RequestStatus.PENDING,
        sa.or_(MeetingRequest.expires_at.is_(None), MeetingRequest.expires_at > utcnow()),
    )


def requests_received(registration: Registration) -> list[MeetingRequest]:
    """Requests to this delegate: pending first, then the newest."""
    pending_first = sa.case((_open_to_answer(), 0), else_=1)
    return db.session.scalars(
        sa.select(MeetingRequest)
        .where(MeetingRequest.recipient_id == registration.id)
        .order_by(pending_first, MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
        .options(*_request_people())
    ).all()


def requests_both_ways(
    registration: Registration,
) -> tuple[list[MeetingRequest], list[MeetingRequest]]:
    """(requests_received, requests_sent) in their orders, from one query and its loads (My
    meetings: half the queries of asking for each list)."""
    me = registration.id
    pending_first = sa.case(
        (sa.and_(MeetingRequest.recipient_id == me, _open_to_answer()), 0), else_=1
    )
    rows = db.session.scalars(
        sa.select(MeetingRequest)
        .where(sa.or_(MeetingRequest.recipient_id == me, MeetingRequest.requester_id == me))
        .order_by(pending_first, MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
        .options(*_listed_people())
    ).all()
    # Only received requests come first; each list keeps the order it has alone.
    return [r for r in rows if r.recipient_id == me], [r for r in rows if r.requester_id == me]


def requests_sent(registration: Registration) -> list[MeetingRequest]:
    """Requests this delegate sent, newest first."""
    return db.session.scalars(
        sa.select(MeetingRequest)
        .where(MeetingRequest.requester_id == registration.id)
        .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
        .options(*_request_people())
    ).all()


def meetings_of(registration: Registration) -> list[Meeting]:
    """Meetings the delegate takes part in (cancelled ones too): placed by time, then the rest;
    each with its slot, table, room, request and participants' names (My meetings' lines)."""
    meetings = db.session.scalars(
        sa.select(Meeting)
        .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
        .where(MeetingParticipant.registration_id == registration.id)
        .options(
            joinedload(Meeting.slot),
            joinedload(Meeting.table).joinedload(MeetingTable.room),
            *_named(selectinload(Meeting.participants).joinedload(MeetingParticipant.registration)),
            # who sits on which side: the colleagues' ids (their names are the participants');
            # a request's two sides are participants too, found in the session, not queried
            joinedload(Meeting.request).selectinload(MeetingRequest.colleagues),
        )
    ).all()
    return sorted(meetings, key=_meeting_order)


def _meeting_order(meeting: Meeting) -> tuple:
    start = meeting.slot.starts_at if meeting.slot else meeting.cancelled_starts_at
    cancelled = meeting.status == MeetingStatus.CANCELLED
    return (cancelled, start is None, start.timestamp() if start else 0.0, meeting.id)
