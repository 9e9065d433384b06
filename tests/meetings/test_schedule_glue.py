"""The scheduler's database glue at size: loading and applying a plan take the same number
of statements for 20 and for 200 delegates (no query per meeting or per delegate), the plan
page is a page of changes at a time, two applies of one plan at once write it once, and a
run's progress reaches its row while the engine works."""

import threading

import pytest
import sqlalchemy as sa

from benchmarks.scale_event import build
from forum.meetings.models import Meeting, MeetingParticipant, ScheduleRun
from forum.meetings.services import schedule, schedule_runs, schedule_summary
from forum.meetings.services.schedule_plan import ScheduleError, make_plan
from forum.notifications.models import Mail
from tests.query_count import count_statements


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@foro.example", name="Secretaría del Foro")


def _event(create_event, organizer, db, n: int):
    """The benchmark's event at n delegates: n/20 tables x 60 slots, published, a tenth of
    the meetings waiting for a slot."""
    event = create_event(slug=f"foro-{n}", organizers=[organizer])
    build(event, n, prefix=f"d{n}-")
    return event


def _statements(db, event) -> tuple[int, int, int, int]:
    """Statements of making a plan, of its summary page, of applying it; mails written."""
    with count_statements(db) as planning:
        plan = make_plan(event, "reschedule", time_limit=0.5)
    with count_statements(db) as summary:
        schedule_summary.summarise(event, plan)
    mails = db.session.scalar(sa.select(sa.func.count()).select_from(Mail))
    with count_statements(db) as applying:
        moved = schedule.apply(event, plan)
    db.session.commit()
    assert moved > 0
    written = db.session.scalar(sa.select(sa.func.count()).select_from(Mail)) - mails
    return planning.total, summary.total, applying.total, written


def test_plan_summary_and_apply_take_as_many_statements_for_20_as_for_200_delegates(
    app, db, create_event, organizer
):
    with app.test_request_context():
        small = _statements(db, _event(create_event, organizer, db, 20))
        large = _statements(db, _event(create_event, organizer, db, 200))
    assert small[:3] == large[:3]
    assert small[3] > 0 and large[3] > small[3]  # the moves were mailed, in one insert each
    places = db.session.execute(
        sa.select(Meeting.slot_id, Meeting.table_id).where(Meeting.slot_id.is_not(None))
    ).all()
    assert len(places) == len(set(places))  # no table twice in a slot
    mirrored = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(MeetingParticipant)
        .join(Meeting)
        .where(sa.or_(MeetingParticipant.slot_id != Meeting.slot_id, Meeting.slot_id.is_(None)))
        .where(MeetingParticipant.slot_id.is_not(None))
    )
    assert mirrored == 0


def test_apply_writes_places_sequence_and_version_in_bulk(app, db, create_event, organizer):
    event = _event(create_event, organizer, db, 20)
    before = {
        m.id: (m.slot_id, m.table_id, m.sequence, m.version)
        for m in db.session.scalars(sa.select(Meeting).where(Meeting.event_id == event.id))
    }
    with app.test_request_context():
        plan = make_plan(event, "reschedule", time_limit=0.5)
        schedule.apply(event, plan)
    db.session.commit()
    db.session.expire_all()
    for meeting in db.session.scalars(sa.select(Meeting).where(Meeting.event_id == event.id)):
        slot, table, sequence, version = before[meeting.id]
        after = plan.assignments.get(meeting.id)
        assert (meeting.slot_id, meeting.table_id) == (after or (None, None))
        if (slot, table) == (after or (None, None)):
            assert (meeting.sequence, meeting.version) == (sequence, version)
        else:
            assert meeting.sequence == sequence + (slot is not None)
            assert meeting.version == version + 1
        assert {p.slot_id for p in meeting.participants} == {meeting.slot_id}


def test_the_plan_page_shows_a_page_of_changes_at_a_time(
    client, login, app, db, create_event, organizer
):
    event = _event(create_event, organizer, db, 20)
    with app.test_request_context():
        plan = make_plan(event, "reschedule", time_limit=0.5)
        summary = schedule_summary.summarise(event, plan, page=2, per_page=10)
    run = ScheduleRun(event_id=event.id, mode="reschedule", time_limit=1, status="done")
    run.plan, run.fingerprint = schedule_runs.plan_data(plan), plan.fingerprint
    db.session.add(run)
    db.session.commit()
    changes = summary.changes
    assert (changes.page, changes.pages) == (2, -(-changes.total // 10))
    assert len(changes.items) == 10
    assert changes.total == summary.placements + summary.moves
    assert summary.unplaced.total == len(plan.reasons)
    assert sum(load.after for load in summary.per_slot) == len(plan.assignments)
    login(organizer)
    url = f"/events/{event.slug}/manage/meetings/schedule/runs/{run.id}"
    first = client.get(url).get_data(as_text=True)
    per_page = schedule_summary.PER_PAGE
    assert changes.total > per_page  # more than one page of changes
    assert first.count('<th scope="row" class="fw-normal">') == per_page
    assert f"Changes ({changes.total})" in first
    last = client.get(f"{url}?page=99").get_data(as_text=True)  # past the end: the last page
    pages = -(-changes.total // per_page)
    rows = changes.total - per_page * (pages - 1)
    assert last.count('<th scope="row" class="fw-normal">') == rows
    assert f"Page {pages} of {pages}" in last


def test_the_progress_of_a_run_reaches_its_row_throttled(db, create_event, organizer):
    event = create_event(organizers=[organizer])
    run = schedule_runs.request_run(event, "fill", 10, organizer)
    db.session.commit()
    recorder = schedule_runs.ProgressRecorder(run.id)
    recorder("greedy", {"weighted": 950, "gaps": 40})
    recorder("greedy", {"weighted": 960, "gaps": 31})  # same stage within a second: kept back
    db.session.expire_all()
    assert db.session.get(ScheduleRun, run.id).progress == {
        "stage": "greedy",
        "weighted": 950,
        "gaps": 40,
        "breaks": 40,
        "elapsed": pytest.approx(0, abs=0.5),
    }
    recorder("checking", {"placed": 900})  # a new stage: written at once
    db.session.expire_all()
    progress = db.session.get(ScheduleRun, run.id).progress
    assert (progress["stage"], progress["placed"], progress["breaks"]) == ("checking", 900, 31)


def test_two_applies_of_one_plan_at_once_write_it_once(app, db, create_event, organizer):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises the whole file)")
    event = _event(create_event, organizer, db, 20)
    with app.test_request_context():
        plan = make_plan(event, "reschedule", time_limit=0.5)
    db.session.commit()
    event_id = event.id  # read here: the threads must not touch this session's objects
    barrier = threading.Barrier(2, timeout=30)
    outcomes: list[str] = []

    def apply_once() -> None:
        with app.app_context(), app.test_request_context():
            from forum.events.models import Event

            mine = db.session.get(Event, event_id)
            barrier.wait()
            try:
                schedule.apply(mine, plan)
                db.session.commit()
                outcomes.append("applied")
            except ScheduleError as error:
                db.session.rollback()
                outcomes.append(str(error))
            except Exception as error:  # any other failure shows in the assertion below
                db.session.rollback()
                outcomes.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=apply_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == [
        "The meetings have changed since this preview: make a new one.",
        "applied",
    ]
    db.session.expire_all()
    placed = db.session.execute(
        sa.select(Meeting.id, Meeting.slot_id, Meeting.table_id).where(
            Meeting.event_id == event.id, Meeting.slot_id.is_not(None)
        )
    ).all()
    assert {m: (s, t) for m, s, t in placed} == plan.assignments


def test_a_new_run_keeps_the_events_latest_runs_only(db, create_event, organizer):
    event, other = create_event(organizers=[organizer]), create_event(slug="otro")
    finished = []
    for _ in range(6):
        run = schedule_runs.request_run(event, "fill", 10, organizer)
        run.status = schedule_runs.DONE
        finished.append(run.id)
    elsewhere = schedule_runs.request_run(other, "fill", 10, organizer).id
    running = schedule_runs.request_run(event, "fill", 10, organizer).id  # still queued
    newest = schedule_runs.request_run(event, "fill", 10, organizer).id
    db.session.commit()
    kept = db.session.scalars(sa.select(ScheduleRun.id).order_by(ScheduleRun.id)).all()
    assert kept == [*finished[-4:], elsewhere, running, newest]
