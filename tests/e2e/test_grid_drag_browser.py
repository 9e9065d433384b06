"""A real Chromium drags meetings on the organizer's grid: a drop onto a free cell moves the
meeting; over a cell where a delegate is busy the cell says why before the drop, and the drop
moves nothing."""

from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import expect

from forum.extensions import db as _db
from forum.meetings.models import Meeting
from tests.factories import (
    PASSWORD,
    create_block,
    create_meeting,
    create_registration,
    create_tables,
)

pytestmark = pytest.mark.e2e

SLUG = "peru-2030"
GRID = f"/events/{SLUG}/manage/meetings/grid"


@pytest.fixture
def floor(db, create_event, create_user):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría")
    event = create_event(
        organizers=[organizer],
        slug=SLUG,
        name="Foro de Inversiones Perú 2030",
        timezone="America/Lima",
        start_date=date(2030, 3, 19),
        end_date=date(2030, 3, 20),
    )
    block = create_block(event, starts_at=datetime(2030, 3, 19, 14, 0, tzinfo=UTC), slots=3)
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria San Ignacio")
    luis = create_registration(event, "Luis Torres", "Fondo Andino")
    eva = create_registration(event, "Eva Mamani", "Lácteos La Libertad")
    tables = create_tables(event, 3)
    s0, s1, _s2 = block.slots
    moving = create_meeting(ana, luis, slot=s0, table=tables[0])
    create_meeting(ana, eva, slot=s1, table=tables[2])
    return event, block, tables, moving.id


def _cell(page, slot, table):
    return page.locator(f'td[data-slot="{slot.id}"][data-table="{table.number}"]')


def test_drag_a_meeting_onto_a_free_cell_and_onto_a_busy_one(
    browser, live_server, floor, db, axe_check
):
    event, block, tables, meeting_id = floor
    s0, s1, s2 = block.slots
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/login?next={GRID}")
    page.get_by_label("Email").fill("secretaria@fao.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}{GRID}")
    assert axe_check(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    meeting = page.locator(f'[data-meeting-id="{meeting_id}"]')
    busy = _cell(page, s1, tables[1])  # Ana meets Eva at that time, at table 3

    # Over the busy cell, before any drop, the cell tells why it is refused.
    meeting.hover()
    page.mouse.down()
    busy.hover()
    busy.hover(position={"x": 20, "y": 10})
    refusal = "Refused: Ana Quispe has another meeting at that time."
    expect(busy.locator(".grid-verdict")).to_have_text(refusal)
    expect(page.locator("#grid-drop-status")).to_have_text(refusal)
    page.mouse.up()
    expect(busy.locator(".grid-verdict")).to_have_text(refusal)
    page.wait_for_timeout(300)
    assert page.url == f"{live_server}{GRID}"  # nothing was posted
    _db.session.expire_all()
    moved = _db.session.get(Meeting, meeting_id)
    assert (moved.slot_id, moved.table_id) == (s0.id, tables[0].id)
    assert axe_check(page) == []  # with the refusal shown

    # Onto a free cell: the move form is posted and the grid shows the meeting there.
    free = _cell(page, s2, tables[1])
    meeting.drag_to(free)
    expect(page.get_by_text("Meeting moved.")).to_be_visible()
    expect(_cell(page, s2, tables[1])).to_contain_text("Ana Quispe")
    expect(_cell(page, s0, tables[0])).to_have_text("free")
    assert page.url == f"{live_server}{GRID}?block={block.id}&tables=1-3"
    _db.session.expire_all()
    moved = _db.session.get(Meeting, meeting_id)
    assert (moved.slot_id, moved.table_id) == (s2.id, tables[1].id)
    context.close()
