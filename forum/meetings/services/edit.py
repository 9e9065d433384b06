"""Changing where a meeting is: the organizer's grid (move, swap, lock, cancel) and self-booking.

Every change takes the meeting's row lock, re-reads what it checks, applies the rules of
`meeting_placement` and flushes (the caller commits); the database's unique constraints
catch the races the lock cannot see (two meetings wanting one table, or one delegate, at
once).
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NoReturn

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from forum.audit import services as audit
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.savepoint import all_or_nothing, savepoint
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    RequestStatus,
)
from forum.meetings.services.agenda import place_of, table_sides
from forum.meetings.services.placement import blocked_slot_ids, placement_problems, set_placement
from forum.notifications import notify
from forum.registration.models import Registration
from forum.webhooks import tell as webhooks

BOOKING_ATTEMPTS = 2  # the free table first, then the next one if a concurrent click took it


def _clash_message() -> str:
    return _("Someone else just took this slot or table; reload and try again.")


class _LostRace(Exception):
    """A concurrent booking took the table between two reads: try again."""


def refuse(messages: str | list[str]) -> NoReturn:
    """Report why; the operation's SAVEPOINT (all_or_nothing) undoes what it changed."""
    raise DomainError({"": [messages] if isinstance(messages, str) else list(messages)})


def _lock(meetings: Iterable[Meeting]) -> None:
    """Lock the meetings' rows in id order (no deadlock) and forget what was read before."""
    for meeting_id in sorted({m.id for m in meetings}):
        lock_row(Meeting, meeting_id)
    db.session.expire_all()


def apply_placements(*placements: tuple[Meeting, MeetingSlot | None, MeetingTable | None]) -> None:
    """Apply the placements and flush; a clash with a concurrent change becomes a DomainError."""
    try:
        with savepoint():  # the database checks the unique places as the savepoint ends
            for meeting, slot, table in placements:
                set_placement(meeting, slot, table)
    except (IntegrityError, StaleDataError):
        refuse(_clash_message())


def _refuse_locked(meeting: Meeting) -> None:
    if meeting.locked:
        refuse(_("This meeting is locked: unlock it first."))


def _where(meeting: Meeting) -> dict | None:
    return audit.place(meeting.event, meeting.slot, meeting.table)


def _audit(meeting: Meeting, action: str, before: dict | None, after: dict | None) -> None:
    """Log a change to a meeting, named by who meets: "Ana Quispe (Coop) – Luis Rojas (Bank)"."""
    subject = " – ".join(
        ", ".join(f"{p.name} ({p.organisation})" if p.organisation else p.name for p in side)
        for side in table_sides(meeting)
    )
    audit.record(meeting.event, action, subject, before=before, after=after)


def _announced(meeting: Meeting) -> bool:
    """Whether the meeting's people were told its place: only then must they hear a move."""
    return meeting.status == MeetingStatus.PUBLISHED and place_of(meeting) is not None


def _check_move(meeting: Meeting, slot: MeetingSlot, table: MeetingTable) -> None:
    """Lock the meeting and refuse the move if a hard rule forbids it."""
    _lock([meeting])
    _refuse_locked(meeting)
    problems = placement_problems(meeting, slot, table)
    if problems:
        refuse(problems)


@all_or_nothing
def move(meeting: Meeting, slot: MeetingSlot, table: MeetingTable) -> None:
    """Put a meeting at another slot and table, if every hard rule allows it; the people of a
    published meeting hear the old and the new place."""
    _check_move(meeting, slot, table)
    before = place_of(meeting) if _announced(meeting) else None
    old = _where(meeting)
    apply_placements((meeting, slot, table))
    _audit(meeting, "meeting.moved", old, _where(meeting))
    if before is not None and before != place_of(meeting):
        notify.meetings_moved(meeting.event, [(meeting, before)])
        webhooks.meetings_moved(meeting.event, [meeting])


def _vacate_for_swap(a: Meeting, b: Meeting) -> tuple[tuple, tuple]:
    """Lock both, take them off the grid and check each at the other's place; their places."""
    if a.id == b.id:
        raise DomainError(_("Choose another meeting to swap with."))
    _lock([a, b])
    _refuse_locked(a)
    _refuse_locked(b)
    if a.slot is None or b.slot is None:
        refuse(_("Only meetings that have a slot and a table can be swapped."))
    place_a, place_b = (a.slot, a.table), (b.slot, b.table)
    # Both leave first, so that neither the checks nor the unique constraints see the other.
    set_placement(a, None, None)
    set_placement(b, None, None)
    db.session.flush()
    problems = placement_problems(a, *place_b) + placement_problems(b, *place_a)
    if problems:
        refuse(problems)
    return place_a, place_b


@all_or_nothing
def swap(a: Meeting, b: Meeting) -> None:
    """Exchange the places of two placed, unlocked meetings, each checked at the other's place."""
    if a.id != b.id:
        _lock([a, b])  # read what they were told under the lock (locking again is a no-op)
    # Only the people of published meetings were told a place, so only they hear the swap.
    before = {m.id: place_of(m) for m in (a, b) if _announced(m)}
    old = {m.id: _where(m) for m in (a, b)}
    place_a, place_b = _vacate_for_swap(a, b)
    apply_placements((a, *place_b), (b, *place_a))
    for meeting in (a, b):
        _audit(meeting, "meeting.swapped", old[meeting.id], _where(meeting))
    moved = [(m, before[m.id]) for m in (a, b) if m.id in before]
    if moved:
        notify.meetings_moved(a.event, moved)
        webhooks.meetings_moved(a.event, [m for m, _before in moved])


class _DryRun(Exception):
    """Raised after a check passed, so that its savepoint rolls back what it touched."""


def _refusal(check: Callable[[], object]) -> list[str]:
    """The messages `check` refuses with (none: allowed), changing nothing: it runs in a
    SAVEPOINT that is always rolled back."""
    try:
        with savepoint():
            check()
            raise _DryRun
    except _DryRun:
        return []
    except DomainError as error:
        return list(error.errors.get("", [str(error)]))


def move_refusal(meeting: Meeting, slot: MeetingSlot, table: MeetingTable) -> list[str]:
    """Why move() would refuse this place, in its very words; [] when it would move."""
    return _refusal(lambda: _check_move(meeting, slot, table))


def swap_refusal(a: Meeting, b: Meeting) -> list[str]:
    """Why swap() would refuse, in its very words; [] when it would swap."""
    return _refusal(lambda: _vacate_for_swap(a, b))


@all_or_nothing
def set_locked(meeting: Meeting, locked: bool) -> None:
    """Fix a meeting where it is (the scheduler leaves it alone), or release it."""
    _lock([meeting])
    was_locked = meeting.locked
    meeting.locked = locked
    apply_placements()
    if was_locked != locked:
        _audit(meeting, "meeting.locked", {"locked": was_locked}, {"locked": locked})


@all_or_nothing
def cancel_meeting(meeting: Meeting) -> None:
    """Cancel a meeting: free its slot and table, keep its time for calendars, tell its people."""
    _lock([meeting])
    if meeting.status == MeetingStatus.CANCELLED:
        return
    _refuse_locked(meeting)
    old = _where(meeting)
    if meeting.slot is not None:
        meeting.cancelled_starts_at = meeting.slot.starts_at
        meeting.cancelled_ends_at = meeting.slot.ends_at
    meeting.status = MeetingStatus.CANCELLED
    apply_placements((meeting, None, None))
    _audit(meeting, "meeting.cancelled", old, None)
    webhooks.meeting_cancelled(meeting)
    notify.meeting_cancelled_by_organizer(meeting)


def _member_ids(meeting: Meeting) -> set[int]:
    return {p.registration_id for p in meeting.participants}


def _usable_tables(meeting: Meeting) -> list[MeetingTable]:
    """Open tables and tables hosted by a participant; the participants' own tables first."""
    members = _member_ids(meeting)
    tables = db.session.scalars(
        sa.select(MeetingTable)
        .where(
            MeetingTable.event_id == meeting.event_id,
            sa.or_(
                MeetingTable.host_registration_id.is_(None),
                MeetingTable.host_registration_id.in_(members),
            ),
        )
        .order_by(MeetingTable.number)
    ).all()
    return sorted(tables, key=lambda t: t.host_registration_id is None)


def _taken_tables(meeting: Meeting) -> dict[int, set[int]]:
    """For each slot, the tables other meetings of the event occupy."""
    rows = db.session.execute(
        sa.select(Meeting.slot_id, Meeting.table_id).where(
            Meeting.event_id == meeting.event_id,
            Meeting.slot_id.is_not(None),
            Meeting.id != meeting.id,
        )
    )
    taken: dict[int, set[int]] = {}
    for slot_id, table_id in rows:
        taken.setdefault(slot_id, set()).add(table_id)
    return taken


def _free_tables(meeting: Meeting, slot: MeetingSlot) -> list[MeetingTable]:
    taken = _taken_tables(meeting).get(slot.id, set())
    return [t for t in _usable_tables(meeting) if t.id not in taken]


def busy_slot_ids(meeting: Meeting, meetings: bool = True) -> set[int]:
    """Slots where one of the meeting's people cannot meet: another meeting (unless `meetings`
    is false), a slot marked unavailable, a session they have a seat in."""
    members = _member_ids(meeting)
    busy = set()
    if meetings:
        busy = set(
            db.session.scalars(
                sa.select(MeetingParticipant.slot_id).where(
                    MeetingParticipant.registration_id.in_(members),
                    MeetingParticipant.meeting_id != meeting.id,
                    MeetingParticipant.slot_id.is_not(None),
                )
            )
        )
    for participant in meeting.participants:
        busy |= blocked_slot_ids(participant.registration)
    return busy


def free_common_slots(meeting: Meeting, after: datetime | None = None) -> list[MeetingSlot]:
    """Slots (starting after `after`, if given) where all participants and a table are free."""
    unusable = busy_slot_ids(meeting)
    table_ids = {t.id for t in _usable_tables(meeting)}
    taken = _taken_tables(meeting)
    query = sa.select(MeetingSlot).where(MeetingSlot.event_id == meeting.event_id)
    if after is not None:
        query = query.where(MeetingSlot.starts_at > after)
    slots = db.session.scalars(query.order_by(MeetingSlot.starts_at, MeetingSlot.id)).all()
    return [
        slot for slot in slots if slot.id not in unusable and table_ids - taken.get(slot.id, set())
    ]


def booking_problem(meeting: Meeting, by_registration: Registration) -> str | None:
    if not meeting.event.self_booking:
        return _("The organizers place the meetings of this event; you cannot book a time.")
    if by_registration.id not in _member_ids(meeting):
        return _("Only the participants of a meeting can book its time.")
    if meeting.status == MeetingStatus.CANCELLED:
        return _("This meeting is cancelled.")
    if meeting.request.status != RequestStatus.ACCEPTED:
        return _("This meeting request has not been accepted.")
    if meeting.slot_id is not None:
        return _("This meeting already has a time.")
    return None


def _try_booking(
    meeting: Meeting, by_registration: Registration, slot_id: int, after: datetime | None
) -> None:
    """One attempt: refuse what breaks a rule; _LostRace when a concurrent booking got in first."""
    _lock([meeting])
    problem = booking_problem(meeting, by_registration)
    if problem:
        refuse(problem)
    slot = db.session.get(MeetingSlot, slot_id)
    if slot is None or slot.event_id != meeting.event_id:
        refuse(_("Choose one of the times offered."))
    if after is not None and slot.starts_at <= after:
        refuse(_("This time has already begun; choose a later one."))
    tables = _free_tables(meeting, slot)
    if not tables:
        refuse(_("No table is free at that time; choose another time."))
    problems = placement_problems(meeting, slot, tables[0])
    if problems and tables[0] not in _free_tables(meeting, slot):
        raise _LostRace  # the table was taken between two reads
    if problems:
        refuse(problems)
    try:
        set_placement(meeting, slot, tables[0])
        db.session.flush()
    except (IntegrityError, StaleDataError):
        raise _LostRace from None


def self_book(
    meeting: Meeting, by_registration: Registration, slot_id: int, after: datetime | None = None
) -> Meeting:
    """A participant books a free common slot for an accepted meeting; the table comes with it.

    The others at the table hear the new time (and the old one, when the booking moved it).
    """
    before = place_of(meeting)
    for _attempt in range(BOOKING_ATTEMPTS):
        try:
            with savepoint():  # a lost race or a refusal undoes only this attempt
                _try_booking(meeting, by_registration, slot_id, after)
        except _LostRace:
            db.session.expire_all()  # read the tables again
        else:
            if place_of(meeting) != before:
                notify.meeting_booked_by_delegate(meeting, by_registration, before)
                told = webhooks.meetings_placed if before is None else webhooks.meetings_moved
                told(meeting.event, [meeting])
            return meeting
    refuse(_clash_message())
