"""A meeting request offers only the days and half-days that have meeting slots.

hih-2023 runs 16–20 Oct 2023 in Rome; its one meeting block is on Tuesday 17 Oct from
10:00 (08:00 UTC), four slots of 20 minutes: a morning, no afternoon, no other day.
"""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.meetings.models import HalfDay, MeetingRequest
from forum.meetings.services import requests as service
from forum.meetings.services.preferences import Preference, offered
from tests.factories import create_block

OPTION = re.compile(r'<option (?:selected )?value="([^"]*)">([^<]*)</option>')


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def people(event, create_registration):
    return create_registration(event, "Rosa Huamán"), create_registration(event, "John Miller")


def _url(people) -> str:
    return f"/events/hih-2023/delegates/{people[1].id}/request"


def _options(html: str) -> list[tuple[str, str]]:
    select = html[html.index('name="preferred_time"') :]
    return OPTION.findall(select[: select.index("</select>")])


def test_before_any_slot_every_day_and_half_is_offered(event):
    choices = offered(event)
    assert len(choices) == 3 + 5 * 3
    assert choices[:4] == [
        Preference(),
        Preference(None, HalfDay.MORNING),
        Preference(None, HalfDay.AFTERNOON),
        Preference(date(2023, 10, 16)),
    ]


def test_form_offers_only_the_times_with_slots(client, login, db, event, people):
    create_block(event)
    login(people[0].user)
    html = client.get(_url(people), headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert _options(html) == [
        ("", "Any time"),
        ("/am", "Any morning"),
        ("2023-10-17", "Tuesday, October 17, 2023"),
        ("2023-10-17/am", "Tuesday, October 17, 2023, morning"),
    ]
    people[0].user.locale = "es"  # a signed-in delegate reads their own language
    db.session.commit()
    spanish = client.get(_url(people)).get_data(as_text=True)
    assert ("2023-10-17/am", "martes, 17 de octubre de 2023, por la mañana") in _options(spanish)


@pytest.mark.parametrize("forged", ["2023-10-16", "2023-10-17/pm", "/pm", "2023-13-45/xx"])
def test_a_forged_time_gets_a_form_error_and_nothing_is_sent(
    client, login, db, event, people, forged
):
    create_block(event)
    login(people[0].user)
    response = client.post(
        _url(people),
        data={"priority": "2", "message": "Hablemos de café", "preferred_time": forged},
        headers={"Accept-Language": "en"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There are no meeting slots at that time: choose one of the times offered." in html
    assert "Hablemos de café" in html  # what was typed is still there
    assert db.session.scalar(sa.select(sa.func.count(MeetingRequest.id))) == 0


def test_the_service_refuses_a_time_without_slots(event, people):
    create_block(event)
    with pytest.raises(DomainError) as refused:
        service.send_request(event, *people, preferred_half=HalfDay.AFTERNOON)
    assert refused.value.errors == {
        "preferred_time": [
            "There are no meeting slots at that time: choose one of the times offered."
        ]
    }
    kept = service.send_request(
        event, *people, preferred_day=date(2023, 10, 17), preferred_half=HalfDay.MORNING
    )
    assert (kept.preferred_day, kept.preferred_half) == (date(2023, 10, 17), HalfDay.MORNING)
