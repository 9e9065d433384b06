import pytest

from forum.core.errors import DomainError
from forum.meetings.services.rules import MatchmakingRules, save_rules


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


def test_rules_page_saves_kinds_caps_and_self_booking(client, login, organizer, event, db):
    login(organizer)
    form = client.get("/events/hih-2023/manage/meetings/rules").get_data(as_text=True)
    assert 'name="request_expiry_hours"' in form and 'value="72"' in form
    response = client.post(
        "/events/hih-2023/manage/meetings/rules",
        data={
            "allow_b2g": "y",
            "max_requests_per_delegate": "10",
            "max_meetings_per_delegate": "",
            "request_expiry_hours": "48",
            "max_delegation_size": "2",
            "self_booking": "y",
        },
        follow_redirects=True,
        headers={"Accept-Language": "en"},
    )
    assert "Matchmaking rules saved." in response.get_data(as_text=True)
    assert MatchmakingRules.of(event) == MatchmakingRules(
        allow_b2b=False,
        allow_b2g=True,
        max_requests_per_delegate=10,
        max_meetings_per_delegate=None,
        request_expiry_hours=48,
        max_delegation_size=2,
        self_booking=True,
        messaging_enabled=False,  # its box was not ticked
    )


def test_rules_refuse_nonsense_and_keep_what_was_saved(client, login, organizer, event, db):
    login(organizer)
    html = client.post(
        "/events/hih-2023/manage/meetings/rules",
        data={
            "max_requests_per_delegate": "0",
            "request_expiry_hours": "0",
            "max_delegation_size": "40",
        },
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "Leave empty for no limit, or give at least 1." in html
    assert "Between 1 hour and 60 days." in html
    assert "Between 1 and 10 people." in html
    assert "Allow at least one kind of meeting." in html
    assert (event.allow_b2b, event.request_expiry_hours) == (True, 72)


def test_rules_page_is_for_this_events_organizers(client, login, create_user, create_event, event):
    other = create_user(email="other@x.example")
    create_event(slug="other", organizers=[other])
    login(other)
    assert client.get("/events/hih-2023/manage/meetings/rules").status_code == 403
    client.post(
        "/events/hih-2023/manage/meetings/rules",
        data={"request_expiry_hours": "1", "max_delegation_size": "1"},
    )
    assert event.request_expiry_hours == 72


def test_save_rules_service_refuses_negative_caps(event):
    with pytest.raises(DomainError) as error:
        save_rules(event, MatchmakingRules(max_meetings_per_delegate=-3))
    assert set(error.value.errors) == {"max_meetings_per_delegate"}
