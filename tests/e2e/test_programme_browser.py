"""A real Chromium: an organizer builds the programme, the public reads it, in two languages."""

from datetime import time

import pytest
from playwright.sync_api import expect

from forum.events.services import events as event_service
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def forum_event(create_user, create_event, create_session):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO", locale=None)
    event = create_event(organizers=[organizer])
    event_service.save_room(event, {"name": "Red Room", "capacity": 200})
    event_service.save_track(
        event, {"name_es": "Planes de inversión", "name_en": "Investment plans", "color": "#1b6ca8"}
    )
    create_session(event, title="Opening plenary", start=time(9), end=time(10))
    return event


def test_organizer_creates_session_and_public_sees_it(page, live_server, forum_event, axe_check):
    page.goto(f"{live_server}/login?next=/events/hih-2023/manage/")
    page.get_by_label("Email").fill("secretaria@fao.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Hand-in-Hand Investment Forum 2023")).to_be_visible()

    page.get_by_role("link", name="New session").click()
    page.get_by_label("Title").fill("Peru: coffee agroforestry in Jaén and San Ignacio")
    page.get_by_label("Kind").select_option("pitch")
    page.get_by_label("Day").fill("2023-10-17")
    page.get_by_label("Starts").fill("10:00")
    page.get_by_label("Ends").fill("11:30")
    page.get_by_label("Room", exact=True).select_option(label="Red Room")
    page.get_by_label("Track / theme").select_option(label="Investment plans")
    page.get_by_label("Speakers").fill("Renzo Guillén | FAO Perú | Punto focal")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("Session “Peru: coffee agroforestry in Jaén and San Ignacio” saved.")
    ).to_be_visible()

    page.goto(f"{live_server}/events/hih-2023/programme")
    item = page.locator("li", has_text="Peru: coffee agroforestry in Jaén and San Ignacio")
    expect(item).to_contain_text("10:00\u202fAM–11:30\u202fAM")
    expect(item).to_contain_text("Red Room")
    expect(item).to_contain_text("Renzo Guillén (FAO Perú)")
    expect(page.get_by_text("Tuesday, October 17, 2023")).to_be_visible()
    assert axe_check() == []


def test_visitor_switches_to_spanish(page, live_server, forum_event, axe_check):
    page.goto(f"{live_server}/events/hih-2023/programme")
    expect(page.get_by_role("heading", name="Programme", exact=True)).to_be_visible()
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change").click()
    expect(page.get_by_role("heading", name="Programa", exact=True)).to_be_visible()
    expect(page.get_by_text("lunes, 16 de octubre de 2023")).to_be_visible()
    expect(page.get_by_role("link", name="Iniciar sesión")).to_be_visible()
    assert axe_check() == []
    page.goto(f"{live_server}/")
    expect(page.get_by_role("heading", name="Foros de inversión y cooperación")).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/events/hih-2023/", "/login"])
def test_main_pages_pass_axe(page, live_server, forum_event, axe_check, path):
    page.goto(live_server + path)
    assert axe_check() == []


def test_programme_fits_a_phone(page, live_server, forum_event):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server}/events/hih-2023/programme")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
