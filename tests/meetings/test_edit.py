"""The organizer's manual edits and delegates' self-booking, rule by rule."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.extensions import db as _db
from forum.meetings.models import Meeting, MeetingStatus, Unavailability
from forum.meetings.services import edit as meeting_edit
from forum.notifications.models import Mail
from forum.registration.models import OrganisationType
from tests.factories import create_block, create_meeting, create_registration, create_tables


@pytest.fixture
def forum(db, create_event):
    """Four slots, three tables (table 3 reserved for the ministry), five delegates."""
    event = create_event(self_booking=True)
    block = create_block(event, slots=4)
    ministry = create_registration(
        event, "Rosa Huamán", "MIDAGRI", org_type=OrganisationType.NATIONAL_GOVERNMENT
    )
    tables = create_tables(event, 3, hosts={3: ministry})
    return SimpleNamespace(
        event=event,
        slots=block.slots,
        tables=tables,
        ministry=ministry,
        ana=create_registration(event, "Ana Quispe", "Cooperativa Agraria San Ignacio"),
        luis=create_registration(
            event, "Luis Torres", "Fondo Andino", org_type=OrganisationType.INVESTOR
        ),
        eva=create_registration(event, "Eva Mamani", "Lácteos La Libertad"),
        juan=create_registration(event, "Juan Ríos", "Café Jaén"),
    )


def place(meeting):
    """(slot start, table number) of a meeting as stored, or None when unplaced."""
    _db.session.expire_all()
    if meeting.slot is None:
        return None
    return meeting.slot.starts_at, meeting.table.number


def refusal(call, *args) -> list[str]:
    with pytest.raises(DomainError) as caught:
        call(*args)
    return caught.value.errors[""]


def test_move_places_meeting_and_bumps_sequence_only_when_it_moves(forum):
    meeting = create_meeting(forum.ana, forum.luis)
    meeting_edit.move(meeting, forum.slots[1], forum.tables[1])
    assert place(meeting) == (forum.slots[1].starts_at, 2)
    assert meeting.sequence == 0  # placing is not moving
    assert {p.slot_id for p in meeting.participants} == {forum.slots[1].id}
    meeting_edit.move(meeting, forum.slots[2], forum.tables[0])
    assert place(meeting) == (forum.slots[2].starts_at, 1)
    assert meeting.sequence == 1


def test_move_refused_when_table_taken(forum):
    create_meeting(forum.eva, forum.juan, slot=forum.slots[0], table=forum.tables[0])
    meeting = create_meeting(forum.ana, forum.luis)
    assert refusal(meeting_edit.move, meeting, forum.slots[0], forum.tables[0]) == [
        "Table 1 is taken at that time."
    ]
    assert place(meeting) is None


def test_move_refused_when_delegate_busy(forum):
    create_meeting(forum.ana, forum.juan, slot=forum.slots[0], table=forum.tables[0])
    meeting = create_meeting(forum.ana, forum.luis)
    assert refusal(meeting_edit.move, meeting, forum.slots[0], forum.tables[1]) == [
        "Ana Quispe has another meeting at that time."
    ]


def test_move_refused_when_delegate_unavailable(db, forum):
    db.session.add(Unavailability(registration_id=forum.luis.id, slot_id=forum.slots[2].id))
    db.session.commit()
    meeting = create_meeting(forum.ana, forum.luis)
    assert refusal(meeting_edit.move, meeting, forum.slots[2], forum.tables[0]) == [
        "Luis Torres is not available at that time."
    ]


def test_move_refused_at_table_reserved_for_host(forum):
    meeting = create_meeting(forum.ana, forum.luis)
    assert refusal(meeting_edit.move, meeting, forum.slots[0], forum.tables[2]) == [
        "Table 3 is reserved for its host."
    ]
    hosted = create_meeting(forum.ana, forum.ministry)
    meeting_edit.move(hosted, forum.slots[0], forum.tables[2])
    assert place(hosted) == (forum.slots[0].starts_at, 3)


def test_move_refused_when_meeting_locked(forum):
    meeting = create_meeting(forum.ana, forum.luis, slot=forum.slots[0], table=forum.tables[0])
    meeting_edit.set_locked(meeting, True)
    assert refusal(meeting_edit.move, meeting, forum.slots[1], forum.tables[0]) == [
        "This meeting is locked: unlock it first."
    ]
    meeting_edit.set_locked(meeting, False)
    meeting_edit.move(meeting, forum.slots[1], forum.tables[0])
    assert place(meeting) == (forum.slots[1].starts_at, 1)


def test_move_lists_every_broken_rule(db, forum):
    create_meeting(forum.ana, forum.juan, slot=forum.slots[0], table=forum.tables[2], locked=True)
    db.session.add(Unavailability(registration_id=forum.luis.id, slot_id=forum.slots[0].id))
    db.session.commit()
    meeting = create_meeting(forum.ana, forum.luis)
    assert refusal(meeting_edit.move, meeting, forum.slots[0], forum.tables[2]) == [
        "Table 3 is taken at that time.",
        "Table 3 is reserved for its host.",
        "Ana Quispe has another meeting at that time.",
        "Luis Torres is not available at that time.",
    ]


def test_move_reports_a_concurrent_clash_caught_by_the_database(forum, monkeypatch):
    create_meeting(forum.eva, forum.juan, slot=forum.slots[0], table=forum.tables[0])
    meeting = create_meeting(forum.ana, forum.luis)
    # As if another organizer placed a meeting there between our check and our commit.
    monkeypatch.setattr(meeting_edit, "placement_problems", lambda *args: [])
    assert refusal(meeting_edit.move, meeting, forum.slots[0], forum.tables[0]) == [
        "Someone else just took this slot or table; reload and try again."
    ]
    assert place(meeting) is None


def test_swap_exchanges_places(forum):
    a = create_meeting(forum.ana, forum.luis, slot=forum.slots[0], table=forum.tables[0])
    b = create_meeting(forum.eva, forum.juan, slot=forum.slots[1], table=forum.tables[1])
    meeting_edit.swap(a, b)
    assert place(a) == (forum.slots[1].starts_at, 2)
    assert place(b) == (forum.slots[0].starts_at, 1)
    assert (a.sequence, b.sequence) == (1, 1)


def test_swap_within_one_slot_and_with_a_shared_delegate(forum):
    a = create_meeting(forum.ana, forum.luis, slot=forum.slots[0], table=forum.tables[0])
    b = create_meeting(forum.eva, forum.juan, slot=forum.slots[0], table=forum.tables[1])
    meeting_edit.swap(a, b)
    assert (place(a), place(b)) == ((forum.slots[0].starts_at, 2), (forum.slots[0].starts_at, 1))
    c = create_meeting(forum.ana, forum.ministry, slot=forum.slots[1], table=forum.tables[0])
    meeting_edit.swap(a, c)  # Ana is in both: each meeting ignores the other
    assert (place(a), place(c)) == ((forum.slots[1].starts_at, 1), (forum.slots[0].starts_at, 2))


def test_swap_respects_rules_and_changes_nothing_when_refused(db, forum):
    a = create_meeting(forum.ana, forum.luis, slot=forum.slots[0], table=forum.tables[0])
    b = create_meeting(forum.eva, forum.ministry, slot=forum.slots[1], table=forum.tables[2])
    db.session.add(Unavailability(registration_id=forum.eva.id, slot_id=forum.slots[0].id))
    db.session.commit()
    assert refusal(meeting_edit.swap, a, b) == [
        "Table 3 is reserved for its host.",
        "Eva Mamani is not available at that time.",
    ]
    assert (place(a), place(b)) == ((forum.slots[0].starts_at, 1), (forum.slots[1].starts_at, 3))
    assert (a.sequence, b.sequence) == (0, 0)


def test_swap_refuses_locked_or_unplaced_meetings(forum):
    a = create_meeting(forum.ana, forum.luis, slot=forum.slots[0], table=forum.tables[0])
    b = create_meeting(
        forum.eva, forum.juan, slot=forum.slots[1], table=forum.tables[1], locked=True
    )
    unplaced = create_meeting(forum.juan, forum.luis)
    assert refusal(meeting_edit.swap, a, b) == ["This meeting is locked: unlock it first."]
    assert refusal(meeting_edit.swap, a, unplaced) == [
        "Only meetings that have a slot and a table can be swapped."
    ]
    assert refusal(meeting_edit.swap, a, a) == ["Choose another meeting to swap with."]


def test_cancel_frees_the_slot_remembers_the_time_and_mails_participants(db, forum):
    meeting = create_meeting(forum.ana, forum.luis, slot=forum.slots[1], table=forum.tables[0])
    meeting_edit.cancel_meeting(meeting)
    db.session.expire_all()
    assert meeting.status == MeetingStatus.CANCELLED
    assert (meeting.slot_id, meeting.table_id) == (None, None)
    assert (meeting.cancelled_starts_at, meeting.cancelled_ends_at) == (
        forum.slots[1].starts_at,
        forum.slots[1].ends_at,
    )
    assert meeting.sequence == 1
    assert {p.slot_id for p in meeting.participants} == {None}
    mails = db.session.execute(sa.select(Mail.recipient, Mail.subject).order_by(Mail.id)).all()
    subject = "Meeting cancelled at Hand-in-Hand Investment Forum 2023"
    assert mails == [(forum.ana.user.email, subject), (forum.luis.user.email, subject)]
    body = db.session.scalar(sa.select(Mail.body).where(Mail.recipient == forum.ana.user.email))
    body = " ".join(body.split())
    assert "cancelled your meeting with Luis Torres." in body
    assert "October 17, 2023, 10:25" in body  # the slot on Rome's clock
    # The freed place can be taken at once.
    other = create_meeting(forum.eva, forum.juan)
    meeting_edit.move(other, forum.slots[1], forum.tables[0])
    assert place(other) == (forum.slots[1].starts_at, 1)


def test_cancelled_meeting_cannot_be_placed_again(forum):
    meeting = create_meeting(forum.ana, forum.luis)
    meeting_edit.cancel_meeting(meeting)
    assert refusal(meeting_edit.move, meeting, forum.slots[0], forum.tables[0]) == [
        "This meeting is cancelled."
    ]


def test_free_common_slots_is_exact(db, forum):
    meeting = create_meeting(forum.ana, forum.luis)
    s0, s1, s2, s3 = forum.slots
    create_meeting(forum.ana, forum.juan, slot=s0, table=forum.tables[0])  # Ana busy at s0
    db.session.add(Unavailability(registration_id=forum.luis.id, slot_id=s1.id))
    db.session.commit()
    # At s2 both open tables are taken; only the ministry's table 3 is left.
    carmen = create_registration(forum.event, "Carmen Soto", "Agro Rural")
    pedro = create_registration(forum.event, "Pedro Cruz", "Cacao de Aroma")
    create_meeting(forum.eva, forum.juan, slot=s2, table=forum.tables[0])
    create_meeting(carmen, pedro, slot=s2, table=forum.tables[1])
    at_s3 = create_meeting(forum.ministry, forum.eva, slot=s3, table=forum.tables[2])
    assert meeting_edit.free_common_slots(meeting) == [s3]
    assert meeting_edit.free_common_slots(meeting, after=s2.starts_at) == [s3]
    assert meeting_edit.free_common_slots(meeting, after=s3.starts_at) == []
    # The ministry takes part, so its own table 3 is free at s2; it is busy at s3.
    with_ministry = create_meeting(forum.ana, forum.ministry)
    assert meeting_edit.free_common_slots(with_ministry) == [s1, s2]
    meeting_edit.cancel_meeting(at_s3)
    assert meeting_edit.free_common_slots(with_ministry) == [s1, s2, s3]


def test_self_book_picks_lowest_free_table(forum):
    create_meeting(forum.eva, forum.juan, slot=forum.slots[1], table=forum.tables[0])
    meeting = create_meeting(forum.ana, forum.luis)
    booked = meeting_edit.self_book(meeting, forum.luis, forum.slots[1].id)
    assert place(booked) == (forum.slots[1].starts_at, 2)


def test_self_book_prefers_a_table_hosted_by_a_participant(forum):
    meeting = create_meeting(forum.ana, forum.ministry)
    meeting_edit.self_book(meeting, forum.ana, forum.slots[0].id)
    assert place(meeting) == (forum.slots[0].starts_at, 3)


@pytest.mark.parametrize(
    "setup, message",
    [
        ("closed", "The organizers place the meetings of this event; you cannot book a time."),
        ("stranger", "Only the participants of a meeting can book its time."),
        ("placed", "This meeting already has a time."),
        ("cancelled", "This meeting is cancelled."),
        ("busy", "Ana Quispe has another meeting at that time."),
        ("past", "This time has already begun; choose a later one."),
        ("full", "No table is free at that time; choose another time."),
    ],
)
def test_self_book_refusals(db, forum, setup, message):
    meeting = create_meeting(forum.ana, forum.luis)
    by, after = forum.ana, None
    slot = forum.slots[0]
    if setup == "closed":
        forum.event.self_booking = False
    elif setup == "stranger":
        by = forum.eva
    elif setup == "placed":
        meeting_edit.move(meeting, forum.slots[3], forum.tables[0])
    elif setup == "cancelled":
        meeting.status = MeetingStatus.CANCELLED
    elif setup == "busy":
        create_meeting(forum.ana, forum.juan, slot=slot, table=forum.tables[0])
    elif setup == "past":
        after = slot.starts_at + timedelta(minutes=1)
    elif setup == "full":
        create_meeting(forum.eva, forum.juan, slot=slot, table=forum.tables[0])
        carmen = create_registration(forum.event, "Carmen Soto", "Agro Rural")
        create_meeting(carmen, forum.ministry, slot=slot, table=forum.tables[1])
    db.session.commit()
    assert refusal(meeting_edit.self_book, meeting, by, slot.id, after) == [message]


def test_self_book_tries_the_next_table_after_a_clash(forum, monkeypatch):
    create_meeting(forum.eva, forum.juan, slot=forum.slots[0], table=forum.tables[0])
    meeting = create_meeting(forum.ana, forum.luis)
    real_problems, real_free = meeting_edit.placement_problems, meeting_edit._free_tables
    calls = []

    def stale_free_tables(meeting, slot):
        calls.append(slot.id)
        # The first look misses the meeting at table 1, as if it were committed just after.
        return [forum.tables[0], forum.tables[1]] if len(calls) == 1 else real_free(meeting, slot)

    monkeypatch.setattr(meeting_edit, "_free_tables", stale_free_tables)
    monkeypatch.setattr(
        meeting_edit,
        "placement_problems",
        lambda m, s, t: [] if len(calls) == 1 else real_problems(m, s, t),
    )
    meeting_edit.self_book(meeting, forum.ana, forum.slots[0].id)
    assert place(meeting) == (forum.slots[0].starts_at, 2)
    assert len(calls) == 2


def test_self_book_gives_up_after_two_clashes(db, forum, monkeypatch):
    create_meeting(forum.eva, forum.juan, slot=forum.slots[0], table=forum.tables[0])
    meeting = create_meeting(forum.ana, forum.luis)
    monkeypatch.setattr(meeting_edit, "_free_tables", lambda m, s: [forum.tables[0]])
    monkeypatch.setattr(meeting_edit, "placement_problems", lambda *args: [])
    assert refusal(meeting_edit.self_book, meeting, forum.ana, forum.slots[0].id) == [
        "Someone else just took this slot or table; reload and try again."
    ]
    assert db.session.get(Meeting, meeting.id).slot_id is None
