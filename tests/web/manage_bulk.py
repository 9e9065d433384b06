"""What the team's pages list beyond tests/reports/bulk.py, in bulk: programme sessions with
speakers and pitches, team members, mails in the outbox, a sent mailing and its delivery log,
audit entries, reported messages and survey answers. Grows with n like grow() does, so that a
page's query count can be compared at 10 and at hundreds of delegates."""

from datetime import date, timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEntry
from forum.events.models import (
    Event,
    EventRole,
    ProgrammeSession,
    SessionKind,
    SessionSpeaker,
    TeamRole,
)
from forum.extensions import db
from forum.mailings.models import Mailing, MailingStatus
from forum.messaging.models import Conversation, ConversationMember, Message, MessageReport
from forum.notifications.models import Mail, MailStatus
from forum.projects.models import Pitch, Project, ProjectKind, ProjectStatus
from forum.registration.models import Registration
from forum.surveys.models import QuestionKind, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from tests.reports.bulk import START, _ids

ROLES = (TeamRole.DESK, TeamRole.REVIEWER, TeamRole.VIEWER)


def _proposals(event: Event, n: int, registrations: list[int]) -> None:
    """n // 10 more accepted projects ("Proposal i"), so that the organizer's list of accepted
    projects runs past one page at 1,000 delegates (grow() makes n // 20, a fifth submitted)."""
    organisation = db.session.scalar(
        sa.select(Registration.organisation_id).where(Registration.id == registrations[0])
    )
    db.session.execute(
        sa.insert(Project),
        [
            dict(
                event_id=event.id,
                organisation_id=organisation,
                submitted_by_id=registrations[0],
                title=f"Proposal {i:04d}",
                kind=ProjectKind.INVESTMENT_PLAN,
                country="PE",
                amount_sought=100_000_00,
                currency="USD",
                status=ProjectStatus.ACCEPTED,
            )
            for i in range(max(1, n // 10))
        ],
    )


def _sessions(event: Event, n: int) -> list[int]:
    """n // 5 plenaries with two speakers each, and one pitch session of the first 90 projects."""
    sessions = _ids(
        ProgrammeSession,
        [
            dict(
                event_id=event.id,
                title=f"Session {i}",
                kind=SessionKind.PLENARY,
                starts_at=START + timedelta(days=1, minutes=30 * i),
                ends_at=START + timedelta(days=1, minutes=30 * i + 25),
            )
            for i in range(max(1, n // 5))
        ],
    )
    db.session.execute(
        sa.insert(SessionSpeaker),
        [
            dict(session_id=s, name=f"Speaker {i}-{k}", organisation="FAO", position=k)
            for i, s in enumerate(sessions)
            for k in range(2)
        ],
    )
    [pitch_session] = _ids(
        ProgrammeSession,
        [
            dict(
                event_id=event.id,
                title="Pitches",
                kind=SessionKind.PITCH,
                starts_at=START + timedelta(days=2),
                ends_at=START + timedelta(days=2, hours=8),
            )
        ],
    )
    projects = db.session.scalars(
        sa.select(Project.id).where(Project.event_id == event.id).order_by(Project.id)
    ).all()
    db.session.execute(
        sa.insert(Pitch),
        [
            dict(
                project_id=p,
                session_id=pitch_session,
                position=i,
                duration_minutes=5,
                starts_at=START + timedelta(days=2, minutes=5 * i),
                ends_at=START + timedelta(days=2, minutes=5 * i + 5),
            )
            for i, p in enumerate(projects[:90])
        ],
    )
    return sessions


def _team(event: Event, n: int, prefix: str) -> None:
    users = _ids(
        User,
        [
            dict(email=f"{prefix}-team{i}@bulk.example", name=f"Team member {i}")
            for i in range(max(1, n // 10))
        ],
    )
    db.session.execute(
        sa.insert(EventRole),
        [dict(event_id=event.id, user_id=u, role=ROLES[i % 3]) for i, u in enumerate(users)],
    )


def _mail(event: Event, n: int, registrations: list[tuple[int, int]], author: int) -> None:
    """A sent mailing to every delegate (its delivery log), mails of every status, audit."""
    [mailing] = _ids(
        Mailing,
        [
            dict(
                event_id=event.id,
                author_id=author,
                subject_es="Bienvenida",
                subject_en="Welcome",
                body_es="Hola",
                body_en="Hello",
                audience={},
                status=MailingStatus.SENT,
                recipient_count=len(registrations),
                sent_at=START,
            )
        ],
    )
    db.session.execute(
        sa.insert(Mailing),
        [
            dict(event_id=event.id, author_id=author, subject_en=f"Draft {i}", audience={})
            for i in range(max(1, n // 10))
        ],
    )
    statuses = list(MailStatus)
    db.session.execute(
        sa.insert(Mail),
        [
            dict(
                event_id=event.id,
                user_id=user,
                recipient=f"mail{i}@bulk.example",
                subject=f"Mail {i}",
                body="Hello",
                locale="en",
                status=statuses[i % len(statuses)],
                mailing_id=mailing if i % 2 else None,
                created_at=START + timedelta(minutes=i),
            )
            for i, (_registration, user) in enumerate(registrations)
        ],
    )
    db.session.execute(
        sa.insert(AuditEntry),
        [
            dict(
                event_id=event.id,
                actor_id=author,
                actor_name="Organizer",
                action="registration.approved",
                subject=f"Delegate {i}",
                before={"status": "submitted"},
                after={"status": "approved"},
                created_at=START + timedelta(minutes=i),
            )
            for i in range(len(registrations))
        ],
    )


def _messages(event: Event, registrations: list[int]) -> None:
    """One reported message per five delegates, each in its own conversation."""
    pairs = [(registrations[k], registrations[k + 1]) for k in range(0, len(registrations) - 1, 5)]
    conversations = _ids(
        Conversation,
        [dict(event_id=event.id, first_id=a, second_id=b, started_by_id=a) for a, b in pairs],
    )
    db.session.execute(
        sa.insert(ConversationMember),
        [
            dict(conversation_id=c, registration_id=person)
            for c, pair in zip(conversations, pairs, strict=True)
            for person in pair
        ],
    )
    messages = _ids(
        Message,
        [
            dict(conversation_id=c, sender_id=a, body=f"Message {i}")
            for i, (c, (a, _b)) in enumerate(zip(conversations, pairs, strict=True))
        ],
    )
    db.session.execute(
        sa.insert(MessageReport),
        [
            dict(event_id=event.id, message_id=m, reporter_id=b, reason="Spam")
            for m, (_a, b) in zip(messages, pairs, strict=True)
        ],
    )


def _survey(event: Event, registrations: list[int]) -> None:
    [survey] = _ids(
        Survey,
        [
            dict(
                event_id=event.id,
                opens_on=date(2023, 10, 20),
                closes_on=date(2023, 11, 3),
                anonymous=False,  # named: the page shows who wrote each free text
            )
        ],
    )
    questions = _ids(
        SurveyQuestion,
        [
            dict(survey_id=survey, position=1, code="overall", kind=QuestionKind.RATING),
            dict(
                survey_id=survey,
                position=2,
                code="custom",
                kind=QuestionKind.TEXT,
                text_en="What else?",
            ),
        ],
    )
    responses = _ids(
        SurveyResponse,
        [dict(survey_id=survey, registration_id=r) for r in registrations[::2]],
    )
    db.session.execute(
        sa.insert(SurveyAnswer),
        [
            row
            for i, response in enumerate(responses)
            for row in (
                dict(response_id=response, question_id=questions[0], value=1 + i % 5),
                dict(response_id=response, question_id=questions[1], text=f"Answer {i}"),
            )
        ],
    )


def grow_team_pages(event: Event, n: int, author: User, prefix: str = "d") -> None:
    """After grow(event, n, prefix): add what the team's other pages list, and commit."""
    registrations = db.session.execute(
        sa.select(Registration.id, Registration.user_id)
        .where(Registration.event_id == event.id)
        .order_by(Registration.id)
    ).all()
    ids = [r for r, _u in registrations]
    _proposals(event, n, ids)
    _sessions(event, n)
    _team(event, n, prefix)
    _mail(event, n, [tuple(r) for r in registrations], author.id)
    _messages(event, ids)
    _survey(event, ids)
    db.session.commit()
