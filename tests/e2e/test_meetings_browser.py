"""A real Chromium: a cooperative asks the regional government for a meeting (B2G), the
government accepts, the organizer schedules and publishes, both see the same time and table."""

from datetime import date, time

import pytest
import sqlalchemy as sa
from babel.dates import format_date, format_time
from playwright.sync_api import expect

from forum.events.models import SessionKind
from forum.meetings.models import Meeting, MeetingKind, MeetingStatus
from forum.registration.models import OrganisationType
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

SLUG = "foro-cajamarca"
MESSAGE = "Cofinanciamiento PROCOMPITE para renovar cafetales"


@pytest.fixture
def cajamarca_forum(create_user, create_event, create_session, create_organisation):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO Perú")
    event = create_event(
        slug=SLUG,
        name="Foro de Inversiones Cajamarca 2023",
        city="Cajamarca",
        country="PE",
        venue="Centro de Convenciones",
        timezone="America/Lima",
        start_date=date(2023, 11, 28),
        end_date=date(2023, 11, 30),
        organizers=[organizer],
    )
    create_session(
        event,
        title="Rueda de negocios B2B/B2G",
        day=date(2023, 11, 29),
        start=time(15),
        end=time(17),
        kind=SessionKind.B2B,
    )
    return event


@pytest.fixture
def delegates(cajamarca_forum, create_user, create_registration, create_organisation):
    cooperative = create_registration(
        cajamarca_forum,
        user=create_user(email="rosa@coop-sanignacio.example", name="Rosa Huamán Quispe"),
        organisation=create_organisation(
            "Cooperativa Agraria Cafetalera San Ignacio",
            type=OrganisationType.PRODUCER_ORGANISATION,
            country="PE",
            region="Cajamarca",
        ),
        job_title="Presidenta",
    )
    government = create_registration(
        cajamarca_forum,
        user=create_user(email="jorge@regioncajamarca.example", name="Jorge Chávez Rojas"),
        organisation=create_organisation(
            "Gobierno Regional de Cajamarca",
            type=OrganisationType.REGIONAL_GOVERNMENT,
            country="PE",
            region="Cajamarca",
        ),
        job_title="Gerente de Desarrollo Económico",
    )
    return cooperative, government


def _log_in(browser, live_server, email, next_path):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/login?next={next_path}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}{next_path}")
    return context, page


def test_cooperative_meets_regional_government(
    browser, live_server, cajamarca_forum, delegates, db, axe_check
):
    cooperative, government = delegates
    manage = f"/events/{SLUG}/manage/meetings"
    mine = f"/events/{SLUG}/meetings"

    # The organizer makes 20-minute slots with 5-minute breaks and two tables.
    org_context, organizer = _log_in(
        browser, live_server, "secretaria@fao.example", f"{manage}/setup"
    )
    block = organizer.get_by_role("article", name="Rueda de negocios B2B/B2G")
    expect(block).to_contain_text("Nov 29, 2023, 3:00\u202fPM–5:00\u202fPM")
    block.get_by_label("Slot length (minutes)").fill("20")
    block.get_by_label("Break between slots (minutes)").fill("5")
    block.get_by_role("button", name="Save the slots").click()
    expect(organizer.get_by_text("“Rueda de negocios B2B/B2G”: 5 slots.")).to_be_visible()
    expect(block).to_contain_text(
        "5 slots of 20 minutes with 5-minute breaks, from 3:00\u202fPM to 5:00\u202fPM."
    )
    add_tables = organizer.get_by_role("form", name="Add tables")
    add_tables.get_by_label("Number of tables").fill("2")
    add_tables.get_by_role("button", name="Add tables").click()
    expect(organizer.get_by_text("2 tables added.")).to_be_visible()
    tables = organizer.get_by_role("table", name="Meeting tables of Foro de Inversiones Cajamarca")
    expect(tables.locator("tbody tr")).to_have_count(2)

    # The cooperative finds the regional government in the directory and asks for a meeting.
    coop_context, coop = _log_in(
        browser, live_server, "rosa@coop-sanignacio.example", f"/events/{SLUG}/delegates"
    )
    coop.get_by_label("Organisation type").select_option("regional_gov")
    coop.get_by_role("button", name="Search").click()
    expect(coop.get_by_text("1 delegate", exact=True)).to_be_visible()
    coop.get_by_role("link", name="Jorge Chávez Rojas").click()
    expect(coop.get_by_role("heading", name="Jorge Chávez Rojas")).to_be_visible()
    coop.get_by_role("link", name="Request a meeting").click()
    expect(coop.get_by_text("This will be a B2G meeting (business to government).")).to_be_visible()
    coop.get_by_label("Message").fill(MESSAGE)
    coop.get_by_label("Must meet").check()
    coop.get_by_role("button", name="Send the request").click()
    expect(coop.get_by_text("Your request has been sent to Jorge Chávez Rojas.")).to_be_visible()
    assert coop.url == f"{live_server}{mine}"
    sent = coop.locator("#sent li")
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text("Jorge Chávez Rojas, Gobierno Regional de Cajamarca")
    expect(sent.get_by_title("business to government")).to_have_text("B2G")
    expect(sent).to_contain_text("pending")
    expect(sent).to_contain_text("Must meet")
    expect(sent).to_contain_text(MESSAGE)

    # The regional government accepts.
    gov_context, gov = _log_in(browser, live_server, "jorge@regioncajamarca.example", mine)
    received = gov.locator("#received li")
    expect(received).to_have_count(1)
    expect(received).to_contain_text(
        "Rosa Huamán Quispe, Cooperativa Agraria Cafetalera San Ignacio"
    )
    expect(received.get_by_title("business to government")).to_have_text("B2G")
    expect(received).to_contain_text(MESSAGE)
    received.get_by_role("button", name="Accept Rosa Huamán Quispe").click()
    expect(
        gov.get_by_text("You have accepted the meeting with Rosa Huamán Quispe.")
    ).to_be_visible()
    expect(gov.locator("#meetings li")).to_contain_text("Not yet scheduled")

    # The organizer previews a schedule (fill), applies it and publishes it.
    organizer.get_by_role("link", name="Schedule", exact=True).click()
    expect(organizer.get_by_role("heading", name="Meeting schedule")).to_be_visible()
    schedule_page = organizer.url
    organizer.get_by_label("Fill: place the unscheduled meetings").check()
    organizer.get_by_label("Time limit (seconds)").fill("1")
    organizer.get_by_role("button", name="Preview").click()
    # The run's page shows its progress and reloads itself every 3 s until the plan is there.
    expect(organizer.get_by_role("heading", name="Preview")).to_be_visible(timeout=20_000)
    expect(organizer.locator("#preview-stats")).to_contain_text("1 of 1")
    expect(organizer.locator("#preview-changes")).to_contain_text("1 new placements, 0 moves")
    placements = organizer.get_by_role("table", name="Changes (1)")
    expect(placements).to_contain_text("Rosa Huamán Quispe")
    expect(placements).to_contain_text("Jorge Chávez Rojas")
    assert axe_check(organizer) == []  # the preview, with its table of placements
    organizer.get_by_role("button", name="Apply this schedule").click()
    expect(organizer.get_by_text("Schedule applied: 1 meeting placed or moved.")).to_be_visible()
    organizer.once("dialog", lambda dialog: dialog.accept())
    organizer.get_by_role("button", name="Publish the schedule").click()
    expect(organizer.get_by_text("Schedule published: 2 delegates notified.")).to_be_visible()
    organizer.goto(schedule_page)  # publishing is a job: its own page told the result
    counts = organizer.locator("#meeting-counts")
    expect(counts).to_contain_text("With a slot and table")
    expect(counts.locator("dd").nth(1)).to_have_text("1")
    expect(counts).to_contain_text("Yes, since")
    assert axe_check(organizer) == []

    # Both delegates see the same time, in Lima time, and the same table.
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.event_id == cajamarca_forum.id))
    assert meeting.request.kind == MeetingKind.B2G
    assert {p.registration_id for p in meeting.participants} == {cooperative.id, government.id}
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.slot is not None and meeting.table is not None
    zone = cajamarca_forum.tz
    when = "{}, {}–{}".format(
        format_date(meeting.slot.starts_at.astimezone(zone).date(), "medium", locale="en"),
        format_time(meeting.slot.starts_at, "short", tzinfo=zone, locale="en"),
        format_time(meeting.slot.ends_at, "short", tzinfo=zone, locale="en"),
    )
    assert when.startswith("Nov 29, 2023, 3:")  # a slot of the 15:00–17:00 block
    table = f"Table {meeting.table.number}"
    for page, other in ((coop, "Jorge Chávez Rojas"), (gov, "Rosa Huamán Quispe")):
        page.goto(f"{live_server}{mine}")
        item = page.locator("#meetings li")
        expect(item).to_have_count(1)
        expect(item).to_contain_text(other)
        expect(item).to_contain_text("published")
        expect(item).to_contain_text(when)
        expect(item).to_contain_text(f"{when} Lima time")  # the zone named beside the time
        expect(item).to_contain_text(table)
    assert axe_check(coop) == []
    assert axe_check(gov) == []

    for context in (org_context, coop_context, gov_context):
        context.close()
