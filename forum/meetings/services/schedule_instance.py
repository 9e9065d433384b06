"""An event's meetings as an instance of the pure scheduling engine, and the way back.

Choices the engine cannot express, made here:

- Host tables. The engine has no per-meeting table restriction, so a table reserved for
  a host is kept out of the shared pool: in the instance it is unavailable in every slot
  except where a fixed meeting already sits at it. After solving, a meeting of the host
  is moved to the host's table (always free then: a host is in one meeting per slot).
  The pool therefore counts each host meeting against a shared table: safe, if cautious.
- Virtual tables are used only when the event is virtual or hybrid; an in-person event
  keeps them out of the pool like host tables.
- Preferred day and half-day are hard rules (allowed slots). A slot is in the morning
  when it starts before 13:00 on the event's clock, in the afternoon otherwise.
- Blocks that overlap in time (parallel B2B sessions) are separate blocks for the
  engine, which does not know that their slots happen at the same time. A delegate's
  fixed meeting makes the overlapping slots of other blocks unavailable to them; after
  solving, the caller unplaces free meetings that would put a delegate, or a table, in
  two overlapping slots (`InstanceIndex.overlaps`; empty when no blocks overlap).
- In "fill" mode every placed meeting is fixed; in "reschedule" mode only locked ones.
  A locked meeting with neither slot nor table is free.
- In "replan" mode locked meetings are fixed, and so is a meeting at its host's table while
  that place stays valid; every other placed meeting is free but carries its current place,
  which the engine keeps unless it became impossible or moves are allowed
  (forum/scheduling/replan.py). A place the organizer chose outside the request's preferred
  half-day stands: its slot is added to the allowed ones.
- A fixed meeting's delegates stay unavailable where they blocked a slot: a lock kept at a
  place that is no longer possible is the engine's to find and report, not hidden here
  (forum/scheduling/replan_locks.py). A locked meeting that lost half its place (its slot
  or its table was deleted) is not given to the engine at all: it is held (`held`), left as
  it is, its delegates kept busy in its slot, and reported with the plan (schedule_locks).
"""

from dataclasses import dataclass, field
from datetime import time

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from forum.accounts.models import User
from forum.core.timerange import to_local
from forum.events.models import Event, EventFormat, ProgrammeSession
from forum.extensions import db
from forum.meetings.models import (
    HalfDay,
    Meeting,
    MeetingBlock,
    MeetingParticipant,
    MeetingRequest,
    MeetingRequestColleague,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    Unavailability,
)
from forum.registration.models import Organisation, Registration, SeatStatus, SessionSeat
from forum.scheduling import Instance
from forum.scheduling.model import Fixed, Participant, Slot, Table
from forum.scheduling.model import Meeting as EngineMeeting
from forum.scheduling.replan_locks import SLOT_GONE, TABLE_GONE

MODES = ("fill", "reschedule", "replan")
AFTERNOON_FROM = time(13)


def slot_key(slot_id: int) -> str:
    return f"s{slot_id}"


def table_key(table_id: int) -> str:
    return f"t{table_id}"


def person_key(registration_id: int) -> str:
    return f"r{registration_id}"


def meeting_key(meeting_id: int) -> str:
    return f"m{meeting_id}"


def key_id(key: str) -> int:
    """The database id inside an instance id such as 's12'."""
    return int(key[1:])


@dataclass
class InstanceIndex:
    """The database rows behind an instance's ids, and what the engine could not be told."""

    event: Event
    mode: str
    slots: dict[int, MeetingSlot] = field(default_factory=dict)
    tables: dict[int, MeetingTable] = field(default_factory=dict)
    meetings: dict[int, Meeting] = field(default_factory=dict)
    registrations: dict[int, Registration] = field(default_factory=dict)
    pooled_tables: set[int] = field(default_factory=set)
    host_tables: dict[int, list[int]] = field(default_factory=dict)  # host -> table ids
    fixed: set[int] = field(default_factory=set)  # meeting ids
    skipped: dict[int, str] = field(default_factory=dict)  # unplaced, left out: why
    overlaps: dict[int, list[int]] = field(default_factory=dict)  # slot -> parallel slots
    blocked: dict[int, set[int]] = field(default_factory=dict)  # delegate -> slots they cannot
    held: dict[int, str] = field(default_factory=dict)  # locked, half its place gone -> why

    def members(self, meeting_id: int) -> list[int]:
        return [p.registration_id for p in self.meetings[meeting_id].participants]


def is_afternoon(slot: MeetingSlot, event: Event) -> bool:
    return to_local(slot.starts_at, event.tz).time() >= AFTERNOON_FROM


def _allowed(request, slots: list[MeetingSlot], event: Event) -> tuple[str, ...] | None:
    """The slots a request's preferred day and half-day allow (None: any slot)."""
    if request is None or (request.preferred_day is None and request.preferred_half is None):
        return None
    chosen = []
    for slot in slots:
        if request.preferred_day and to_local(slot.starts_at, event.tz).date() != (
            request.preferred_day
        ):
            continue
        if request.preferred_half is not None and is_afternoon(slot, event) != (
            request.preferred_half == HalfDay.AFTERNOON
        ):
            continue
        chosen.append(slot_key(slot.id))
    return tuple(chosen)


def _ordered_slots(event: Event) -> list[MeetingSlot]:
    """All slots, block after block (blocks in time order), so each block is consecutive."""
    blocks = db.session.scalars(
        sa.select(MeetingBlock)
        .where(MeetingBlock.event_id == event.id)
        .options(selectinload(MeetingBlock.slots))
    ).all()
    blocks = [b for b in blocks if b.slots]
    blocks.sort(key=lambda b: (b.slots[0].starts_at, b.id))
    return [slot for block in blocks for slot in block.slots]


def _load_meetings(event: Event) -> list[Meeting]:
    """The event's live meetings with their delegates (users, organisations), requests and
    the requests' colleagues, in five queries however many there are: each relation is read
    whole for the event and put on the objects (no IN list of ids, no query per 500)."""
    live = sa.and_(Meeting.event_id == event.id, Meeting.status != MeetingStatus.CANCELLED)
    meetings = db.session.scalars(sa.select(Meeting).where(live).order_by(Meeting.id)).all()
    people: dict[int, Registration] = {}
    for registration, user, organisation in db.session.execute(
        sa.select(Registration, User, Organisation)
        .join(User, User.id == Registration.user_id)
        .outerjoin(Organisation, Organisation.id == Registration.organisation_id)
        .where(Registration.event_id == event.id)
    ):
        set_committed_value(registration, "user", user)
        set_committed_value(registration, "organisation", organisation)
        people[registration.id] = registration
    members: dict[int, list[MeetingParticipant]] = {m.id: [] for m in meetings}
    for participant in db.session.scalars(
        sa.select(MeetingParticipant)
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(live)
        .order_by(MeetingParticipant.id)
    ):
        set_committed_value(participant, "registration", people.get(participant.registration_id))
        members[participant.meeting_id].append(participant)
    requests = {
        request.id: request
        for request in db.session.scalars(
            sa.select(MeetingRequest)
            .join(Meeting, Meeting.request_id == MeetingRequest.id)
            .where(live)
        )
    }
    colleagues: dict[int, list[MeetingRequestColleague]] = {r: [] for r in requests}
    for colleague in db.session.scalars(
        sa.select(MeetingRequestColleague)
        .join(Meeting, Meeting.request_id == MeetingRequestColleague.request_id)
        .where(live)
    ):
        colleagues[colleague.request_id].append(colleague)
    for request_id, request in requests.items():  # the mails about moves name both sides
        set_committed_value(request, "colleagues", colleagues[request_id])
    for meeting in meetings:
        set_committed_value(meeting, "participants", members[meeting.id])
        set_committed_value(meeting, "request", requests.get(meeting.request_id))
    return meetings


def blocked_slots(event: Event) -> dict[int, set[int]]:
    """Per delegate, the slots they cannot meet in (marked unavailable, or in a session they
    have a seat in): `placement.blocked_slot_ids` for every delegate at once, two queries."""
    blocked: dict[int, set[int]] = {}
    marked = (
        sa.select(Unavailability.registration_id, Unavailability.slot_id)
        .join(Registration, Registration.id == Unavailability.registration_id)
        .where(Registration.event_id == event.id)
    )
    seated = (
        sa.select(SessionSeat.registration_id, MeetingSlot.id)
        .join(ProgrammeSession, ProgrammeSession.id == SessionSeat.session_id)
        .join(MeetingSlot, MeetingSlot.event_id == ProgrammeSession.event_id)
        .where(
            ProgrammeSession.event_id == event.id,
            SessionSeat.status == SeatStatus.SEATED,
            ProgrammeSession.starts_at < MeetingSlot.ends_at,
            ProgrammeSession.ends_at > MeetingSlot.starts_at,
        )
    )
    for query in (marked, seated):
        for registration_id, slot_id in db.session.execute(query):
            blocked.setdefault(registration_id, set()).add(slot_id)
    return blocked


def _why_left_out(members: list[Registration]) -> str:
    if len(members) < 2:
        return "it has fewer than two delegates"
    if any(not registration.is_approved for registration in members):
        return "a delegate's registration is not approved"
    return ""


def _is_placed(meeting: Meeting) -> bool:
    return meeting.slot_id is not None and meeting.table_id is not None


def _is_fixed(meeting: Meeting, mode: str, index: "InstanceIndex | None" = None) -> bool:
    if not _is_placed(meeting):
        return False
    if mode == "replan" and index is not None and _at_valid_host_table(meeting, index):
        return True
    return mode == "fill" or meeting.locked


def _at_valid_host_table(meeting: Meeting, index: "InstanceIndex") -> bool:
    """A meeting sits at the table of one of its delegates, who can all still meet then."""
    table = index.tables.get(meeting.table_id)
    members = [p.registration for p in meeting.participants]
    if table is None or table.host_registration_id not in {r.id for r in members}:
        return False
    return meeting.slot_id in index.slots and not any(
        meeting.slot_id in index.blocked.get(r.id, ()) for r in members
    )


def _lost_half_its_place(meeting: Meeting, index: "InstanceIndex") -> str:
    """For a locked meeting whose slot or table was deleted: which (else "")."""
    if not meeting.locked or (meeting.slot_id is None) == (meeting.table_id is None):
        return ""
    if meeting.table_id is None or meeting.table_id not in index.tables:
        return TABLE_GONE
    return SLOT_GONE


def _current(meeting: Meeting, mode: str, fixed: Fixed | None) -> Fixed | None:
    """Where a free meeting sits now, for re-planning to keep it there."""
    if mode != "replan" or fixed is not None or not _is_placed(meeting):
        return None
    return Fixed(slot_key(meeting.slot_id), table_key(meeting.table_id))


def build_instance(event: Event, mode: str = "fill") -> tuple[Instance, InstanceIndex]:
    """The event's slots, tables, delegates and meetings as an engine instance, with its index."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    index = InstanceIndex(event=event, mode=mode)
    slots = _ordered_slots(event)
    index.slots = {slot.id: slot for slot in slots}
    index.overlaps = _parallel_slots(slots)
    index.blocked = blocked_slots(event)
    tables = db.session.scalars(
        sa.select(MeetingTable)
        .where(MeetingTable.event_id == event.id)
        .order_by(MeetingTable.number)
    ).all()
    index.tables = {table.id: table for table in tables}
    for table in tables:
        if table.host_registration_id is not None:
            index.host_tables.setdefault(table.host_registration_id, []).append(table.id)
        elif not table.is_virtual or event.format != EventFormat.IN_PERSON:
            index.pooled_tables.add(table.id)

    fixed_at: dict[int, set[int]] = {}  # table id -> slots where a fixed meeting sits
    busy: dict[int, set[int]] = {}  # registration id -> slots of their fixed meetings
    held_at: dict[int, set[int]] = {}  # registration id -> slots of their held meetings
    meetings: list[EngineMeeting] = []
    for meeting in _load_meetings(event):
        members = [p.registration for p in meeting.participants]
        problem = _why_left_out(members)
        if problem:
            if meeting.slot_id is None:  # placed ones are left where they are, untouched
                index.skipped[meeting.id] = problem
            continue
        lost = _lost_half_its_place(meeting, index)
        if lost:
            index.held[meeting.id] = lost
            for registration in members:
                index.registrations[registration.id] = registration
                if meeting.slot_id in index.slots:
                    held_at.setdefault(registration.id, set()).add(meeting.slot_id)
            continue
        index.meetings[meeting.id] = meeting
        fixed = None
        if _is_fixed(meeting, mode, index) and meeting.slot_id in index.slots:
            index.fixed.add(meeting.id)
            fixed = Fixed(slot_key(meeting.slot_id), table_key(meeting.table_id))
            fixed_at.setdefault(meeting.table_id, set()).add(meeting.slot_id)
            for registration in members:
                busy.setdefault(registration.id, set()).add(meeting.slot_id)
        for registration in members:
            index.registrations[registration.id] = registration
        current = _current(meeting, mode, fixed)
        allowed = None if fixed else _allowed(meeting.request, slots, event)
        if allowed is not None and current is not None and meeting.slot_id in index.slots:
            allowed = tuple(dict.fromkeys((*allowed, current.slot)))  # the organizer's choice
        meetings.append(
            EngineMeeting(
                id=meeting_key(meeting.id),
                participants=tuple(person_key(r.id) for r in members),
                priority=max(1, int(meeting.request.priority or 1)) if meeting.request else 1,
                allowed_slots=allowed,
                fixed=fixed,
                current=current,
            )
        )

    engine_tables = [
        Table(
            table_key(table.id),
            ()
            if table.id in index.pooled_tables
            else tuple(slot_key(s.id) for s in slots if s.id not in fixed_at.get(table.id, set())),
        )
        for table in tables
    ]
    blocked = index.blocked
    people = [
        Participant(
            person_key(rid),
            tuple(
                slot_key(s)
                for s in _unavailable(
                    index,
                    blocked.get(rid, set()) | held_at.get(rid, set()),
                    busy.get(rid, set()) | held_at.get(rid, set()),
                )
            ),
        )
        for rid in sorted(index.registrations)
    ]
    engine_slots = [
        Slot(
            slot_key(slot.id),
            f"b{slot.block_id}",
            slot.starts_at.isoformat(),
            slot.ends_at.isoformat(),
        )
        for slot in slots
    ]
    return Instance(engine_slots, engine_tables, people, meetings), index


def _parallel_slots(slots: list[MeetingSlot]) -> dict[int, list[int]]:
    """For each slot, the slots of other blocks that overlap it in time (most have none)."""
    ordered = sorted(slots, key=lambda s: s.starts_at)
    parallel: dict[int, list[int]] = {}
    for i, slot in enumerate(ordered):
        for other in ordered[i + 1 :]:
            if other.starts_at >= slot.ends_at:
                break
            if other.block_id != slot.block_id:
                parallel.setdefault(slot.id, []).append(other.id)
                parallel.setdefault(other.id, []).append(slot.id)
    return parallel


def _unavailable(index: InstanceIndex, blocked: set[int], mine: set[int] | None) -> list:
    """Blocked slots (a fixed meeting's among them: the engine reports that lock), plus the
    slots of other blocks overlapping a fixed or held meeting, except those of `mine`."""
    mine = mine or set()
    parallel = {o for slot_id in mine for o in index.overlaps.get(slot_id, ())}
    return sorted((blocked & index.slots.keys()) | (parallel - mine))
