"""A plan as the organizer's page shows it at any size: counts, meetings per slot, and the
changes and the meetings left out a page at a time.

`schedule.describe` lists every meeting (the CLI prints it); at 10,000 meetings that page
weighed megabytes. Here the figures come from three narrow queries (ids and places) and
only the meetings of the page shown are loaded with their delegates: a constant number of
queries and a page of bounded size, however large the event.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
)
from forum.meetings.services.schedule import Change
from forum.meetings.services.schedule_locks import BrokenLockLine, broken_lock_lines
from forum.meetings.services.schedule_plan import Place, SchedulePlan, ScheduleStats
from forum.meetings.services.schedule_reasons import translate_reason
from forum.registration.models import Registration

PER_PAGE = 50


@dataclass
class Pager:
    """One page of a long list, and where it stands."""

    items: list
    page: int
    pages: int
    total: int


@dataclass
class SlotLoad:
    """A slot and its meetings now and after applying the plan."""

    slot: MeetingSlot
    now: int
    after: int


@dataclass
class PlanSummary:
    """What a plan changes, in figures, with one page of the changes and of the left-out."""

    plan: SchedulePlan
    placements: int = 0
    moves: int = 0
    unchanged: int = 0
    affected: int = 0  # delegates with a placed meeting that moves or loses its place
    told: int = 0  # delegates applying mails on a published schedule: placed, moved, dropped
    per_slot: list[SlotLoad] = field(default_factory=list)
    changes: Pager | None = None
    unplaced: Pager | None = None
    broken_locks: list[BrokenLockLine] = field(default_factory=list)  # the first PER_PAGE
    broken_total: int = 0  # locked meetings kept at a place that is no longer possible

    @property
    def stats(self) -> ScheduleStats:
        return self.plan.stats


def _page_of(ids: list[int], page: int, per_page: int) -> tuple[list[int], int, int]:
    pages = max(1, -(-len(ids) // per_page))
    page = min(max(1, page), pages)
    return ids[(page - 1) * per_page : page * per_page], page, pages


def _with_people(ids: list[int]) -> dict[int, Meeting]:
    """These meetings (a page: at most PER_PAGE) with their delegates, users, organisations."""
    if not ids:
        return {}
    meetings = db.session.scalars(
        sa.select(Meeting)
        .where(Meeting.id.in_(ids))
        .options(
            selectinload(Meeting.participants)
            .selectinload(MeetingParticipant.registration)
            .options(selectinload(Registration.user), selectinload(Registration.organisation))
        )
    ).all()
    return {m.id: m for m in meetings}


def summarise(
    event: Event,
    plan: SchedulePlan,
    page: int = 1,
    unplaced_page: int = 1,
    per_page: int = PER_PAGE,
) -> PlanSummary:
    """The plan against the database as it is now, one page of each list."""
    now: dict[int, Place | None] = {
        mid: (slot, table) if slot is not None and table is not None else None
        for mid, slot, table in db.session.execute(
            sa.select(Meeting.id, Meeting.slot_id, Meeting.table_id).where(
                Meeting.event_id == event.id, Meeting.status != MeetingStatus.CANCELLED
            )
        )
    }
    slots = {
        s.id: s
        for s in db.session.scalars(sa.select(MeetingSlot).where(MeetingSlot.event_id == event.id))
    }
    tables = {
        t.id: t
        for t in db.session.scalars(
            sa.select(MeetingTable).where(MeetingTable.event_id == event.id)
        )
    }
    summary = PlanSummary(plan)
    counted = set(plan.assignments) | set(plan.reasons)
    changed: list[tuple[float, int]] = []
    moved: set[int] = set()
    load_now: dict[int, int] = {}
    load_after: dict[int, int] = {}
    for mid, place in now.items():
        if place:
            load_now[place[0]] = load_now.get(place[0], 0) + 1
        after = plan.assignments.get(mid) if mid in counted else place
        if after:
            load_after[after[0]] = load_after.get(after[0], 0) + 1
        if mid not in counted:
            continue
        if after == place:
            summary.unchanged += 1
            continue
        if place is None:
            summary.placements += 1
        else:
            summary.moves += 1
            moved.add(mid)
        when = (after or place)[0]
        changed.append((slots[when].starts_at.timestamp() if when in slots else float("inf"), mid))
    people: dict[int, list[int]] = {}
    for mid, registration_id in db.session.execute(
        sa.select(MeetingParticipant.meeting_id, MeetingParticipant.registration_id)
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(Meeting.event_id == event.id, Meeting.status != MeetingStatus.CANCELLED)
    ):
        people.setdefault(mid, []).append(registration_id)
    summary.affected = len({r for mid in moved for r in people.get(mid, ())})
    summary.told = len({r for _when, mid in changed for r in people.get(mid, ())})
    summary.per_slot = [
        SlotLoad(slot, load_now.get(sid, 0), load_after.get(sid, 0))
        for sid, slot in sorted(slots.items(), key=lambda item: (item[1].starts_at, item[0]))
    ]
    ids, page, pages = _page_of([mid for _when, mid in sorted(changed)], page, per_page)
    left_out = sorted(mid for mid in plan.reasons if mid in now)
    out_ids, out_page, out_pages = _page_of(left_out, unplaced_page, per_page)
    locks = plan.broken_locks[:per_page]
    loaded = _with_people(ids + out_ids + [lock["meeting"] for lock in locks])
    summary.broken_locks = broken_lock_lines(locks, loaded, slots, tables)
    summary.broken_total = len(plan.broken_locks)

    def resolve(place: Place | None):
        if place is None or place[0] not in slots or place[1] not in tables:
            return None
        return slots[place[0]], tables[place[1]]

    summary.changes = Pager(
        [Change(loaded[m], resolve(now[m]), resolve(plan.assignments.get(m))) for m in ids],
        page,
        pages,
        len(changed),
    )
    summary.unplaced = Pager(
        [(loaded[m], translate_reason(plan.reasons[m])) for m in out_ids],
        out_page,
        out_pages,
        len(left_out),
    )
    return summary
