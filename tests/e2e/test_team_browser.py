"""A real Chromium on a phone: the organizer gives someone a role; the admin's user list."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def people(create_user, create_event):
    olga = create_user(email="olga@fao.example", name="Olga Organizer")
    create_user(email="rosa@fao.example", name="Rosa Revisora")
    create_user(email="ada@fao.example", name="Ada Admin", admin=True)
    create_event([olga])


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
