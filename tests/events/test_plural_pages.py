"""Counts beside nouns go through Babel's plural forms: "1 day", "1 día", never "1 days"."""

import html
import re
from datetime import time

import pytest


def programme_size(client, language: str) -> str:
    page = client.get("/events/hih-2023/", headers={"Accept-Language": language})
    found = re.search(r'<p[^>]*id="programme-size"[^>]*>([^<]*)</p>', page.get_data(as_text=True))
    return html.unescape(found.group(1))


@pytest.mark.parametrize(
    ("sessions", "english", "spanish"),
    [
        (1, "1 session over 1 day", "1 sesión en 1 día"),
        (5, "5 sessions over 1 day", "5 sesiones en 1 día"),
    ],
)
def test_the_event_page_counts_sessions_and_days_with_plural_forms(
    client, create_event, create_session, sessions, english, spanish
):
    event = create_event()
    for hour in range(sessions):
        create_session(event, f"Mesa {hour + 1}", start=time(9 + hour), end=time(9 + hour, 45))
    assert programme_size(client, "en") == english
    assert programme_size(client, "es") == spanish


def test_two_days_are_days(client, create_event, create_session):
    event = create_event()
    create_session(event, "Apertura", day=0)
    create_session(event, "Clausura", day=1)
    assert programme_size(client, "en") == "2 sessions over 2 days"
    assert programme_size(client, "es") == "2 sesiones en 2 días"


def test_a_session_with_one_seat_says_seat(client, create_event, create_session):
    event = create_event()
    session = create_session(event, "Taller de cacao", capacity=1)
    page = client.get(
        f"/events/hih-2023/sessions/{session.id}", headers={"Accept-Language": "es"}
    ).get_data(as_text=True)
    assert "0 de 1 cupo ocupado." in html.unescape(page)
