"""A real Chromium through the mailed links: an invitation from the desk, a forgotten password."""

import dataclasses
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.accounts.services import invitations
from forum.notifications.models import Mail
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "terraza de cafe 2024"


def _last_link(db, recipient: str, path: str) -> str:
    """The path of the link to `path` in the newest mail to `recipient`."""
    db.session.commit()  # a fresh read: the live server wrote the mail
    mail = db.session.scalar(
        sa.select(Mail).where(Mail.recipient == recipient).order_by(Mail.id.desc()).limit(1)
    )
    url = re.search(rf"^https?://\S+({path}\S+)$", mail.body, re.MULTILINE)
    return url.group(1)


def test_a_delegate_added_by_the_desk_accepts_the_invitation(
    browser, live_server, db, create_user, create_event, axe_check, monkeypatch
):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO")
    create_event(organizers=[organizer])
    desk = browser.new_context(locale="en").new_page()
    desk.goto(f"{live_server}/login?next=/events/hih-2023/manage/registrations")
    desk.locator("#email").fill("secretaria@fao.example")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#submit").click()
    desk.get_by_role("link", name="Add a delegate").click()
    desk.locator("#name").fill("Rosa Huamán")
    desk.locator("#email").fill("rosa@coop.example")
    desk.locator("#organisation_id").select_option("new")
    desk.locator("#org_name").fill("Cooperativa San Ignacio")
    desk.locator("#org_type").select_option("producer_org")
    desk.locator("#org_country").select_option("PE")
    desk.locator("#locale").select_option("en")
    desk.locator("#submit").click()
    expect(desk.get_by_text("an invitation has been sent to rosa@coop.example")).to_be_visible()

    rosa = browser.new_context(locale="en").new_page()
    link = _last_link(db, "rosa@coop.example", "/invitation/")
    # A week later: the link has expired, and the page offers a new one.
    expired = dataclasses.replace(invitations.INVITATION_LINK, max_age=-1)
    monkeypatch.setattr(invitations, "INVITATION_LINK", expired)
    rosa.goto(live_server + link)
    expect(rosa.locator("#refusal")).to_have_text(
        "This invitation has expired: an invitation is valid for 7 days."
    )
    assert axe_check(rosa) == []
    rosa.get_by_role("button", name="Send me a new invitation").click()
    expect(rosa.get_by_role("heading", name="Check your mail")).to_be_visible()
    monkeypatch.undo()

    rosa.goto(live_server + _last_link(db, "rosa@coop.example", "/invitation/"))
    expect(rosa.get_by_text("made with the address rosa@coop.example")).to_be_visible()
    assert axe_check(rosa) == []
    rosa.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    rosa.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    rosa.get_by_role("button", name="Choose this password").click()
    expect(rosa.get_by_text("Welcome, Rosa Huamán: your password is set.")).to_be_visible()
    assert rosa.url == f"{live_server}/events/hih-2023/me"
    expect(rosa.locator("#registration-status")).to_have_text("approved")


def test_a_forgotten_password_is_reset_through_the_mail(
    browser, live_server, db, create_user, axe_check
):
    create_user(email="ana@coop.example", name="Ana Quispe")
    page = browser.new_context(locale="en").new_page()
    page.goto(f"{live_server}/login")
    page.get_by_role("link", name="Forgot your password?").click()
    assert axe_check(page) == []
    page.get_by_label("Email").fill("ana@coop.example")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", name="Check your mail")).to_be_visible()

    page.goto(live_server + _last_link(db, "ana@coop.example", "/password/reset/"))
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    assert axe_check(page) == []
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the password").click()
    expect(page.get_by_text("Your new password is set and you are logged in.")).to_be_visible()
