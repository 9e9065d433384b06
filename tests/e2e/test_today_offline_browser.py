"""A real Chromium on a phone: a delegate opens Today, loses the network, reloads and still
reads the next meeting and the badge code; a page never opened shows the offline page."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

import forum.meetings.views.today as today_view
from forum.meetings.models import MeetingStatus
from forum.registration.services.checkin_lookup import short_code
from tests.factories import PASSWORD
from tests.factories.meetings import create_block, create_meeting, create_tables

pytestmark = pytest.mark.e2e

TODAY = "/events/hih-2023/today"
BETWEEN = datetime(2023, 10, 17, 8, 30, tzinfo=UTC)  # 10:30 in Rome, between two meetings
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def forum_day(create_event, create_registration, monkeypatch):
    monkeypatch.setattr(today_view, "utcnow", lambda: BETWEEN)
    event = create_event()
    rosa = create_registration(
        event, "Rosa Huamán", "Cooperativa Frontera San Ignacio", email="rosa@coop.example"
    )
    john = create_registration(event, "John Miller", "Andes Impact Fund")
    luis = create_registration(event, "Luis Ccori", "Gobierno Regional de Cajamarca")
    block = create_block(event)
    tables = create_tables(event, 2)
    published = MeetingStatus.PUBLISHED
    create_meeting(rosa, john, slot=block.slots[0], table=tables[0], status=published)
    create_meeting(luis, rosa, slot=block.slots[2], table=tables[1], status=published)
    return rosa, short_code(rosa)


def _kept(page, url: str) -> bool:
    return page.evaluate(
        """async (url) => {
            const pages = await caches.open("foro-pages-v1");
            const statics = await caches.open("foro-static-v1");
            return Boolean(await pages.match(url, {ignoreVary: true}))
                && Boolean(await statics.match("/bootstrap/static/css/bootstrap.min.css"))
                && Boolean(await statics.match("/offline"));
        }""",
        url,
    )


CONTROLLED = """() => navigator.serviceWorker.controller !== null || new Promise(
    (resolve) => navigator.serviceWorker.addEventListener("controllerchange", () => resolve(true))
)"""


def test_today_stays_readable_offline(browser, live_server, forum_day, axe_check):
    rosa, code = forum_day
    context = browser.new_context(locale="en-GB", viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/login?next={TODAY}")
    page.get_by_label("Email").fill(rosa.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    next_meeting = page.locator("section", has=page.locator("#next-h"))
    expect(next_meeting).to_contain_text("Luis Ccori")
    expect(page.locator("#badge-code")).to_have_text(code)

    # Waited for in the page's own promise: wait_for_function polls by eval(), which the
    # page's CSP (no 'unsafe-eval') refuses whenever the first check comes too early.
    page.evaluate(CONTROLLED)
    for _attempt in range(50):
        if _kept(page, page.url):
            break
        page.wait_for_timeout(100)
    assert _kept(page, page.url)

    context.set_offline(True)
    page.reload()
    expect(next_meeting).to_contain_text("10:50")
    expect(next_meeting).to_contain_text("Table 2")
    expect(next_meeting).to_contain_text("Luis Ccori")
    expect(page.locator("#badge-code")).to_have_text(code)
    expect(page.get_by_role("img", name="QR code of your badge")).to_be_visible()
    # Styles came from the worker's cache: the phone menu is collapsed behind its button
    expect(page.get_by_role("button", name="Menu")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert axe_check(page) == []  # this context's page, not the fixture's blank one

    page.goto(f"{live_server}/events/hih-2023/delegates")  # never opened
    expect(page.get_by_role("heading", name="You are offline", exact=True)).to_be_visible()
    expect(page.get_by_text("You are offline; this page was not opened before.")).to_be_visible()
    expect(page.get_by_text("No tiene conexión; esta página no se abrió antes.")).to_be_visible()
    assert axe_check(page) == []  # this context's page, not the fixture's blank one

    context.set_offline(False)
    page.goto(f"{live_server}/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    # Nothing of Rosa's is left on the phone (the worker may keep the site's static files again)
    assert "foro-pages-v1" not in page.evaluate("caches.keys()")
    assert page.evaluate(f"caches.match('{TODAY}', {{ignoreVary: true}})") is None
    context.close()
