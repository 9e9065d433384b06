"""A delegate's requests received and sent, each loaded with the people it names in a few
statements however long the lists are. (My meetings itself reads plain lines from
my_meetings.py.)"""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.core.types import utcnow
from forum.extensions import db
from forum.meetings.models import (
    MeetingRequest,
    MeetingRequestColleague,
    RequestStatus,
)
from forum.registration.models import Registration


def _person(path) -> list:
    """A registration on a page: its user and organisation along (name, organisation shown),
    joined in the registrations' own query: under load every statement is a round trip to a
    busy database (My meetings: 30 -> 15 statements)."""
    return [path.joinedload(Registration.user), path.joinedload(Registration.organisation)]


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
        .options(*_request_people())
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
