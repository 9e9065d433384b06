"""A delegate of the Rome forum who lives in Lima sees Lima times beside Rome's, on a phone.

The browser's zone is Chromium's own (Playwright's timezone_id): static/js/time-zone.js
reads it, keeps it in a cookie and reports it to the server, which then writes both clocks.
"""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.accounts.models import User
from forum.demo.loader import load_delegates, load_event, read_forum
from forum.extensions import db
from forum.meetings.models import MeetingStatus
from forum.registration.models import Registration
from tests.factories import PASSWORD, create_block, create_meeting, create_tables
from tests.factories.accounts import password_hash

pytestmark = pytest.mark.e2e

SLUG = "hand-in-hand-2023"
NNBSP = "\u202f"
BEATRIZ = "beatriz.cabrera@midagri.example"  # MIDAGRI, Peru


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "timezone_id": "America/Lima",
        "locale": "en-GB",
        "viewport": {"width": 390, "height": 844},
    }


@pytest.fixture
def rome_forum(db):
    """The demo forum in Rome (Europe/Rome) and a meeting of Beatriz at 10:00 on 17 October."""
    event = load_event(read_forum(SLUG))
    load_delegates(event, password_hash())
    db.session.commit()

    def delegate(email):
        return db.session.scalar(
            sa.select(Registration)
            .join(User)
            .where(Registration.event_id == event.id, User.email == email)
        )

    block = create_block(event)  # 17 Oct 2023, 10:00 in Rome (summer time): 03:00 in Lima
    table = create_tables(event, 1)[0]
    create_meeting(
        delegate(BEATRIZ),
        delegate("chiara.bellandi@fao.example"),
        slot=block.slots[0],
        table=table,
        status=MeetingStatus.PUBLISHED,
    )
    return event


def _no_overflow(page):
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_delegate_in_lima_sees_lima_times_beside_romes(page, live_server, rome_forum, axe_check):
    page.goto(f"{live_server}/login?next=/events/{SLUG}/")
    page.get_by_label("Email").fill(BEATRIZ)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_response(lambda r: r.url.endswith("/account/time-zone/detected")) as report:
        page.get_by_role("button", name="Log in").click()
    assert report.value.json() == {"stored": True, "timezone": "America/Lima"}
    db.session.expire_all()
    user = db.session.scalar(sa.select(User).where(User.email == BEATRIZ))
    assert (user.timezone, user.timezone_chosen) == ("America/Lima", False)

    page.goto(f"{live_server}/events/{SLUG}/programme")
    expect(page.locator("#zone-note")).to_contain_text("Your own time (Lima) is shown beside them.")
    opening = page.locator("li", has_text="Opening plenary: investing in agrifood")
    expect(opening).to_contain_text(f"9:30{NNBSP}AM–11:00{NNBSP}AM Rome time")
    expect(opening).to_contain_text(f"2:30{NNBSP}AM–4:00{NNBSP}AM in Lima")
    _no_overflow(page)
    assert axe_check() == []

    page.goto(f"{live_server}/events/{SLUG}/meetings")
    meeting = page.locator("#meetings li").first
    expect(meeting).to_contain_text("Chiara Bellandi")
    expect(meeting).to_contain_text(f"10:00{NNBSP}AM–10:20{NNBSP}AM Rome time")
    expect(meeting).to_contain_text(f"3:00{NNBSP}AM–3:20{NNBSP}AM in Lima")
    _no_overflow(page)
    assert axe_check() == []


def test_a_choice_on_the_account_page_is_kept(page, live_server, rome_forum, axe_check):
    page.goto(f"{live_server}/login?next=/account/time-zone")
    page.get_by_label("Email").fill(BEATRIZ)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Your time zone").select_option("America/Bogota")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Time zone saved: America/Bogota.")).to_be_visible()
    expect(page.locator("#current-zone")).to_contain_text("America/Bogota, chosen by you")
    _no_overflow(page)
    assert axe_check() == []
    page.goto(f"{live_server}/events/{SLUG}/programme")  # the browser still says Lima
    opening = page.locator("li", has_text="Opening plenary: investing in agrifood")
    expect(opening).to_contain_text(
        f"2:30{NNBSP}AM–4:00{NNBSP}AM in Bogota"
    )  # CLDR: Bogotá in Spanish


def test_a_visitor_sees_lima_times_from_the_second_page(page, live_server, rome_forum):
    page.goto(f"{live_server}/events/{SLUG}/")
    page.goto(f"{live_server}/events/{SLUG}/programme")
    opening = page.locator("li", has_text="Opening plenary: investing in agrifood")
    expect(opening).to_contain_text(f"2:30{NNBSP}AM–4:00{NNBSP}AM in Lima")
    cookie = next(c for c in page.context.cookies() if c["name"] == "foro_tz")
    assert cookie["value"] == "America/Lima"
