"""A real Chromium: the user menu leads to "Your sessions", which ends the other ones; too many
failed logins get a page that offers a new password."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def _log_in(page, live_server, password=PASSWORD):
    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill("ana@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_your_sessions_from_the_user_menu(browser, page, live_server, create_user, axe_check):
    create_user(email="ana@example.org", name="Ana Quispe")
    other = browser.new_context(user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_1) Safari/604.1")
    phone = other.new_page()
    _log_in(phone, live_server)
    _log_in(page, live_server)

    page.get_by_role("button", name="Ana Quispe").click()
    page.get_by_role("link", name="Your sessions").click()
    expect(page.get_by_role("heading", name="Your sessions")).to_be_visible()
    expect(page.locator(".list-group-item")).to_have_count(2)
    expect(page.get_by_text("Safari on iPhone")).to_be_visible()
    expect(page.get_by_text("This device")).to_be_visible()
    assert axe_check() == []

    page.get_by_role("button", name="Log out everywhere else").click()
    expect(page.get_by_text("You are logged out everywhere else.")).to_be_visible()
    expect(page.locator(".list-group-item")).to_have_count(1)
    phone.goto(f"{live_server}/account/sessions")
    expect(phone.get_by_role("heading", name="Log in")).to_be_visible()
    other.close()


def test_too_many_failures_offer_a_new_password(page, live_server, create_user, axe_check):
    create_user(email="ana@example.org")
    for _ in range(5):
        _log_in(page, live_server, "not the password")
        expect(page.get_by_text("Wrong email or password.")).to_be_visible()
    _log_in(page, live_server)
    expect(page.get_by_role("heading", name="Too many attempts")).to_be_visible()
    expect(page.get_by_text("You can try again in 15 minutes.")).to_be_visible()
    assert axe_check() == []
    page.get_by_role("link", name="Get a new password by email").click()
    expect(page).to_have_url(f"{live_server}/password/forgot")
