"""A real Chromium: the organizer writes a mailing, previews it as a delegate, sends it and
reads the delivery log, at desktop width and on a phone."""

import os

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")  # a folder, to look at the pages by eye


def _fits_and_passes_axe(page, axe_check, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_check(page) == []
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_organizer_composes_previews_sends_and_reads_the_log(
    browser, live_server, db, create_user, create_event, create_registration, axe_check
):
    organizer = create_user(email="olga@fao.example", name="Olga Organizer")
    event = create_event(organizers=[organizer])
    create_registration(event, "Ana Quispe", "Cooperativa Jaén", locale="es")
    bruno = create_registration(event, "Bruno Banker", "Fondo Andino")
    db.session.commit()

    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/login?next=/events/hih-2023/manage/")
    page.get_by_label("Email").fill(organizer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/events/hih-2023/manage/")
    page.get_by_role("link", name="Mailings").click()
    page.get_by_role("link", name="Write a mailing").click()
    expect(page.get_by_text("2 people match these filters.")).to_be_visible()
    page.get_by_label("Subject in Spanish").fill("Hola {name}")
    page.get_by_label("Text in Spanish").fill("Su agenda: {agenda_link}")
    page.get_by_label("Subject in English").fill("Hello {name}")
    page.get_by_label("Text in English").fill("Dear {name} of {organisation}")
    page.get_by_role("button", name="Save the draft").click()

    expect(page.locator("#preview-subject")).to_have_text("Hola Ana Quispe")
    expect(page.locator("#preview-body")).to_contain_text("/events/hih-2023/me")
    page.get_by_label("As received by").select_option(str(bruno.id))
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("#preview-subject")).to_have_text("Hello Bruno Banker")
    expect(page.locator("#preview-body")).to_contain_text("Dear Bruno Banker of Fondo Andino")
    _fits_and_passes_axe(page, axe_check, "mailing-draft")

    page.get_by_role("button", name="Send to 2 people").click()
    expect(page.get_by_role("heading", name="Delivery log")).to_be_visible()
    expect(page.get_by_text("The mailing is in the outbox. Recipients: 2.")).to_be_visible()
    rows = page.locator("#delivery-log tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Spanish")  # named in the reader's language
    expect(rows.first).to_contain_text("Queued")
    _fits_and_passes_axe(page, axe_check, "mailing-log")

    page.get_by_role("link", name="Mailings").first.click()
    expect(page.get_by_text("0 sent, 2 queued, 0 failed")).to_be_visible()
    _fits_and_passes_axe(page, axe_check, "mailings")
    context.close()
