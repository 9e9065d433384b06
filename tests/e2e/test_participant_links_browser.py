"""A real Chromium at phone width: an organizer marks a link as a meeting room; the public
reads "Link for registered participants", the approved delegate gets the link."""

from datetime import time

import pytest
from playwright.sync_api import expect

from forum.events.models import LinkAudience
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
ROOM = "https://meet.example.org/geospatial-workshop"


@pytest.fixture
def forum_event(create_user, create_event, create_session, create_registration):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO", locale="en")
    event = create_event(organizers=[organizer])
    create_session(
        event,
        title="Geospatial workshop",
        start=time(11),
        end=time(12),
        stream_url=ROOM,
        link_audience=LinkAudience.PUBLIC,  # the organizer turns it into a meeting room below
    )
    create_registration(event, "Ana Quispe", email="ana@coop.example")
    return event


def _log_in(page, live_server, email: str, then: str) -> None:
    page.goto(f"{live_server}/login?next={then}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_meeting_room_is_for_delegates_only(page, live_server, forum_event, axe_check):
    page.set_viewport_size({"width": 390, "height": 844})
    session = forum_event.sessions[0]
    _log_in(
        page,
        live_server,
        "secretaria@fao.example",
        f"/events/hih-2023/manage/sessions/{session.id}/edit",
    )
    page.get_by_label("Approved delegates only (a meeting room)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Session “Geospatial workshop” saved.")).to_be_visible()
    page.context.clear_cookies()  # a visitor without an account

    page.goto(f"{live_server}/events/hih-2023/programme")
    item = page.locator("li", has_text="Geospatial workshop")
    expect(item).to_contain_text("Online: Link for registered participants")
    expect(page.locator(f'a[href="{ROOM}"]')).to_have_count(0)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert axe_check() == []

    _log_in(page, live_server, "ana@coop.example", f"/events/hih-2023/sessions/{session.id}")
    link = page.get_by_role("link", name="Watch or join online")
    expect(link).to_have_attribute("href", ROOM)
    assert axe_check() == []
