"""Two events side by side for the query-count test of the delegates' and the public pages: one
of 10 delegates and one of a few hundred (tests/reports/bulk.py), each with a programme that
grows with it (sessions with speakers), and a viewer (the first delegate, approved) whose own
lists grow too: requests received and sent, conversations with messages. A page whose query
count is the same in both loads what it shows in a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.events.models import Event, ProgrammeSession, SessionKind, SessionSpeaker
from forum.extensions import db
from forum.meetings.models import MeetingKind, MeetingRequest, RequestStatus
from forum.messaging.models import Conversation, ConversationMember, Message
from forum.projects.models import Project, ProjectStatus
from forum.registration.models import Registration, RegistrationStatus
from tests.factories import create_event
from tests.factories.accounts import password_hash
from tests.reports.bulk import START, _ids, grow


@dataclass(frozen=True)
class Side:
    """One of the two events, with the ids its pages are asked about."""

    slug: str
    viewer_email: str
    viewer_id: int
    counterpart_id: int  # an approved delegate the viewer has no request with
    counterpart_name: str
    partner_name: str  # in the viewer's first conversation
    thread: int  # messages in that conversation
    sessions: int
    session_id: int
    conversation_id: int
    project_id: int


def _programme(event: Event, sessions: int) -> int:
    """`sessions` plenaries on the event's days, two speakers each; the first one's id."""
    rows = [
        dict(
            event_id=event.id,
            title=f"Session {i}",
            kind=SessionKind.PANEL,
            starts_at=START + timedelta(days=i % 3, minutes=30 * (i // 3)),
            ends_at=START + timedelta(days=i % 3, minutes=30 * (i // 3) + 25),
        )
        for i in range(sessions)
    ]
    ids = _ids(ProgrammeSession, rows)
    db.session.execute(
        sa.insert(SessionSpeaker),
        [
            dict(session_id=s, name=f"Speaker {i}-{k}", organisation="FAO", position=k)
            for i, s in enumerate(ids)
            for k in range(2)
        ],
    )
    return ids[0]


def _approved(event: Event) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Registration.id)
            .where(
                Registration.event_id == event.id,
                Registration.status == RegistrationStatus.APPROVED,
            )
            .order_by(Registration.id)
        )
    )


def _viewer_lists(event: Event, viewer: int, others: list[int], thread: int) -> int:
    """Requests to and from the viewer and conversations with messages (`thread` in the
    first); the first conversation's id."""
    half = len(others) // 2
    db.session.execute(
        sa.insert(MeetingRequest),
        [
            dict(
                event_id=event.id,
                requester_id=a,
                recipient_id=b,
                kind=MeetingKind.B2B,
                status=RequestStatus.PENDING,
                message="Let us talk",
            )
            for k, other in enumerate(others)
            for a, b in [(other, viewer) if k < half else (viewer, other)]
        ],
    )
    conversations = _ids(
        Conversation,
        [
            dict(
                event_id=event.id,
                first_id=min(viewer, other),
                second_id=max(viewer, other),
                started_by_id=other,
                last_message_at=START + timedelta(minutes=k),
            )
            for k, other in enumerate(others)
        ],
    )
    db.session.execute(
        sa.insert(ConversationMember),
        [
            dict(conversation_id=c, registration_id=person)
            for c, other in zip(conversations, others, strict=True)
            for person in (viewer, other)
        ],
    )
    db.session.execute(
        sa.insert(Message),
        [
            dict(
                conversation_id=c,
                sender_id=(other, viewer)[m % 2],
                body=f"Message {m}",
                created_at=START + timedelta(minutes=m),
            )
            for k, (c, other) in enumerate(zip(conversations, others, strict=True))
            for m in range(thread if k == 0 else 1 + len(others) // 4)
        ],
    )
    return conversations[0]


def build(slug: str, delegates: int, prefix: str) -> Side:
    """An event of `delegates` delegates, `delegates // 4 + 2` sessions, and a viewer with
    `delegates // 20 + 2` requests and conversations; committed."""
    event = create_event(slug=slug, name=f"Forum {slug}")
    grow(event, delegates, prefix)
    sessions = delegates // 4 + 2
    session_id = _programme(event, sessions)
    approved = _approved(event)
    # the last approved delegate stays out of the viewer's lists: someone to recommend
    viewer, others = approved[0], approved[-(delegates // 20 + 3) : -1]
    thread = delegates // 4 + 2  # messages in the first conversation: pages of them
    conversation_id = _viewer_lists(event, viewer, others, thread)
    # the counterpart: an approved delegate of another organisation, out of the viewer's lists
    counterpart = approved[len(approved) // 2]
    email = f"{prefix}0@bulk.example"
    db.session.execute(
        sa.update(User).where(User.email == email).values(password_hash=password_hash())
    )
    project_id = db.session.scalar(
        sa.select(sa.func.min(Project.id)).where(Project.event_id == event.id)
    )
    # in the catalogue on both sides ("Project 0" is only submitted in bulk.py)
    db.session.execute(
        sa.update(Project).where(Project.id == project_id).values(status=ProjectStatus.ACCEPTED)
    )
    db.session.commit()
    name = db.session.scalar(
        sa.select(User.name).join(Registration).where(Registration.id == counterpart)
    )
    partner = db.session.scalar(
        sa.select(User.name).join(Registration).where(Registration.id == others[0])
    )
    return Side(
        slug,
        email,
        viewer,
        counterpart,
        name,
        partner,
        thread,
        sessions,
        session_id,
        conversation_id,
        project_id,
    )
