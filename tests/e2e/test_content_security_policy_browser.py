"""A real Chromium under the Content-Security-Policy: the main pages break none of its rules
(no inline script or style refused), charts keep their colours, and the confirmations that
were onsubmit attributes still ask before deleting."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.reports.world import build_world

pytestmark = pytest.mark.e2e

ORGANIZER_PAGES = (
    "/",
    "/events/{slug}/",
    "/events/{slug}/programme",
    "/events/{slug}/delegates",
    "/events/{slug}/projects",
    "/events/{slug}/manage/",
    "/events/{slug}/manage/registrations",
    "/events/{slug}/manage/registrations/{ana}",
    "/events/{slug}/manage/participant-types",
    "/events/{slug}/manage/tags",
    "/events/{slug}/manage/checkin",
    "/events/{slug}/manage/meetings/grid",
    "/events/{slug}/manage/meetings/setup",
    "/events/{slug}/manage/meetings/schedule",
    "/events/{slug}/manage/projects",
    "/events/{slug}/manage/pitches",
    "/events/{slug}/manage/documents",
    "/events/{slug}/manage/outbox",
    "/events/{slug}/manage/mailings",
    "/events/{slug}/manage/report",
    "/events/{slug}/manage/survey",
)


def _watch(page) -> list[str]:
    """The policy's complaints: console errors and securitypolicyviolation events."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return found


def test_the_main_pages_break_no_rule_of_the_policy(browser, live_server, db):
    world = build_world()
    slug = world.event.slug
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    violations = _watch(page)
    page.goto(f"{live_server}/login")
    assert violations == []
    page.get_by_label("Email").fill(world.organizer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    seen = {}
    for pattern in ORGANIZER_PAGES:
        url = pattern.format(slug=slug, ana=world.ana.id)
        response = page.goto(f"{live_server}{url}")
        page.wait_for_load_state("load")
        seen[url] = (response.status, list(violations))
        violations.clear()
    assert {url: found for url, (_status, found) in seen.items() if found} == {}
    assert {url: status for url, (status, _found) in seen.items() if status != 200} == {}

    # The charts take their colours from static/css/charts.css, not from an inline <style>.
    page.goto(f"{live_server}/events/{slug}/manage/")
    bar = page.locator("#by-country .pygal-chart .color-0 rect").first
    assert bar.evaluate("rect => getComputedStyle(rect).fill") == "rgb(27, 94, 154)"
    context.close()


def test_a_confirmation_still_asks_before_deleting(browser, live_server, db):
    world = build_world()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    violations = _watch(page)
    page.goto(f"{live_server}/login?next=/events/{world.event.slug}/manage/tags")
    page.get_by_label("Email").fill(world.organizer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/events/{world.event.slug}/manage/tags")
    rows = page.locator("form[data-confirm]")
    before = rows.count()
    assert before > 0
    asked: list[str] = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    rows.first.get_by_role("button").click()
    page.wait_for_timeout(300)
    assert asked == ["Delete this tag? Delegates who chose it lose it."]
    expect(page.locator("form[data-confirm]")).to_have_count(before)  # nothing deleted

    page.once("dialog", lambda dialog: dialog.accept())
    rows.first.get_by_role("button").click()
    expect(page.locator("form[data-confirm]")).to_have_count(before - 1)
    assert violations == []
    context.close()
