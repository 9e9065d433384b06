"""Meetings a plan keeps at a place that is no longer possible: broken locks.

A locked meeting is the organizer's decision, so no plan moves it, even when its place
became impossible. The engine finds those it can see and keeps them where they are
(forum/scheduling/replan_locks.py: a delegate unavailable then, a double booking); the glue
adds what the engine is not told: a locked meeting whose slot or table was deleted (held by
schedule_instance) and two fixed meetings sharing a delegate or a table in parallel blocks
at the same time. The plan lists them all; here each becomes a line for the organizer (who,
when, where, why) on the plan page and in `flask forum schedule`.
"""

from dataclasses import dataclass

from flask_babel import gettext as _

from forum.meetings.models import Meeting, MeetingSlot, MeetingTable
from forum.meetings.services.schedule_instance import InstanceIndex, key_id
from forum.scheduling.replan_locks import (
    DOUBLE_BOOKED,
    PARTICIPANT_UNAVAILABLE,
    SLOT_GONE,
    SLOT_NOT_ALLOWED,
    TABLE_GONE,
    TABLE_UNAVAILABLE,
)

Place = tuple[int, int]  # (slot id, table id)


@dataclass
class BrokenLockLine:
    """A kept meeting whose place is no longer possible, as the organizer reads it."""

    meeting: Meeting
    slot: MeetingSlot | None
    table: MeetingTable | None
    reasons: list[str]  # in the reader's language


def plan_broken_locks(
    index: InstanceIndex, engine_locks: list[dict], assignments: dict[int, Place]
) -> list[dict]:
    """The plan's list, by meeting id: its reason codes, its delegates (registration ids)
    unavailable then and booked twice then, and the other meetings concerned. The engine's
    (instance ids), the held ones and the double bookings across parallel blocks."""
    found: dict[int, dict] = {}

    def add(meeting_id: int, reason: str, unavailable=(), twice=(), others=()) -> None:
        entry = found.setdefault(
            meeting_id,
            {"meeting": meeting_id, "reasons": [], "unavailable": [], "twice": [], "others": []},
        )
        if reason not in entry["reasons"]:
            entry["reasons"].append(reason)
        for key, ids in (("unavailable", unavailable), ("twice", twice), ("others", others)):
            entry[key] += [i for i in ids if i not in entry[key]]

    for lock in engine_locks:
        for reason in lock["reasons"]:
            add(
                key_id(lock["meeting"]),
                reason,
                [key_id(p) for p in lock["unavailable"]],
                [key_id(p) for p in lock["booked_twice"]],
                [key_id(o) for o in lock["others"]],
            )
    for meeting_id, reason in index.held.items():
        add(meeting_id, reason)
    for meeting_id, (people, others) in _parallel_double_bookings(index, assignments).items():
        add(meeting_id, DOUBLE_BOOKED, twice=people, others=others)
    return [found[m] for m in sorted(found)]


def _parallel_double_bookings(
    index: InstanceIndex, assignments: dict[int, Place]
) -> dict[int, tuple[list[int], list[int]]]:
    """Fixed meetings with a delegate or a table in another fixed meeting at the same time in
    a parallel block (the engine sees the blocks apart): meeting -> (delegates, meetings)."""
    if not index.overlaps:
        return {}
    at_slot: dict[int, list[int]] = {}
    for meeting_id in index.fixed:
        if meeting_id in assignments:
            at_slot.setdefault(assignments[meeting_id][0], []).append(meeting_id)
    out: dict[int, tuple[list[int], list[int]]] = {}
    for slot_id, meeting_ids in at_slot.items():
        for other_slot in index.overlaps.get(slot_id, ()):
            for meeting_id in meeting_ids:
                mine = set(index.members(meeting_id))
                for other in at_slot.get(other_slot, ()):
                    shared = sorted(mine & set(index.members(other)))
                    same_table = assignments[other][1] == assignments[meeting_id][1]
                    if shared or same_table:
                        people, others = out.setdefault(meeting_id, ([], []))
                        people += [p for p in shared if p not in people]
                        others.append(other)
    return out


def reason_text(reason: str, names: list[str]) -> str:
    """One reason code in the reader's language; `names`: the delegates concerned."""
    who = ", ".join(names)
    if reason == PARTICIPANT_UNAVAILABLE:
        return _("%(names)s can no longer meet at that time", names=who)
    if reason == DOUBLE_BOOKED and names:
        return _("%(names)s has another kept meeting at that time", names=who)
    texts = {
        DOUBLE_BOOKED: _("Another kept meeting uses the same table at that time"),
        SLOT_GONE: _("Its time slot no longer exists"),
        TABLE_GONE: _("Its table no longer exists"),
        TABLE_UNAVAILABLE: _("Its table is not available at that time"),
        SLOT_NOT_ALLOWED: _("The time is outside the meeting’s preferred day or half-day"),
    }
    return texts.get(reason, reason)


def broken_lock_lines(
    locks: list[dict],
    meetings: dict[int, Meeting],
    slots: dict[int, MeetingSlot],
    tables: dict[int, MeetingTable],
) -> list[BrokenLockLine]:
    """The plan's broken locks among these loaded meetings (with their delegates), in order."""
    lines = []
    for lock in locks:
        meeting = meetings.get(lock["meeting"])
        if meeting is None:  # cancelled or deleted since the plan was made
            continue
        names = {p.registration_id: p.registration.display_name for p in meeting.participants}
        who = {
            PARTICIPANT_UNAVAILABLE: [names[r] for r in lock["unavailable"] if r in names],
            DOUBLE_BOOKED: [names[r] for r in lock["twice"] if r in names],
        }
        lines.append(
            BrokenLockLine(
                meeting,
                slots.get(meeting.slot_id),
                tables.get(meeting.table_id),
                [reason_text(reason, who.get(reason, [])) for reason in lock["reasons"]],
            )
        )
    return lines
