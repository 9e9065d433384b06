"""The meeting request form: what it costs (statements) and that the fields it writes once
per worker (forum/core/form_html.py) are the very ones it would write, changes shown at once.

hih-2023 runs 16–20 Oct 2023; create_block puts four slots on Tuesday 17 Oct, morning.
"""

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from forum.core.form_html import EXTENSION
from forum.meetings.models import MeetingRequest
from forum.notifications.models import Mail
from tests.factories import create_block
from tests.query_count import count_statements

OPTION = re.compile(r'<option (?:selected )?value="([^"]*)">([^<]*)</option>')
# the CSRF tokens (signed with the second they were made in) apart
CSRF = re.compile(r'csrf[^>]*value="[^"]+|value="[^"]+" name="csrf_token"|data-csrf="[^"]+"')


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def people(event, create_registration):
    return create_registration(event, "Rosa Huamán"), create_registration(event, "John Miller")


def _url(people) -> str:
    return f"/events/hih-2023/delegates/{people[1].id}/request"


def _page(client, url: str, **headers) -> str:
    return CSRF.sub("", client.get(url, headers=headers).get_data(as_text=True))


def _times(html: str) -> list[str]:
    select = html[html.index('name="preferred_time"') :]
    return [value for value, _label in OPTION.findall(select[: select.index("</select>")])]


def test_the_kept_fields_are_the_fields_written_afresh(app, client, login, event, people):
    create_block(event)
    login(people[0].user)
    app.extensions.pop(EXTENSION, None)
    written = _page(client, _url(people))
    kept = _page(client, _url(people))
    assert kept == written
    app.extensions.pop(EXTENSION, None)
    assert _page(client, _url(people)) == written
    assert _times(kept) == ["", "/am", "2023-10-17", "2023-10-17/am"]
    assert "Send the request" in kept and "Request a meeting with John Miller" in kept


def test_each_language_and_each_new_time_shows_at_once(client, login, db, event, people):
    create_block(event)
    login(people[0].user)
    english = _page(client, _url(people))
    assert "Tuesday, October 17, 2023, morning" in english
    people[0].user.locale = "es"
    db.session.commit()
    spanish = _page(client, _url(people))
    assert "martes, 17 de octubre de 2023, por la mañana" in spanish
    assert "Enviar la solicitud" in spanish and "Send the request" not in spanish
    create_block(event, starts_at=datetime(2023, 10, 18, 13, 0, tzinfo=UTC))  # 15:00 in Rome
    db.session.commit()
    assert _times(_page(client, _url(people))) == [
        "", "/am", "/pm", "2023-10-17", "2023-10-17/am", "2023-10-18", "2023-10-18/pm",
    ]  # fmt: skip


def test_the_form_and_the_request_in_few_statements(client, login, db, event, people):
    create_block(event)
    login(people[0].user)
    url = _url(people)
    client.get(url)  # what a worker keeps (its first page)
    with count_statements(db) as form:
        page = client.get(url)
    assert page.status_code == 200
    # session and roles, event with the viewer, recipient with account and organisation, colleagues
    # with their accounts (not one by one), slot times, the menu's unread messages
    assert form.total == 6, form.statements
    with count_statements(db) as sent:
        answer = client.post(
            url, data={"message": "Hablemos", "priority": "2", "preferred_time": "/am"}
        )
    assert answer.status_code == 302 and answer.location.endswith("/events/hih-2023/meetings")
    # the form's 5 (the slot times read once, not again by the service), both delegates
    # locked, no open request between them, the request and the recipient's mail (the new
    # request's meeting is known to be none: not read)
    assert sent.total == 10, sent.statements
    request = db.session.scalar(sa.select(MeetingRequest))
    assert (request.requester_id, request.recipient_id, request.message) == (
        people[0].id,
        people[1].id,
        "Hablemos",
    )
    [mail] = db.session.scalars(sa.select(Mail)).all()
    assert mail.user_id == people[1].user_id
