"""A real Chromium at phone width: the organizer reads the meeting outcomes and corrects one
side's report through the real form (CSRF on, each form with its own prefix)."""

import os

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.meetings.models import Attendance, MeetingOutcome
from forum.meetings.services.outcomes import record_outcome
from tests.factories import PASSWORD, create_block, create_meeting, create_tables

pytestmark = pytest.mark.e2e
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")  # a folder, to look at the page by eye


def test_organizer_corrects_a_no_show_on_a_phone(
    browser, live_server, db, create_user, create_event, create_registration, axe_check
):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO Perú")
    event = create_event(organizers=[organizer])
    slots = create_block(event, slots=2).slots
    tables = create_tables(event, 1)
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria Cafetalera San Ignacio")
    luis = create_registration(event, "Luis Torres", "Fondo Andino de Inversión Rural")
    meeting = create_meeting(ana, luis, slot=slots[0], table=tables[0])
    at = slots[0].ends_at
    record_outcome(meeting, ana, "held", "investment", amount=1_200_000, now=at)
    record_outcome(meeting, luis, "no_show", "none", now=at)
    db.session.commit()

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/login?next=/events/{event.slug}/manage/")
    page.get_by_label("Email").fill(organizer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/events/{event.slug}/manage/")
    page.get_by_role("link", name="Meeting outcomes").click()
    expect(page.get_by_role("heading", name="Meeting outcomes")).to_be_visible()
    expect(page.locator(".badge", has_text="Disagreement")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_check(page) == []
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/outcomes-390.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.screenshot(path=f"{SCREENSHOTS}/outcomes-1280.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})

    page.get_by_text("Record or correct Luis Torres").click()
    prefix = f"#o{meeting.id}-{luis.id}"
    page.locator(f"{prefix}-attendance").select_option("held")
    page.locator(f"{prefix}-outcome").select_option("investment")
    page.locator(f"{prefix}-amount").fill("1000000")
    page.locator(f"{prefix}-notes").fill("Confirmed by phone")
    page.locator(f"{prefix}-notes").locator("xpath=..").get_by_role("button", name="Save").click()
    expect(page.get_by_text("The account of Luis Torres is saved.")).to_be_visible()
    # both held, both an investment discussion: the two reports no longer contradict
    expect(page.locator(".badge", has_text="Disagreement")).to_have_count(0)
    db.session.expire_all()
    report = db.session.scalar(sa.select(MeetingOutcome).filter_by(registration_id=luis.id))
    assert (report.attendance, report.amount, report.notes) == (
        Attendance.HELD,
        1_000_000,
        "Confirmed by phone",
    )
    context.close()
