"""A real Chromium on a phone: the organizer gives someone a role; the admin's user list."""

import pytest
from playwright.sync_api import expect

from forum.events.models import EventRole
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def people(db, create_user, create_event):
    olga = create_user(email="olga@fao.example", name="Olga Organizer")
    create_user(email="rosa@fao.example", name="Rosa Revisora")
    create_user(email="ada@fao.example", name="Ada Admin", admin=True)
    desk = create_user(email="desk@fao.example", name="Mesa")
    event = create_event([olga])
    db.session.add(EventRole(event=event, user=desk, role="desk"))
    db.session.commit()


def _log_in(page, live_server, email: str, next_path: str) -> None:
    page.goto(f"{live_server}/login?next={next_path}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _fits(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_organizer_adds_a_reviewer_on_a_phone(page, live_server, people, axe_check):
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server, "olga@fao.example", "/events/hih-2023/manage/team")
    expect(page.get_by_role("heading", name="Team", exact=True)).to_be_visible()
    page.get_by_label("Email").fill("rosa@fao.example")
    page.locator("#role").select_option("reviewer")
    page.get_by_role("button", name="Add to the team").click()
    expect(
        page.get_by_text("rosa@fao.example was added as Project reviewer and told by email.")
    ).to_be_visible()
    expect(page.get_by_label("Role of Rosa Revisora")).to_have_value("reviewer")
    _fits(page)
    assert axe_check() == []


def test_admin_user_list_on_a_phone(page, live_server, people, axe_check):
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server, "ada@fao.example", "/manage/users")
    page.get_by_label("Name or email").fill("REVISORA")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Accounts found: 1")).to_be_visible()
    page.get_by_role("button", name="Deactivate rosa@fao.example").click()
    expect(page.get_by_text("is deactivated and logged out everywhere.")).to_be_visible()
    expect(page.get_by_text("Deactivated", exact=True)).to_be_visible()
    _fits(page)
    assert axe_check() == []


def test_the_desk_sees_its_own_links_on_a_phone(page, live_server, people, axe_check):
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server, "desk@fao.example", "/events/hih-2023/manage/")
    expect(page.get_by_text("Your role in this event: Registration desk.")).to_be_visible()
    expect(page.get_by_role("link", name="Check-in")).to_be_visible()
    expect(page.get_by_role("link", name="Edit event")).to_have_count(0)
    expect(page.locator('nav a[href="/manage/events"]')).to_have_count(1)  # in the menu
    page.goto(f"{live_server}/manage/events")
    expect(page.get_by_role("link", name="Hand-in-Hand Investment Forum 2023")).to_be_visible()
    _fits(page)
    assert axe_check() == []
