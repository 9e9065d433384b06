from datetime import UTC, date, datetime, time

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.core.timerange import to_local
from forum.events.models import Room, SessionKind
from forum.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingSlot,
    RequestStatus,
    Unavailability,
)
from forum.meetings.services import setup
from forum.meetings.services.placement import blocked_slot_ids, set_placement

LIMA = dict(
    slug="foro-peru",
    name="Foro de Inversiones Mano de la Mano Perú",
    timezone="America/Lima",
    start_date=date(2024, 3, 19),
    end_date=date(2024, 3, 20),
)


@pytest.fixture
def event(create_event):
    return create_event(**LIMA)


@pytest.fixture
def b2b(event, create_session):
    return create_session(
        event, "Ruedas de negocios", start=time(9), end=time(10), kind=SessionKind.B2B
    )


def local(slots, event):
    return [
        (
            to_local(s.starts_at, event.tz).strftime("%H:%M"),
            to_local(s.ends_at, event.tz).strftime("%H:%M"),
        )
        for s in slots
    ]


def accepted_meeting(db, event, first, second, slot=None, table=None):
    request = MeetingRequest(
        event_id=event.id,
        requester_id=first.id,
        recipient_id=second.id,
        kind=MeetingKind.B2B,
        status=RequestStatus.ACCEPTED,
    )
    meeting = Meeting(event_id=event.id, request=request)
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


def test_save_block_fills_the_session_and_drops_a_short_tail(event, b2b):
    block = setup.save_block(event, b2b, 20, 5)
    assert local(block.slots, event) == [("09:00", "09:20"), ("09:25", "09:45")]
    assert block.slots[0].starts_at == datetime(2024, 3, 19, 14, 0, tzinfo=UTC)
    assert (block.slot_minutes, block.break_minutes) == (20, 5)
    assert setup.block_is_current(block)


def test_save_block_counts_real_minutes_across_spring_forward(create_event, create_session):
    rome = create_event(
        slug="rome-dst",
        timezone="Europe/Rome",
        start_date=date(2024, 3, 31),
        end_date=date(2024, 3, 31),
    )
    night = create_session(rome, "B2B nocturno", start=time(1), end=time(4), kind=SessionKind.B2B)
    block = setup.save_block(rome, night, 60, 0)
    # 01:00 CET to 04:00 CEST is two hours: clocks jump from 02:00 to 03:00.
    assert local(block.slots, rome) == [("01:00", "03:00"), ("03:00", "04:00")]
    assert [s.ends_at - s.starts_at for s in block.slots] == [
        block.slots[0].ends_at - block.slots[0].starts_at
    ] * 2


def test_save_block_on_fall_back_day_keeps_wall_times(create_event, create_session):
    rome = create_event(
        slug="rome-fall",
        timezone="Europe/Rome",
        start_date=date(2023, 10, 29),
        end_date=date(2023, 10, 29),
    )
    b2b = create_session(rome, "B2B", start=time(9), end=time(10), kind=SessionKind.B2B)
    block = setup.save_block(rome, b2b, 20, 5)
    assert local(block.slots, rome) == [("09:00", "09:20"), ("09:25", "09:45")]
    assert block.slots[0].starts_at == datetime(2023, 10, 29, 8, 0, tzinfo=UTC)


def test_save_block_refuses_other_kinds_and_bad_lengths(event, create_session, b2b):
    plenary = create_session(event, "Plenaria", start=time(11), end=time(12))
    with pytest.raises(DomainError, match="only be set in B2B/B2G meeting sessions"):
        setup.save_block(event, plenary, 20, 5)
    with pytest.raises(DomainError, match="A slot lasts between 5 and 240 minutes."):
        setup.save_block(event, b2b, 2, 5)
    with pytest.raises(DomainError, match="too short for one slot of 90 minutes"):
        setup.save_block(event, b2b, 90, 5)


def test_save_block_again_keeps_unchanged_slots_and_their_unavailability(
    db, event, b2b, create_registration
):
    block = setup.save_block(event, b2b, 20, 0)
    first_id = block.slots[0].id
    delegate = create_registration(event)
    setup.set_unavailable(delegate, [first_id])
    block = setup.save_block(event, b2b, 20, 10)
    assert local(block.slots, event) == [("09:00", "09:20"), ("09:30", "09:50")]
    assert block.slots[0].id == first_id
    assert blocked_slot_ids(delegate) == {first_id}


def test_save_block_refuses_to_delete_slots_holding_meetings(db, event, b2b, create_registration):
    block = setup.save_block(event, b2b, 20, 5)
    [table] = setup.add_tables(event, 1)
    a, b = create_registration(event), create_registration(event)
    accepted_meeting(db, event, a, b, block.slots[1], table)
    with pytest.raises(DomainError, match="1 meeting is placed in slots that would disappear"):
        setup.save_block(event, b2b, 30, 0)
    slots = db.session.scalars(sa.select(MeetingSlot).order_by(MeetingSlot.starts_at)).all()
    assert local(slots, event) == [("09:00", "09:20"), ("09:25", "09:45")]


def test_add_tables_numbers_them_consecutively(db, event):
    room = Room(event_id=event.id, name="Sala Machu Picchu")
    db.session.add(room)
    db.session.commit()
    first = setup.add_tables(event, 3, room=room)
    more = setup.add_tables(event, 2, is_virtual=True, video_url="https://meet.example/foro")
    assert [t.number for t in first + more] == [1, 2, 3, 4, 5]
    assert {t.room_id for t in first} == {room.id}
    assert [(t.is_virtual, t.video_url) for t in more] == [(True, "https://meet.example/foro")] * 2
    with pytest.raises(DomainError, match="Table 5 exists already"):
        setup.add_tables(event, 2, first_number=5)
    with pytest.raises(DomainError, match="must start with https://"):
        setup.add_tables(event, 1, video_url="javascript:alert(1)")


def test_update_table_sets_host_and_refuses_meetings_without_the_host(
    db, event, b2b, create_registration
):
    block = setup.save_block(event, b2b, 20, 5)
    [table] = setup.add_tables(event, 1)
    ministry, coop, bank = (create_registration(event) for _ in range(3))
    accepted_meeting(db, event, coop, bank, block.slots[0], table)
    with pytest.raises(DomainError, match="1 meeting without this host is placed at the table"):
        setup.update_table(table, host=ministry)
    setup.update_table(table, label="Mesa MIDAGRI", host=coop)
    assert (str(table), table.host_registration_id) == ("Mesa MIDAGRI", coop.id)


def test_delete_table_refused_while_meetings_sit_there(db, event, b2b, create_registration):
    block = setup.save_block(event, b2b, 20, 5)
    busy, free = setup.add_tables(event, 2)
    accepted_meeting(
        db, event, create_registration(event), create_registration(event), block.slots[0], busy
    )
    with pytest.raises(DomainError, match="1 meeting is placed at table 1"):
        setup.delete_table(busy)
    setup.delete_table(free)
    assert [t.number for t in db.session.scalars(sa.select(setup.MeetingTable))] == [1]


def test_set_unavailable_replaces_the_set_and_only_takes_own_event_slots(
    db, event, b2b, create_event, create_session, create_registration
):
    block = setup.save_block(event, b2b, 20, 5)
    delegate = create_registration(event)
    first, second = (s.id for s in block.slots)
    assert setup.set_unavailable(delegate, [first, second]) == {first, second}
    assert setup.set_unavailable(delegate, [second]) == {second}
    rows = db.session.scalars(sa.select(Unavailability.slot_id)).all()
    assert rows == [second]
    other = create_event(
        slug="other",
        timezone="America/Lima",
        start_date=LIMA["start_date"],
        end_date=LIMA["end_date"],
    )
    other_b2b = create_session(other, "B2B", start=time(9), end=time(10), kind=SessionKind.B2B)
    foreign = setup.save_block(other, other_b2b, 20, 5).slots[0].id
    with pytest.raises(DomainError, match="Choose slots of this event."):
        setup.set_unavailable(delegate, [foreign])


def test_set_unavailable_refuses_a_slot_with_a_meeting(db, event, b2b, create_registration):
    block = setup.save_block(event, b2b, 20, 5)
    [table] = setup.add_tables(event, 1)
    a, b = create_registration(event), create_registration(event)
    accepted_meeting(db, event, a, b, block.slots[0], table)
    with pytest.raises(DomainError, match="You have a meeting in one of these slots"):
        setup.set_unavailable(a, [block.slots[0].id])


def test_seats_in_overlapping_sessions_block_slots(event, b2b, create_session, create_registration):
    from forum.registration.services import seating

    block = setup.save_block(event, b2b, 20, 5)
    workshop = create_session(event, "Taller de cacao", start=time(9, 30), end=time(11))
    delegate = create_registration(event)
    seating.sign_up(workshop, delegate)
    assert blocked_slot_ids(delegate) == {block.slots[1].id}
