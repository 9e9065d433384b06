"""Delegates write to each other: the pages, who opens them, bad input, blocking, the switch."""

import sqlalchemy as sa

from forum.extensions import db
from forum.messaging.models import Conversation, Message
from forum.messaging.services.conversations import send


def _with(cast, registration):
    return f"/events/{cast.event.slug}/messages/with/{registration.id}"


def _messages():
    return db.session.scalars(sa.select(Message).order_by(Message.id)).all()


def test_a_delegate_writes_from_a_profile_and_the_reader_sees_it_unread_then_read(
    client, login, cast
):
    login(cast.ana.user)
    profile = client.get(f"/events/{cast.event.slug}/delegates/{cast.bruno.id}").text
    assert f'href="{_with(cast, cast.bruno)}"' in profile
    page = client.get(_with(cast, cast.bruno)).text
    assert "No messages yet." in page
    answer = client.post(_with(cast, cast.bruno), data={"body": "Hola <b>Bruno</b>\nSegunda línea"})
    conversation = db.session.scalar(sa.select(Conversation))
    assert answer.headers["Location"] == f"/events/{cast.event.slug}/messages/{conversation.id}"
    assert [m.body for m in _messages()] == ["Hola <b>Bruno</b>\nSegunda línea"]
    # the first page opens the same conversation from now on
    assert client.get(_with(cast, cast.bruno)).headers["Location"].endswith(f"/{conversation.id}")
    client.post("/logout")

    login(cast.bruno.user)
    inbox = client.get(f"/events/{cast.event.slug}/messages/").text
    assert 'id="messages-link"' in inbox and "Mensajes <span" in inbox
    assert '<span class="badge text-bg-danger">1</span>' in inbox
    assert 'Ana Quispe</span><span class="text-body-secondary">, Cooperativa Oro Verde' in inbox
    assert "1 sin leer" in inbox
    assert "Hola &lt;b&gt;Bruno&lt;/b&gt;\nSegunda línea</div>" in inbox  # its first words
    thread = client.get(f"/events/{cast.event.slug}/messages/{conversation.id}").text
    # plain text: the HTML is shown as typed, the line break kept by the page's CSS
    assert "Hola &lt;b&gt;Bruno&lt;/b&gt;\nSegunda línea" in thread
    assert "<b>Bruno</b>" not in thread
    again = client.get(f"/events/{cast.event.slug}/messages/").text
    assert "sin leer" not in again and "text-bg-danger" not in again
    reply = client.post(
        f"/events/{cast.event.slug}/messages/{conversation.id}", data={"body": "¡Hola Ana!"}
    )
    assert reply.status_code == 302
    assert [m.sender_id for m in _messages()] == [cast.ana.id, cast.bruno.id]


def test_only_the_two_sides_open_a_conversation(client, login, cast):
    message, _ = send(cast.ana, "Private words", to=cast.bruno)
    db.session.commit()
    url = f"/events/{cast.event.slug}/messages/{message.conversation_id}"
    assert client.get(url).headers["Location"].startswith("/login")
    for user in (cast.carla.user, cast.organizer):
        login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, data={"body": "intrusion"}).status_code == 404
        client.post("/logout")
    login(cast.organizer)
    reports = client.get(f"/events/{cast.event.slug}/manage/messages/reports").text
    assert "Private words" not in reports and "No message has been reported." in reports
    assert len(_messages()) == 1


def test_bad_input_is_refused_with_a_message_and_the_text_kept(client, login, cast):
    login(cast.ana.user)
    huge = "a" * 100_000
    page = client.post(_with(cast, cast.bruno), data={"body": huge})
    assert page.status_code == 200
    assert "A message may have at most 4,000 characters; this one has 100,000." in page.text
    assert huge in page.text  # kept in the form
    assert (
        "Write a message before sending it."
        in client.post(_with(cast, cast.bruno), data={"body": " \n\x00 "}).text
    )
    assert _messages() == [] and db.session.scalar(sa.select(Conversation)) is None
    sent = client.post(
        _with(cast, cast.bruno), data={"body": "Bell\x07 and\x1b[31m escape\r\nnext"},
        follow_redirects=True,
    )  # fmt: skip
    assert "Invisible control characters were removed from your message." in sent.text
    assert [m.body for m in _messages()] == ["Bell and[31m escape\nnext"]


def test_fifty_messages_a_minute_stop_at_ten_with_the_text_kept(client, login, cast):
    login(cast.ana.user)
    client.post(_with(cast, cast.bruno), data={"body": "message 1"})
    url = f"/events/{cast.event.slug}/messages/{db.session.scalar(sa.select(Conversation.id))}"
    refused = 0
    for n in range(2, 51):
        answer = client.post(url, data={"body": f"message {n}"})
        if answer.status_code == 200:
            refused += 1
            assert "You have sent 10 messages in the last minute" in answer.text
            assert f"message {n}</textarea>" in answer.text
    assert refused == 40
    assert [m.body for m in _messages()] == [f"message {n}" for n in range(1, 11)]


def test_a_block_stops_both_sides_and_keeps_the_history(client, login, cast):
    message, _ = send(cast.ana, "Buy my coffee", to=cast.bruno)
    db.session.commit()
    url = f"/events/{cast.event.slug}/messages/{message.conversation_id}"
    login(cast.bruno.user)
    blocked = client.post(f"{url}/block", follow_redirects=True).text
    assert "Ha bloqueado a Ana Quispe" in blocked and "Buy my coffee" in blocked
    assert "Desbloquear a Ana Quispe" in blocked and 'name="body"' not in blocked
    client.post("/logout")
    login(cast.ana.user)
    page = client.get(url).text
    assert "Buy my coffee" in page and "This person does not accept your messages." in page
    refused = client.post(url, data={"body": "Please?"})
    assert "This person does not accept your messages." in refused.text
    assert len(_messages()) == 1
    client.post("/logout")
    login(cast.bruno.user)
    client.post(f"{url}/unblock")
    assert client.post(url, data={"body": "Vale"}).status_code == 302
    assert len(_messages()) == 2


def test_messaging_off_for_the_event_keeps_the_history_readable(client, login, cast):
    message, _ = send(cast.ana, "Before the switch", to=cast.bruno)
    db.session.commit()
    login(cast.organizer)
    rules = f"/events/{cast.event.slug}/manage/meetings/rules"
    form = {
        "allow_b2b": "y", "allow_b2g": "y", "request_expiry_hours": "72",
        "max_delegation_size": "3",
    }  # fmt: skip
    assert client.post(rules, data=form).status_code == 302
    db.session.refresh(cast.event)
    assert cast.event.messaging_enabled is False
    client.post("/logout")
    login(cast.ana.user)
    url = f"/events/{cast.event.slug}/messages/{message.conversation_id}"
    page = client.get(url).text
    assert "Before the switch" in page
    assert "The organizers have turned messaging off for this event." in page
    assert "The organizers have turned messaging off" in client.post(url, data={"body": "x"}).text
    assert (
        "Write a message"
        not in client.get(f"/events/{cast.event.slug}/delegates/{cast.carla.id}").text
    )
    assert len(_messages()) == 1


def test_a_reported_message_is_the_only_one_organizers_read(client, login, cast):
    send(cast.ana, "Unrelated and private", to=cast.bruno)
    spam, _ = send(cast.bruno, "Send me money", to=cast.ana)
    db.session.commit()
    login(cast.ana.user)
    url = f"/events/{cast.event.slug}/messages/{spam.conversation_id}/report/{spam.id}"
    assert client.post(url, data={"reason": "Scam"}).status_code == 302
    assert "already reported" in client.post(url, data={"reason": "again"}).text
    client.post("/logout")
    login(cast.organizer)
    page = client.get(f"/events/{cast.event.slug}/manage/messages/reports").text
    assert "Send me money" in page and "Scam" in page
    assert "Unrelated and private" not in page
