"""The mailed digest of unread messages: reader's language, one an hour, none once read."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from forum.extensions import db
from forum.messaging.services import digest
from forum.messaging.services.conversations import inbox, mark_read, send, thread
from forum.notifications.models import Mail

T0 = datetime(2023, 10, 17, 8, 0, tzinfo=UTC)  # 10:00 in Rome


def _mails():
    return db.session.scalars(sa.select(Mail).order_by(Mail.id)).all()


def test_one_digest_an_hour_in_the_readers_language_with_the_unread_messages(cast):
    first, _ = send(cast.ana, "Hola Bruno,\n¿nos vemos mañana?", to=cast.bruno, now=T0)
    assert digest.queue_digests(T0 + timedelta(minutes=4)) == []  # may still be read on the page
    assert len(digest.queue_digests(T0 + timedelta(minutes=6))) == 1
    assert digest.queue_digests(T0 + timedelta(minutes=7)) == []  # carried already
    send(
        cast.ana,
        "Te espero en la mesa 3",
        conversation=first.conversation,
        now=T0 + timedelta(minutes=10),
    )
    assert digest.queue_digests(T0 + timedelta(minutes=30)) == []  # within the hour
    assert len(digest.queue_digests(T0 + timedelta(minutes=67))) == 1
    mails = _mails()
    assert [m.recipient for m in mails] == [cast.bruno.user.email] * 2
    assert [m.locale for m in mails] == ["es", "es"]
    assert mails[0].subject == "1 mensaje nuevo en Hand-in-Hand Investment Forum 2023"
    assert mails[1].subject == "2 mensajes nuevos en Hand-in-Hand Investment Forum 2023"
    body = mails[1].body
    assert "2 mensajes que no ha leído." in body
    assert f"/events/hih-2023/messages/{first.conversation_id}" in body
    assert "Recibe como máximo un correo por hora sobre esta conversación" in body
    # the team reads the outbox: neither who wrote nor what reaches a mail
    for mail in mails:
        assert "Ana" not in mail.subject + mail.body
        assert "Hola Bruno" not in mail.body and "mesa 3" not in mail.body
    assert cast.ana.user.email not in [m.recipient for m in mails]  # the writer is not mailed


def test_no_digest_once_the_reader_has_read_the_messages(cast):
    message, _ = send(cast.bruno, "Ciao Ana", to=cast.ana, now=T0)
    conversation = message.conversation
    mark_read(conversation, cast.ana, thread(conversation)[0])
    assert digest.queue_digests(T0 + timedelta(hours=2)) == []
    assert _mails() == []
    assert [line.unread for line in inbox(cast.ana)] == [0]
    assert [line.unread for line in inbox(cast.bruno)] == [0]


def test_the_english_reader_gets_english_and_the_tick_counts_digests(cast, runner, monkeypatch):
    send(cast.bruno, "Ciao Ana", to=cast.ana, now=T0)
    db.session.commit()
    monkeypatch.setattr(digest, "utcnow", lambda: T0 + timedelta(minutes=10))
    result = runner.invoke(args=["forum", "tick"])
    assert result.output.startswith("0 reminder(s) and 1 message digest(s) queued;")
    (mail,) = _mails()
    assert mail.subject == "1 new message at Hand-in-Hand Investment Forum 2023"
    assert "Another delegate wrote to you at Hand-in-Hand Investment Forum 2023: 1" in mail.body
    assert "Bruno" not in mail.body and "Ciao" not in mail.body


def test_one_tick_writes_at_most_per_tick_digests_and_the_next_the_rest(cast, monkeypatch):
    monkeypatch.setattr(digest, "PER_TICK", 1)
    send(cast.ana, "Hola Bruno", to=cast.bruno, now=T0)
    send(cast.ana, "Hola Carla", to=cast.carla, now=T0)
    later = T0 + timedelta(minutes=10)
    assert len(digest.queue_digests(later)) == 1
    assert len(digest.queue_digests(later)) == 1
    assert digest.queue_digests(later) == []
    assert sorted(m.recipient for m in _mails()) == sorted(
        [cast.bruno.user.email, cast.carla.user.email]
    )


def test_the_digest_reads_in_full(cast):
    message, _ = send(cast.ana, "Hola Bruno,\n¿nos vemos mañana?", to=cast.bruno, now=T0)
    send(cast.ana, "Te espero", conversation=message.conversation, now=T0)
    digest.queue_digests(T0 + timedelta(minutes=10))
    (mail,) = _mails()
    assert mail.subject == "2 mensajes nuevos en Hand-in-Hand Investment Forum 2023"
    assert mail.body == (
        "Estimado/a Bruno Ferrari:\n\n"
        "Otra persona delegada le escribió en Hand-in-Hand Investment Forum 2023:\n"
        "2 mensajes que no ha leído.\n\n"
        "Lea y responda en Foro (no por correo). Por su privacidad, este correo\n"
        "no dice quién escribió ni qué:\n"
        f"http://127.0.0.1:5000/events/hih-2023/messages/{message.conversation_id}\n\n"
        "Recibe como máximo un correo por hora sobre esta conversación, y ninguno\n"
        "sobre mensajes que ya haya leído.\n\n"
        "-- \n"
        "Los organizadores de Hand-in-Hand Investment Forum 2023\n"
        "http://127.0.0.1:5000/events/hih-2023/\n"
    )
