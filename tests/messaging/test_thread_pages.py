"""A long conversation is read fifty messages at a time, newest first, earlier ones a link
away; a long inbox in pages of fifty conversations."""

import re

import sqlalchemy as sa

from forum.messaging.models import ConversationMember, Message
from tests.web.page_world import build

PASSWORD = "correct horse battery"


def _bodies(html: str) -> list[str]:
    return re.findall(r'<div class="message-body">(.*?)</div>', html)


def test_a_long_conversation_shows_the_newest_fifty_then_the_earlier_ones(client, db):
    side = build("talk", 400, "t")  # 102 messages in the first conversation
    assert side.thread == 102
    client.post("/login", data={"email": side.viewer_email, "password": PASSWORD})
    address = f"/events/talk/messages/{side.conversation_id}"
    html = client.get(address).get_data(as_text=True)
    assert _bodies(html) == [f"Message {m}" for m in range(52, 102)]
    first = db.session.scalar(
        sa.select(sa.func.min(Message.id)).where(Message.conversation_id == side.conversation_id)
    )
    earlier = f"{address}?before={first + 52}"
    assert f'href="{earlier}"' in html and 'id="latest"' not in html
    html = client.get(earlier).get_data(as_text=True)
    assert _bodies(html) == [f"Message {m}" for m in range(2, 52)]
    assert f'href="{address}?before={first + 2}"' in html and f'href="{address}"' in html
    html = client.get(f"{address}?before={first + 2}").get_data(as_text=True)
    assert _bodies(html) == ["Message 0", "Message 1"] and 'id="earlier"' not in html
    # reading the newest page marks everything read, an earlier page moves nothing back
    member = db.session.scalar(
        sa.select(ConversationMember).where(
            ConversationMember.conversation_id == side.conversation_id,
            ConversationMember.registration_id == side.viewer_id,
        )
    )
    assert member.last_read_id == first + 101


def test_a_long_inbox_comes_in_pages_of_fifty(client, db):
    side = build("many", 1000, "m")  # 52 conversations
    client.post("/login", data={"email": side.viewer_email, "password": PASSWORD})
    first = client.get("/events/many/messages/").get_data(as_text=True)
    second = client.get("/events/many/messages/?page=2").get_data(as_text=True)
    links = r'href="/events/many/messages/(\d+)"'
    shown = re.findall(links, first), re.findall(links, second)
    assert (len(shown[0]), len(shown[1])) == (50, 2)
    assert not set(shown[0]) & set(shown[1])
    assert "Page 1 of 2" in first and 'href="/events/many/messages/?page=2"' in first
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ConversationMember)) == 104
