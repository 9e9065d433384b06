"""Locked meetings whose place is no longer possible: kept by the plan, listed with why on the
plan page (English and Spanish) and in `flask forum schedule`; apply keeps them."""

from datetime import date, time

import lxml.html
import pytest
import sqlalchemy as sa

from forum.events.models import EventRole, SessionKind
from forum.meetings import schedule_runner
from forum.meetings.models import Meeting, MeetingParticipant, MeetingSlot, MeetingTable
from forum.meetings.services import schedule, setup
from tests.meetings import test_schedule as shared
from tests.meetings.test_replan import block
from tests.meetings.test_schedule import assert_no_double_booking, meet

# the event, its grid (4 morning + 2 afternoon slots, 2 tables) and five delegates
event, grid, delegates = shared.event, shared.grid, shared.delegates

pytest.importorskip("ortools")


def lose_table(db, meeting):
    """The meeting's table is deleted under it (as a cascade would: its place is half gone)."""
    table_id = meeting.table_id
    db.session.execute(sa.update(Meeting).where(Meeting.id == meeting.id).values(table_id=None))
    db.session.execute(sa.delete(MeetingTable).where(MeetingTable.id == table_id))
    db.session.commit()


def lose_slot(db, meeting):
    """The meeting's slot is deleted under it (its session was removed, say)."""
    slot_id = meeting.slot_id
    for model in (Meeting, MeetingParticipant):
        db.session.execute(sa.update(model).where(model.slot_id == slot_id).values(slot_id=None))
    db.session.execute(sa.delete(MeetingSlot).where(MeetingSlot.id == slot_id))
    db.session.commit()


@pytest.fixture
def broken(db, event, grid, delegates):
    """Three locked meetings whose place broke, one valid lock, one free placed meeting and
    a new request: Juan blocked 09:00 (away), table 2 went (no-table), the 14:00 slot went
    (no-slot)."""
    am, pm, tables = grid
    ana, juan, rosa, luis, carmen = delegates
    away = meet(db, event, ana, juan, slot=am[0], table=tables[0], locked=True)
    no_table = meet(db, event, rosa, luis, slot=am[1], table=tables[1], locked=True)
    no_slot = meet(db, event, carmen, ana, slot=pm[0], table=tables[0], locked=True)
    fine = meet(db, event, rosa, carmen, slot=am[2], table=tables[0], locked=True)
    new = meet(db, event, luis, juan)
    block(db, juan, am[0])
    lose_table(db, no_table)
    lose_slot(db, no_slot)
    return {"away": away, "no_table": no_table, "no_slot": no_slot, "fine": fine, "new": new}


def test_the_plan_lists_each_broken_lock_with_its_exact_reasons(db, event, grid, broken):
    am, _pm, tables = grid
    ids = {name: m.id for name, m in broken.items()}
    juan = broken["away"].participants[1].registration_id
    preview = schedule.preview(event, "replan", time_limit=2)
    assert preview.plan.broken_locks == [
        {"meeting": ids["away"], "reasons": ["participant unavailable"], "unavailable": [juan],
         "twice": [], "others": []},
        {"meeting": ids["no_table"], "reasons": ["table gone"], "unavailable": [], "twice": [],
         "others": []},
        {"meeting": ids["no_slot"], "reasons": ["slot gone"], "unavailable": [], "twice": [],
         "others": []},
    ]  # fmt: skip
    lines = {line.meeting.id: line for line in preview.broken_locks}
    assert lines[ids["away"]].reasons == ["Juan Pérez can no longer meet at that time"]
    assert (lines[ids["away"]].slot.id, lines[ids["away"]].table.id) == (am[0].id, tables[0].id)
    assert (lines[ids["no_table"]].slot.id, lines[ids["no_table"]].table) == (am[1].id, None)
    assert lines[ids["no_table"]].reasons == ["Its table no longer exists"]
    assert (lines[ids["no_slot"]].slot, lines[ids["no_slot"]].table.id) == (None, tables[0].id)
    assert lines[ids["no_slot"]].reasons == ["Its time slot no longer exists"]
    # kept where they are; the new meeting avoids Luis's table-less 09:25 and Juan's 09:00
    assert preview.assignments[ids["away"]] == (am[0].id, tables[0].id)
    assert ids["no_table"] not in preview.assignments and ids["no_slot"] not in preview.assignments
    assert preview.assignments[ids["new"]][0] not in (am[0].id, am[1].id)
    assert [c.meeting.id for c in preview.placements] == [ids["new"]]
    assert preview.moves == [] and preview.unplaced == []
    # the kept lock at a slot and table counts as placed, in the priority and in its bound
    stats = preview.stats
    assert (stats.meetings, stats.placed, stats.weighted, stats.bound) == (5, 3, 3, 3)


def test_apply_keeps_the_broken_locks_where_they_are(db, event, grid, broken):
    am, pm, tables = grid
    preview = schedule.preview(event, "replan", allow_moves=True, time_limit=2)
    assert schedule.apply(event, preview) == 1  # only the new meeting
    db.session.commit()
    db.session.expire_all()
    places = {
        name: (m.slot_id, m.table_id, m.locked) for name, m in broken.items() if name != "new"
    }
    assert places == {
        "away": (am[0].id, tables[0].id, True),
        "no_table": (am[1].id, None, True),
        "no_slot": (None, tables[0].id, True),
        "fine": (am[2].id, tables[0].id, True),
    }
    assert broken["new"].slot_id not in (None, am[0].id, am[1].id)
    assert_no_double_booking(db)


def test_fill_and_reschedule_keep_and_list_them_too(db, event, broken):
    for mode in ("fill", "reschedule"):
        preview = schedule.preview(event, mode, time_limit=1)
        assert [lock["meeting"] for lock in preview.plan.broken_locks] == [
            broken["away"].id,
            broken["no_table"].id,
            broken["no_slot"].id,
        ]


def test_a_delegate_in_two_locked_meetings_of_parallel_blocks_is_double_booked(
    db, event, create_session, delegates
):
    day2 = date(2024, 3, 20)
    b2b = create_session(event, "B2B", day=day2, start=time(9), end=time(10), kind=SessionKind.B2B)
    b2g = create_session(event, "B2G", day=day2, start=time(9), end=time(10), kind=SessionKind.B2B)
    first = setup.save_block(event, b2b, 20, 5).slots[0]
    second = setup.save_block(event, b2g, 20, 5).slots[0]
    tables = setup.add_tables(event, 2)
    ana, juan, rosa = delegates[:3]
    one = meet(db, event, ana, juan, slot=first, table=tables[0], locked=True)
    two = meet(db, event, ana, rosa, slot=second, table=tables[1], locked=True)
    preview = schedule.preview(event, "replan", time_limit=1)
    locks = preview.plan.broken_locks
    assert [(b["meeting"], b["reasons"], b["twice"], b["others"]) for b in locks] == [
        (one.id, ["double booked"], [ana.id], [two.id]),
        (two.id, ["double booked"], [ana.id], [one.id]),
    ]  # fmt: skip
    assert [line.reasons for line in preview.broken_locks] == [
        ["Ana Quispe has another kept meeting at that time"]
    ] * 2


def warning_items(page: str) -> list[str]:
    """The text of each meeting in the plan page's broken-lock warning, spaces collapsed."""
    block = lxml.html.fromstring(page).get_element_by_id("broken-locks")
    return [" ".join(li.text_content().split()) for li in block.xpath(".//li")]


def warning_heading(page: str) -> str:
    block = lxml.html.fromstring(page).get_element_by_id("broken-locks")
    return " ".join(block.xpath(".//h3")[0].text_content().split())


def test_the_plan_page_warns_of_each_broken_lock_in_english_and_spanish(
    client, login, create_user, db, event, broken, monkeypatch
):
    organizer = create_user(email="secretaria@foro.example", name="Secretaría del Foro")
    db.session.add(EventRole(event=event, user=organizer))
    db.session.commit()
    login(organizer)
    runs = []
    monkeypatch.setattr(schedule_runner, "start", runs.append)  # run below, not in a thread
    response = client.post(
        "/events/foro-peru/manage/meetings/schedule", data={"mode": "replan", "time_limit": "2"}
    )
    schedule_runner.run_schedule(runs[-1])
    url = response.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    grid_url = "/events/foro-peru/manage/meetings/grid/{}"
    assert warning_heading(page) == "Locked meetings whose place is no longer possible (3)"
    assert "applying this plan keeps each one where it is" in page
    assert warning_items(page) == [
        "Ana Quispe (Cooperativa demo) · Juan Pérez (Cooperativa demo) "
        "Mar 19, 2024, 9:00 AM–9:20 AM · table 1 "
        "Juan Pérez can no longer meet at that time Unlock or move this meeting "
        "(Ana Quispe, Juan Pérez)",
        "Rosa Chambi (Cooperativa demo) · Luis Huamán (Cooperativa demo) "
        "Mar 19, 2024, 9:25 AM–9:45 AM · no table "
        "Its table no longer exists Unlock or move this meeting (Rosa Chambi, Luis Huamán)",
        "Carmen Flores (Cooperativa demo) · Ana Quispe (Cooperativa demo) no time slot · table 1 "
        "Its time slot no longer exists Unlock or move this meeting (Carmen Flores, Ana Quispe)",
    ]
    tree = lxml.html.fromstring(page)
    links = tree.get_element_by_id("broken-locks").xpath(".//li/a/@href")
    assert links == [grid_url.format(broken[n].id) for n in ("away", "no_table", "no_slot")]
    organizer.locale = "es"
    db.session.commit()
    spanish = client.get(url).get_data(as_text=True)
    heading = warning_heading(spanish)
    assert heading == "Reuniones bloqueadas cuyo lugar ya no es posible (3)"
    items = warning_items(spanish)
    assert items[0] == (
        "Ana Quispe (Cooperativa demo) · Juan Pérez (Cooperativa demo) "
        "19 mar 2024, 9:00–9:20 · mesa 1 Juan Pérez ya no puede reunirse a esa hora "
        "Desbloquear o mover esta reunión (Ana Quispe, Juan Pérez)"
    )
    assert "Su mesa ya no existe" in items[1] and "sin mesa" in items[1]
    assert "Su horario ya no existe" in items[2] and "sin horario" in items[2]
    assert all("Desbloquear o mover esta reunión (" in item for item in items)


def test_the_schedule_cli_lists_the_broken_locks(runner, db, event, broken):
    result = runner.invoke(
        args=["forum", "schedule", "foro-peru", "--mode", "replan", "--time-limit", "1"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index(
        "kept at a place that is no longer possible: 3 "
        "(applying keeps them; unlock and re-plan, or move them by hand)"
    )
    assert lines[start + 1 : start + 4] == [
        f"  meeting {broken['away'].id} (Ana Quispe – Juan Pérez), 2024-03-19 09:00, table 1: "
        "Juan Pérez can no longer meet at that time",
        f"  meeting {broken['no_table'].id} (Rosa Chambi – Luis Huamán), 2024-03-19 09:25, "
        "no table: Its table no longer exists",
        f"  meeting {broken['no_slot'].id} (Carmen Flores – Ana Quispe), no slot, table 1: "
        "Its time slot no longer exists",
    ]


def test_a_held_meeting_keeps_its_delegates_busy_in_parallel_blocks_too(
    db, event, create_session, delegates
):
    day2 = date(2024, 3, 20)
    b2b = create_session(event, "B2B", day=day2, start=time(9), end=time(10), kind=SessionKind.B2B)
    b2g = create_session(event, "B2G", day=day2, start=time(9), end=time(10), kind=SessionKind.B2B)
    b2b_slots = setup.save_block(event, b2b, 20, 5).slots
    b2g_slots = setup.save_block(event, b2g, 20, 5).slots
    tables = setup.add_tables(event, 2)
    ana, juan, rosa = delegates[:3]
    held = meet(db, event, ana, juan, slot=b2b_slots[0], table=tables[0], locked=True)
    lose_table(db, held)
    block(db, ana, b2b_slots[1], b2g_slots[1])  # Ana can only meet at 9:00, in either block
    new = meet(db, event, ana, rosa)
    preview = schedule.preview(event, "replan", time_limit=1)
    assert preview.plan.broken_locks[0]["reasons"] == ["table gone"]
    assert new.id not in preview.assignments  # 9:00 in B2G is the held meeting's time too
