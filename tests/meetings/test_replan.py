"""Re-planning a published schedule: few moves, a preview of every move, mails to the affected."""

import pytest
import sqlalchemy as sa

from forum.events.models import EventFormat, EventRole
from forum.meetings import schedule_runner
from forum.meetings.models import Meeting, MeetingStatus, Priority, Unavailability
from forum.meetings.services import schedule
from forum.meetings.services.edit import cancel_meeting
from forum.notifications.models import Mail
from tests.meetings import test_schedule as shared
from tests.meetings.test_schedule import assert_no_double_booking, meet

# the event, its grid (4 morning + 2 afternoon slots, 2 tables) and five delegates
event, grid, delegates = shared.event, shared.grid, shared.delegates

pytest.importorskip("ortools")


@pytest.fixture
def pedro(event, create_registration, create_user):
    return create_registration(
        event, user=create_user(email="pedro@example.org", name="Pedro Mamani")
    )


def block(db, registration, *slots):
    """The delegate can no longer meet in these slots (written as the organizer would)."""
    db.session.add_all(Unavailability(registration_id=registration.id, slot_id=s.id) for s in slots)
    db.session.commit()


def publish_then_clear_outbox(db, event):
    schedule.publish(event)
    db.session.execute(sa.delete(Mail))
    db.session.commit()


def outbox(db) -> list[str]:
    return sorted(db.session.scalars(sa.select(Mail.recipient)))


def emails(*registrations) -> list[str]:
    return sorted(r.user.email for r in registrations)


def test_build_instance_in_replan_mode_gives_free_meetings_their_current_place(
    db, event, grid, delegates
):
    am, _pm, tables = grid
    ana, juan, rosa, luis, _carmen = delegates
    placed = meet(db, event, ana, juan, slot=am[1], table=tables[0])
    locked = meet(db, event, rosa, luis, slot=am[1], table=tables[1], locked=True)
    new = meet(db, event, ana, rosa)
    instance, index = schedule.build_instance(event, "replan")
    by_id = {m.id: m for m in instance.meetings}
    assert by_id[f"m{placed.id}"].fixed is None
    assert (by_id[f"m{placed.id}"].current.slot, by_id[f"m{placed.id}"].current.table) == (
        f"s{am[1].id}",
        f"t{tables[0].id}",
    )
    assert by_id[f"m{locked.id}"].fixed is not None and by_id[f"m{locked.id}"].current is None
    assert by_id[f"m{new.id}"].current is None
    assert index.fixed == {locked.id}


def test_a_cancellation_frees_a_slot_and_the_new_request_is_placed_without_moves(
    db, event, grid, delegates, pedro
):
    am, pm, tables = grid
    ana, juan, rosa, luis, carmen = delegates
    block(db, ana, *pm)
    ana_meetings = [
        meet(db, event, ana, other, slot=slot, table=tables[0])
        for other, slot in zip((juan, rosa, luis, carmen), am, strict=True)
    ]
    publish_then_clear_outbox(db, event)
    cancel_meeting(ana_meetings[1])  # Ana and Rosa at 09:25: Ana is free then
    db.session.commit()
    db.session.execute(sa.delete(Mail))
    new = meet(db, event, ana, pedro)
    preview = schedule.preview(event, "replan", time_limit=2)
    assert preview.moves == [] and preview.affected == []
    assert [(c.meeting.id, c.after[0].id) for c in preview.placements] == [(new.id, am[1].id)]
    assert schedule.apply(event, preview) == 1
    schedule.publish(event)
    db.session.commit()
    assert outbox(db) == emails(ana, pedro)
    db.session.expire_all()
    kept = [ana_meetings[i] for i in (0, 2, 3)]
    assert [(m.slot_id, m.table_id, m.sequence) for m in kept] == [
        (am[i].id, tables[0].id, 0) for i in (0, 2, 3)
    ]
    assert new.status == MeetingStatus.PUBLISHED
    assert_no_double_booking(db)


def test_a_blocked_slot_moves_exactly_that_meeting_and_mails_only_its_delegates(
    db, event, grid, delegates
):
    am, _pm, tables = grid
    ana, juan, rosa, luis, carmen = delegates
    first = meet(db, event, ana, juan, slot=am[0], table=tables[0])
    moving = meet(db, event, rosa, luis, slot=am[0], table=tables[1])
    third = meet(db, event, carmen, juan, slot=am[1], table=tables[0])
    publish_then_clear_outbox(db, event)
    block(db, luis, am[0])  # Luis can no longer meet at 09:00, where his meeting sits
    preview = schedule.preview(event, "replan", time_limit=2)
    assert [c.meeting.id for c in preview.moves] == [moving.id]
    [move] = preview.moves
    assert (move.before[0].id, move.before[1].id) == (am[0].id, tables[1].id)
    assert move.after is not None and move.after[0].id != am[0].id
    assert [r.id for r in preview.affected] == [luis.id, rosa.id]  # by name
    assert schedule.apply(event, preview) == 1
    schedule.publish(event)
    db.session.commit()
    assert outbox(db) == emails(rosa, luis)
    db.session.expire_all()
    assert (first.slot_id, first.table_id, first.sequence) == (am[0].id, tables[0].id, 0)
    assert (third.slot_id, third.table_id, third.sequence) == (am[1].id, tables[0].id, 0)
    assert (moving.sequence, moving.status) == (1, MeetingStatus.PUBLISHED)
    assert_no_double_booking(db)


def must_meet_for_pedro(db, event, grid, delegates, pedro):
    """Ana meets Juan at 09:00; Pedro, free only then, must meet Ana."""
    am, pm, tables = grid
    ana, juan = delegates[:2]
    first = meet(db, event, ana, juan, slot=am[0], table=tables[0])
    publish_then_clear_outbox(db, event)
    block(db, pedro, *am[1:], *pm)
    new = meet(db, event, ana, pedro, Priority.MUST_MEET)
    return first, new


def test_with_moves_disallowed_no_placed_meeting_moves(db, event, grid, delegates, pedro):
    first, new = must_meet_for_pedro(db, event, grid, delegates, pedro)
    preview = schedule.preview(event, "replan", time_limit=2)
    assert preview.moves == [] and preview.placements == []
    assert [m.id for m, _why in preview.unplaced] == [new.id]
    assert preview.assignments[first.id] == (first.slot_id, first.table_id)


def test_with_moves_allowed_one_meeting_moves_and_publishing_tells_exactly_the_affected(
    db, event, grid, delegates, pedro
):
    am, _pm, tables = grid
    ana, juan = delegates[:2]
    first, new = must_meet_for_pedro(db, event, grid, delegates, pedro)
    preview = schedule.preview(event, "replan", time_limit=3, allow_moves=True)
    assert preview.stats.moves_allowed is True
    assert [c.meeting.id for c in preview.moves] == [first.id]
    assert preview.assignments[new.id][0] == am[0].id
    assert sorted(r.id for r in preview.affected) == sorted([ana.id, juan.id])
    assert schedule.apply(event, preview) == 2
    schedule.publish(event)
    db.session.commit()
    assert outbox(db) == emails(ana, juan, pedro)
    ana_mail = db.session.scalar(sa.select(Mail).where(Mail.recipient == ana.user.email))
    assert ana_mail.subject.startswith("Meetings of yours have changed")
    assert db.session.scalar(sa.select(sa.func.count()).where(Meeting.slot_id.is_(None))) == 0
    assert_no_double_booking(db)


def test_schedule_page_previews_a_replan_with_moves_and_who_is_affected(
    client, login, create_user, db, event, grid, delegates, pedro, monkeypatch
):
    am, _pm, _tables = grid
    ana, juan = delegates[:2]
    first, new = must_meet_for_pedro(db, event, grid, delegates, pedro)
    organizer = create_user(email="secretaria@foro.example", name="Secretaría del Foro")
    db.session.add(EventRole(event=event, user=organizer))
    db.session.commit()
    login(organizer)
    page = client.get("/events/foro-peru/manage/meetings/schedule").get_data(as_text=True)
    assert "Re-plan (few moves)" in page and "Allow moving published meetings" in page
    runs = []
    monkeypatch.setattr(schedule_runner, "start", runs.append)  # run below, not in a thread

    def run_page(data: dict) -> str:
        response = client.post("/events/foro-peru/manage/meetings/schedule", data=data)
        schedule_runner.run_schedule(runs[-1])
        return client.get(response.headers["Location"]).get_data(as_text=True)

    kept = run_page({"mode": "replan", "time_limit": "2"})
    assert '<dd class="col-sm-8" id="preview-moved">0</dd>' in kept
    assert "Re-planned without moving placed meetings" in kept
    assert "Meetings that cannot be placed (1)" in kept
    moved = run_page({"mode": "replan", "allow_moves": "y", "time_limit": "2"})
    assert "1 new placements, 1 moves" in moved
    assert '<dd class="col-sm-8" id="preview-moved">1</dd>' in moved
    assert '<dd class="col-sm-8" id="preview-affected">2</dd>' in moved
    assert '<dd class="col-sm-8" id="preview-told">3</dd>' in moved  # Ana, Juan, Pedro
    changes = moved.split("Changes (2)")[1].split("</table>")[0]
    rows = changes.split("<tr>")[2:]  # the moved meeting (placed now) and the new one
    moves = [row for row in rows if "no slot" not in row.split("</td>")[0]]
    assert len(moves) == 1
    assert "Ana Quispe" in moves[0] and "Juan Pérez" in moves[0] and "Pedro" not in moves[0]
    assert "Re-planned with moves allowed" in moved
    organizer.locale = "es"
    db.session.commit()
    spanish = client.get("/events/foro-peru/manage/meetings/schedule").get_data(as_text=True)
    assert "Replanificar (pocos cambios)" in spanish
    assert "Permitir mover reuniones publicadas" in spanish
    assert db.session.scalar(sa.select(Meeting.slot_id).where(Meeting.id == new.id)) is None


def test_a_table_leaving_the_shared_pool_moves_the_meeting_sitting_there(
    db, event, grid, delegates
):
    from forum.meetings.services import setup

    am, _pm, tables = grid
    ana, juan, rosa, luis = delegates[:4]
    staying = meet(db, event, ana, juan, slot=am[0], table=tables[0])
    moving = meet(db, event, rosa, luis, slot=am[1], table=tables[1])
    event.format = EventFormat.IN_PERSON
    setup.update_table(tables[1], is_virtual=True)  # an in-person forum does not use it
    db.session.commit()
    preview = schedule.preview(event, "replan", time_limit=2)
    assert [c.meeting.id for c in preview.moves] == [moving.id]
    assert preview.assignments[staying.id] == (am[0].id, tables[0].id)
    assert preview.assignments[moving.id][1] == tables[0].id  # the one shared table left
    assert preview.assignments[moving.id][0] != am[0].id
    assert schedule.apply(event, preview) == 1
    assert_no_double_booking(db)


def test_schedule_cli_replans_with_moves_allowed(runner, db, event, grid, delegates, pedro):
    first, new = must_meet_for_pedro(db, event, grid, delegates, pedro)
    args = ["forum", "schedule", "foro-peru", "--mode", "replan", "--time-limit", "2"]
    kept = runner.invoke(args=args)
    assert kept.exit_code == 0, kept.output
    assert "placed: 1 (new: 0, moved: 0)" in kept.output
    assert "delegates affected by moves: 0" in kept.output
    moved = runner.invoke(args=[*args, "--allow-moves", "--apply"])
    assert moved.exit_code == 0, moved.output
    assert "placed: 2 (new: 1, moved: 1)" in moved.output
    assert "delegates affected by moves: 2" in moved.output
    assert "Applied: 2 meetings placed, moved or taken out." in moved.output
    db.session.expire_all()
    assert db.session.get(Meeting, new.id).slot_id == grid[0][0].id
