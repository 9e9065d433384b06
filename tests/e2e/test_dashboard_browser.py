"""A real Chromium: the organizer reads the dashboard on a phone and follows a figure to the
list it counts, filtered (the desk list, then the meeting outcomes)."""

import os

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.reports.world import build_world

pytestmark = pytest.mark.e2e
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")  # a folder, to look at the page by eye


def test_a_figure_leads_to_the_filtered_list_it_counts(browser, live_server, db, axe_check):
    world = build_world()
    slug = world.event.slug
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/login?next=/events/{slug}/manage/")
    page.get_by_label("Email").fill(world.organizer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/events/{slug}/manage/")

    expect(page.get_by_role("heading", name="Participation")).to_be_visible()
    expect(page.locator("#by-country svg")).to_be_visible()  # the chart, drawn on the server
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_check(page) == []
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/dashboard-390.png", full_page=True)

    # Peru: 2 approved delegates -> the desk list of approved delegates from Peru
    peru = page.locator("#by-country tr", has_text="Peru").get_by_role("link")
    expect(peru).to_have_text("2")
    peru.click()
    page.wait_for_url("**/manage/registrations?status=approved&country=PE")
    expect(page.locator("#f-country")).to_have_value("PE")
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_role("link", name="Ana Quispe")).to_be_visible()
    expect(page.get_by_role("link", name="Bruno Díaz")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # the held meetings -> the outcomes list showing only those
    page.go_back()
    page.locator("#attendance tr", has_text="Held").get_by_role("link").click()
    page.wait_for_url("**/manage/meetings/outcomes?show=held")
    expect(page.locator("#listed-count")).to_have_text("Meetings listed: 1")
    context.close()
