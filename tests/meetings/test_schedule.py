from collections import Counter
from datetime import date, time

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.core.timerange import to_local
from forum.events.models import SessionKind
from forum.meetings.models import (
    HalfDay,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingStatus,
    Priority,
    RequestStatus,
)
from forum.meetings.services import schedule, schedule_plan, setup
from forum.meetings.services.placement import set_placement
from forum.meetings.services.schedule_plan import ScheduleError, SchedulePlan, fingerprint
from forum.notifications.models import Mail


@pytest.fixture
def event(create_event):
    return create_event(
        slug="foro-peru",
        name="Foro de Inversiones Mano de la Mano Perú",
        timezone="America/Lima",
        start_date=date(2024, 3, 19),
        end_date=date(2024, 3, 20),
    )


@pytest.fixture
def grid(event, create_session):
    """Four morning slots (09:00–10:35) and two afternoon slots (14:00–14:45), in Lima."""
    morning = create_session(
        event, "Rueda B2B", start=time(9), end=time(10, 40), kind=SessionKind.B2B
    )
    afternoon = create_session(
        event, "Rueda B2G", start=time(14), end=time(15), kind=SessionKind.B2B
    )
    am = setup.save_block(event, morning, 20, 5).slots
    pm = setup.save_block(event, afternoon, 20, 5).slots
    tables = setup.add_tables(event, 2)
    return am, pm, tables


@pytest.fixture
def delegates(event, create_registration, create_user):
    names = ["Ana Quispe", "Juan Pérez", "Rosa Chambi", "Luis Huamán", "Carmen Flores"]
    return [
        create_registration(event, user=create_user(email=f"d{i}@example.org", name=name))
        for i, name in enumerate(names)
    ]


def meet(db, event, first, second, priority=Priority.WOULD_LIKE, slot=None, table=None, **kw):
    """An accepted request and its meeting, placed when slot and table are given."""
    locked = kw.pop("locked", False)
    request = MeetingRequest(
        event_id=event.id,
        requester_id=first.id,
        recipient_id=second.id,
        kind=MeetingKind.B2B,
        priority=int(priority),
        status=RequestStatus.ACCEPTED,
        **kw,
    )
    meeting = Meeting(event_id=event.id, request=request, locked=locked)
    meeting.participants = [
        MeetingParticipant(registration_id=first.id),
        MeetingParticipant(registration_id=second.id),
    ]
    db.session.add(meeting)
    db.session.flush()
    if slot is not None:
        set_placement(meeting, slot, table)
    db.session.commit()
    return meeting


def assert_no_double_booking(db):
    tables = Counter(
        db.session.execute(
            sa.select(Meeting.slot_id, Meeting.table_id).where(Meeting.slot_id.is_not(None))
        ).all()
    )
    people = Counter(
        db.session.execute(
            sa.select(MeetingParticipant.registration_id, MeetingParticipant.slot_id).where(
                MeetingParticipant.slot_id.is_not(None)
            )
        ).all()
    )
    assert max(tables.values(), default=1) == 1
    assert max(people.values(), default=1) == 1
    mirrored = db.session.execute(
        sa.select(sa.func.count())
        .select_from(MeetingParticipant)
        .join(Meeting)
        .where(sa.or_(MeetingParticipant.slot_id != Meeting.slot_id, Meeting.slot_id.is_(None)))
        .where(MeetingParticipant.slot_id.is_not(None))
    ).scalar()
    assert mirrored == 0


def test_build_instance_fixes_placed_meetings_in_fill_mode_only_locked_in_reschedule(
    db, event, grid, delegates
):
    am, _pm, tables = grid
    ana, juan, rosa, luis, _carmen = delegates
    placed = meet(db, event, ana, juan, slot=am[0], table=tables[0])
    locked = meet(db, event, rosa, luis, slot=am[1], table=tables[1], locked=True)
    free = meet(db, event, ana, rosa)
    instance, index = schedule.build_instance(event, "fill")
    fixed = {m.id: m.fixed for m in instance.meetings}
    assert fixed[f"m{placed.id}"].slot == f"s{am[0].id}"
    assert fixed[f"m{locked.id}"].table == f"t{tables[1].id}"
    assert fixed[f"m{free.id}"] is None
    assert [s.block for s in instance.slots] == [f"b{am[0].block_id}"] * 4 + [
        f"b{grid[1][0].block_id}"
    ] * 2
    instance, index = schedule.build_instance(event, "reschedule")
    fixed = {m.id: m.fixed for m in instance.meetings}
    assert fixed[f"m{placed.id}"] is None
    assert fixed[f"m{locked.id}"] is not None
    assert index.fixed == {locked.id}


def test_build_instance_marks_unavailability_and_seats(db, event, grid, delegates, create_session):
    from forum.registration.services import seating

    am, pm, _tables = grid
    ana, juan = delegates[:2]
    meet(db, event, ana, juan)
    setup.set_unavailable(ana, [pm[1].id])
    workshop = create_session(event, "Taller de cacao", start=time(9, 30), end=time(10))
    seating.sign_up(workshop, juan)
    instance, _index = schedule.build_instance(event)
    unavailable = {p.id: set(p.unavailable_slots) for p in instance.participants}
    # 09:30–10:00 overlaps the 09:25 and the 09:50 slots
    assert unavailable == {
        f"r{ana.id}": {f"s{pm[1].id}"},
        f"r{juan.id}": {f"s{am[1].id}", f"s{am[2].id}"},
    }


def test_preferred_half_day_is_a_hard_rule(db, event, grid, delegates):
    am, pm, _tables = grid
    ana, juan, rosa = delegates[:3]
    afternoon = meet(db, event, ana, juan, preferred_half=HalfDay.AFTERNOON)
    morning_day2 = meet(db, event, ana, rosa, preferred_day=date(2024, 3, 20))
    instance, _index = schedule.build_instance(event)
    allowed = {m.id: m.allowed_slots for m in instance.meetings}
    assert allowed[f"m{afternoon.id}"] == tuple(f"s{s.id}" for s in pm)
    assert allowed[f"m{morning_day2.id}"] == ()  # no slot on the 20th
    preview = schedule.preview(event, "fill", time_limit=1)
    schedule.apply(event, preview)
    db.session.refresh(afternoon)
    assert to_local(afternoon.slot.starts_at, event.tz).hour >= 13
    assert [(m.id, reason) for m, reason in preview.unplaced] == [
        (morning_day2.id, "The preferred day or half-day has no meeting slot.")
    ]


def test_preview_then_apply_places_every_meeting_without_double_booking(db, event, grid, delegates):
    pairs = [(a, b) for i, a in enumerate(delegates) for b in delegates[i + 1 :]]
    meetings = [meet(db, event, a, b, Priority.MUST_MEET) for a, b in pairs]  # 10 meetings
    preview = schedule.preview(event, "fill", time_limit=2)
    assert preview.stats.placed == 10
    assert preview.stats.meetings == 10
    assert len(preview.placements) == 10
    assert preview.moves == [] and preview.unplaced == []
    assert schedule.apply(event, preview) == 10
    db.session.expire_all()
    assert all(m.slot_id is not None and m.table_id is not None for m in meetings)
    assert {m.sequence for m in meetings} == {0}
    assert_no_double_booking(db)


def test_fill_mode_keeps_placed_meetings_where_they_are(db, event, grid, delegates):
    am, _pm, tables = grid
    ana, juan, rosa = delegates[:3]
    placed = meet(db, event, ana, juan, slot=am[2], table=tables[1])
    meet(db, event, ana, rosa)
    preview = schedule.preview(event, "fill", time_limit=1)
    assert preview.assignments[placed.id] == (am[2].id, tables[1].id)
    assert preview.moves == [] and len(preview.placements) == 1
    schedule.apply(event, preview)
    db.session.refresh(placed)
    assert (placed.slot_id, placed.table_id, placed.sequence) == (am[2].id, tables[1].id, 0)


def test_apply_refuses_a_stale_preview(db, event, grid, delegates):
    am, _pm, tables = grid
    first = meet(db, event, delegates[0], delegates[1])
    meet(db, event, delegates[2], delegates[3])
    preview = schedule.preview(event, "fill", time_limit=1)
    set_placement(first, am[3], tables[0])  # the grid editor moves it meanwhile
    db.session.commit()
    with pytest.raises(ScheduleError, match="The meetings have changed since this preview"):
        schedule.apply(event, preview)
    assert db.session.scalar(sa.select(sa.func.count()).where(Meeting.slot_id.is_not(None))) == 1


def test_apply_refuses_a_plan_that_breaks_new_unavailability(db, event, grid, delegates):
    ana, juan = delegates[:2]
    meet(db, event, ana, juan)
    preview = schedule.preview(event, "fill", time_limit=1)
    [(slot_id, _table)] = preview.assignments.values()
    setup.set_unavailable(ana, [slot_id])
    with pytest.raises(ScheduleError, match="no longer fits the data"):
        schedule.apply(event, preview)


def test_plan_kept_on_its_run_round_trips(app, db, event, grid, delegates):
    from forum.meetings.models import ScheduleRun
    from forum.meetings.services import schedule_runs

    meet(db, event, delegates[0], delegates[1])
    plan = schedule_plan.make_plan(event, "reschedule", time_limit=1)
    run = ScheduleRun(event_id=event.id, mode="reschedule", time_limit=1, status="done")
    run.plan, run.fingerprint = schedule_runs.plan_data(plan), plan.fingerprint
    db.session.add(run)
    db.session.commit()
    db.session.expire_all()
    assert schedule_runs.plan_of(db.session.get(ScheduleRun, run.id)) == plan
    run.status = "running"
    with pytest.raises(ScheduleError, match="This preview is not valid"):
        schedule_runs.plan_of(run)


def test_host_meetings_go_to_the_host_table_and_others_never_do(db, event, grid, delegates):
    _am, _pm, tables = grid
    ministry, *others = delegates
    host_table = setup.add_tables(event, 1)[0]
    setup.update_table(host_table, label="Mesa MIDAGRI", host=ministry)
    with_host = [meet(db, event, ministry, other) for other in others]
    between = [meet(db, event, others[0], others[1]), meet(db, event, others[2], others[3])]
    preview = schedule.preview(event, "fill", time_limit=1)
    schedule.apply(event, preview)
    db.session.expire_all()
    assert {m.table_id for m in with_host} == {host_table.id}
    assert {m.table_id for m in between} <= {t.id for t in tables}
    assert_no_double_booking(db)


def test_publish_mails_exactly_the_delegates_with_meetings(db, event, grid, delegates):
    ana, juan, rosa, luis, carmen = delegates
    meet(db, event, ana, juan)
    meet(db, event, ana, rosa)
    meet(db, event, luis, carmen, preferred_day=date(2024, 3, 20))  # cannot be placed
    schedule.apply(event, schedule.preview(event, "fill", time_limit=1))
    assert schedule.publish(event) == 3
    recipients = sorted(db.session.scalars(sa.select(Mail.recipient)))
    assert recipients == sorted(r.user.email for r in (ana, juan, rosa))
    ana_mail = db.session.scalar(sa.select(Mail).where(Mail.recipient == ana.user.email))
    assert ana_mail.subject == "Your meetings at Foro de Inversiones Mano de la Mano Perú"
    assert "With Juan Pérez (Cooperativa demo)" in ana_mail.body
    assert "With Rosa Chambi (Cooperativa demo)" in ana_mail.body
    assert event.schedule_published_at is not None
    statuses = db.session.scalars(sa.select(Meeting.status).where(Meeting.slot_id.is_not(None)))
    assert set(statuses) == {MeetingStatus.PUBLISHED}


def test_a_move_after_publishing_mails_only_the_affected_and_bumps_sequence(
    db, event, grid, delegates
):
    am, pm, tables = grid
    ana, juan, rosa, luis = delegates[:4]
    moving = meet(db, event, ana, juan, slot=am[0], table=tables[0])
    staying = meet(db, event, rosa, luis, slot=am[0], table=tables[1])
    schedule.publish(event)
    db.session.execute(sa.delete(Mail))
    db.session.commit()
    plan = SchedulePlan(
        event.id,
        "reschedule",
        fingerprint(event),
        {moving.id: (pm[0].id, tables[0].id), staying.id: (am[0].id, tables[1].id)},
    )
    assert schedule.apply(event, plan) == 1
    db.session.expire_all()
    assert (moving.slot_id, moving.sequence, moving.status) == (
        pm[0].id,
        1,
        MeetingStatus.PUBLISHED,
    )
    assert staying.sequence == 0
    mails = db.session.scalars(sa.select(Mail).order_by(Mail.recipient)).all()
    assert sorted(m.recipient for m in mails) == sorted([ana.user.email, juan.user.email])
    assert (
        mails[0].subject
        == "A meeting of yours has changed at Foro de Inversiones Mano de la Mano Perú"
    )
    assert "table 1" in mails[0].body


def test_reschedule_swaps_without_transient_clashes(db, event, grid, delegates):
    am, _pm, tables = grid
    ana, juan, rosa, luis = delegates[:4]
    first = meet(db, event, ana, juan, slot=am[0], table=tables[0])
    second = meet(db, event, rosa, luis, slot=am[1], table=tables[0])
    plan = SchedulePlan(
        event.id,
        "reschedule",
        fingerprint(event),
        {first.id: (am[1].id, tables[0].id), second.id: (am[0].id, tables[0].id)},
    )
    assert schedule.apply(event, plan) == 2
    db.session.expire_all()
    assert (first.slot_id, second.slot_id) == (am[1].id, am[0].id)
    assert (first.sequence, second.sequence) == (1, 1)
    assert_no_double_booking(db)


def test_publish_without_placed_meetings_is_refused(db, event, grid, delegates):
    meet(db, event, delegates[0], delegates[1])
    with pytest.raises(DomainError, match="No meeting has a slot yet"):
        schedule.publish(event)


def test_parallel_blocks_never_share_a_table_or_a_delegate_at_the_same_time(
    db, event, create_session, delegates
):
    day2 = date(2024, 3, 20)
    b2b = create_session(event, "B2B", day=day2, start=time(9), end=time(10), kind=SessionKind.B2B)
    b2g = create_session(event, "B2G", day=day2, start=time(9), end=time(10), kind=SessionKind.B2B)
    setup.save_block(event, b2b, 20, 5)
    setup.save_block(event, b2g, 20, 5)
    setup.add_tables(event, 1)
    ana, juan, rosa, luis, carmen = delegates
    for first, second in [(ana, juan), (rosa, luis), (ana, rosa), (juan, carmen)]:
        meet(db, event, first, second)
    preview = schedule.preview(event, "fill", time_limit=1)
    schedule.apply(event, preview)
    placed = db.session.scalars(sa.select(Meeting).where(Meeting.slot_id.is_not(None))).all()
    assert len(placed) == 2  # one table, two moments
    starts = [m.slot.starts_at for m in placed]
    assert len(set(starts)) == 2
    assert {reason for _m, reason in preview.unplaced} <= {
        "Every table is in use by a parallel block at that time.",
        "A delegate has another meeting at that time in a parallel block.",
    }
