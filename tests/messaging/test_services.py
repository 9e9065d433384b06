"""Limits by the day, the race of two first messages, reports handled, erasure, 'My data'."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.core.errors import DomainError
from forum.extensions import db
from forum.messaging.models import (
    Conversation,
    ConversationMember,
    Message,
    MessageReport,
    ReportStatus,
)
from forum.messaging.services import conversations, reports
from forum.messaging.services.conversations import send
from forum.privacy.services.erasure import erase_person
from forum.privacy.services.export import person_data

T0 = datetime(2023, 10, 17, 8, 0, tzinfo=UTC)


def test_two_hundred_messages_a_day_and_twenty_new_conversations(cast, create_registration):
    message, _ = send(cast.ana, "0", to=cast.bruno, now=T0)
    for n in range(1, 200):  # ten a minute, within the minute's limit
        send(cast.ana, str(n), conversation=message.conversation, now=T0 + timedelta(seconds=6 * n))
    with pytest.raises(DomainError, match="You have sent 200 messages in the last 24 hours"):
        send(cast.ana, "one more", conversation=message.conversation, now=T0 + timedelta(hours=2))
    send(cast.ana, "next day", conversation=message.conversation, now=T0 + timedelta(days=1))

    others = [create_registration(cast.event, f"Delegate {n}") for n in range(21)]
    later = T0 + timedelta(days=3)
    for n, other in enumerate(others[:20]):
        send(cast.carla, "hello", to=other, now=later + timedelta(minutes=n))
    with pytest.raises(DomainError, match="You have started 20 conversations"):
        send(cast.carla, "hello", to=others[20], now=later + timedelta(minutes=30))


def test_two_first_messages_at_once_make_one_conversation(cast, monkeypatch):
    """The second writer did not see the first's conversation: the unique pair refuses its
    insert inside a savepoint, and it writes into the conversation that won."""
    send(cast.ana, "first", to=cast.bruno, now=T0)
    real = conversations.find_conversation
    calls = []

    def stale_then_real(one, other):
        calls.append(1)
        return None if len(calls) <= 2 else real(one, other)

    monkeypatch.setattr(conversations, "find_conversation", stale_then_real)
    message, _ = send(cast.bruno, "at the same moment", to=cast.ana, now=T0)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 1
    assert [m.conversation_id for m in db.session.scalars(sa.select(Message))] == [
        message.conversation_id
    ] * 2


def test_organizers_dismiss_a_report_or_turn_messaging_off_for_the_sender(cast):
    rude, _ = send(cast.bruno, "rude", to=cast.ana, now=T0)
    worse, _ = send(cast.bruno, "worse", conversation=rude.conversation, now=T0)
    first = reports.report(rude, cast.ana, "rude\x00 words\u202e ")
    assert first.reason == "rude words"  # a NUL would not even reach PostgreSQL
    second = reports.report(worse, cast.ana, "")
    with pytest.raises(DomainError, match="already reported"):
        reports.report(worse, cast.ana, "twice")
    with pytest.raises(DomainError, match="You cannot report your own message."):
        reports.report(rude, cast.bruno, "")
    assert sum(r.is_open for r in reports.reports_of(cast.event)) == 2
    reports.dismiss(first, by=cast.organizer)
    reports.suspend_sender(second, by=cast.organizer)
    assert (first.status, second.status) == (ReportStatus.DISMISSED, ReportStatus.SENDER_SUSPENDED)
    with pytest.raises(DomainError, match="turned messaging off for you"):
        send(cast.bruno, "again", conversation=rude.conversation, now=T0)
    reports.restore_sender(cast.bruno, by=cast.organizer)
    send(cast.bruno, "sorry", conversation=rude.conversation, now=T0 + timedelta(minutes=5))
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == [
        "message_report.dismissed",
        "message_report.sender_suspended",
        "messaging.sender_restored",
    ]


def test_erasure_deletes_the_persons_conversations_and_my_data_lists_their_messages(cast):
    to_bruno, _ = send(cast.ana, "Hola Bruno", to=cast.bruno, now=T0)
    send(cast.bruno, "Hola Ana", conversation=to_bruno.conversation, now=T0)
    from_carla, _ = send(cast.carla, "Buenos días", to=cast.bruno, now=T0)
    reports.report(from_carla, cast.bruno, "")  # Bruno reports Carla
    send(cast.ana, "Hola Carla", to=cast.carla, now=T0)
    db.session.commit()

    data = person_data(cast.ana.user)
    (registration,) = data["registrations"]
    assert registration["messages_written"] == [
        {"to": "Bruno Ferrari", "sent_at": "2023-10-17T08:00:00+00:00", "text": "Hola Bruno"},
        {"to": "Carla Gutiérrez", "sent_at": "2023-10-17T08:00:00+00:00", "text": "Hola Carla"},
    ]

    erase_person(cast.bruno.user)
    db.session.commit()
    bodies = db.session.scalars(sa.select(Message.body)).all()
    assert bodies == ["Hola Carla"]  # Bruno's conversations went, both sides
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MessageReport)) == 0
    members = db.session.scalars(sa.select(ConversationMember.registration_id)).all()
    assert sorted(members) == sorted([cast.ana.id, cast.carla.id])
