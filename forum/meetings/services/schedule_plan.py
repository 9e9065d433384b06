"""A schedule plan: the engine's answer for an event's meetings, checked and made readable.

`make_plan` loads the instance from the database (schedule_instance), runs the pure engine
(forum.scheduling), places the tables and hosts, checks the result with the engine's
independent checker and explains every meeting left out. A plan carries a fingerprint of
the meetings it was computed from, so schedule.apply refuses a plan made on stale data.
"""

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
)
from forum.meetings.services.schedule_instance import (
    MODES,
    InstanceIndex,
    build_instance,
    key_id,
    meeting_key,
    slot_key,
    table_key,
)
from forum.meetings.services.schedule_locks import plan_broken_locks
from forum.scheduling import Instance, Report, Solution, check, solve
from forum.scheduling.model import Assignment, Table
from forum.scheduling.replan import replan
from forum.scheduling.replan_locks import keeping_broken_locks

Progress = Callable[[str, dict[str, float]], None]
Place = tuple[int, int]  # (slot id, table id)


class ScheduleError(DomainError):
    """A plan cannot be made or applied; nothing was written."""


@dataclass
class ScheduleStats:
    """Figures of a plan: meetings placed, priority total and its bound, idle gaps."""

    meetings: int = 0
    placed: int = 0
    weighted: int = 0
    bound: float | None = None
    total_gaps: int = 0
    max_gaps: int = 0
    method: str = ""
    status: str = ""
    seconds: float = 0.0
    moves_allowed: bool = False  # re-planning: the organizer let placed meetings move


@dataclass
class SchedulePlan:
    """What apply() needs: the mode, the data fingerprint and a place per placed meeting."""

    event_id: int
    mode: str
    fingerprint: str
    assignments: dict[int, Place]
    reasons: dict[int, str] = field(default_factory=dict)  # unplaced meeting -> why
    stats: ScheduleStats = field(default_factory=ScheduleStats)
    #: locked meetings kept at a place that is no longer possible (schedule_locks)
    broken_locks: list[dict] = field(default_factory=list)

    @property
    def kept_broken(self) -> set[int]:
        """The meetings the plan keeps at a place the checker reports as broken."""
        return {lock["meeting"] for lock in self.broken_locks}


def fingerprint(event: Event) -> str:
    """A digest of every meeting's place, status and version: it changes when any of them does."""
    rows = db.session.execute(
        sa.select(
            Meeting.id,
            Meeting.slot_id,
            Meeting.table_id,
            Meeting.version,
            Meeting.status,
            Meeting.locked,
        )
        .where(Meeting.event_id == event.id)
        .order_by(Meeting.id)
    ).all()
    text = ";".join(",".join(str(value) for value in row) for row in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def current_place(meeting: Meeting) -> Place | None:
    if meeting.slot_id is None or meeting.table_id is None:
        return None
    return meeting.slot_id, meeting.table_id


def _priority(meeting: Meeting) -> int:
    return max(1, int(meeting.request.priority or 1)) if meeting.request else 1


def _readable(index: InstanceIndex, reason: str) -> str:
    """An engine reason with instance ids (r12, s3, t4) replaced by names, times and tables."""
    zone = index.event.tz

    def name(match: re.Match) -> str:
        kind, number = match.group(1), int(match.group(2))
        if kind == "r" and number in index.registrations:
            return index.registrations[number].display_name
        if kind == "s" and number in index.slots:
            return index.slots[number].starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        if kind == "t" and number in index.tables:
            return str(index.tables[number])
        return match.group(0)

    return re.sub(r"\b([rst])(\d+)\b", name, reason)


def _cross_block_clashes(index: InstanceIndex, assignments: dict[int, Place]) -> dict[int, str]:
    """Unplace free meetings that put a delegate in two parallel (overlapping) slots at once."""
    if not index.overlaps:
        return {}
    busy: dict[int, set[int]] = defaultdict(set)  # registration -> slots
    dropped: dict[int, str] = {}
    order = sorted(
        assignments,
        key=lambda m: (m not in index.fixed, -_priority(index.meetings[m]), m),
    )
    for meeting_id in order:
        slot_id = assignments[meeting_id][0]
        members = index.members(meeting_id)
        parallel = index.overlaps.get(slot_id, ())
        if meeting_id not in index.fixed and any(o in busy[r] for r in members for o in parallel):
            dropped[meeting_id] = "a delegate has another meeting at that time in a parallel block"
            continue
        for rid in members:
            busy[rid].add(slot_id)
    for meeting_id in dropped:
        del assignments[meeting_id]
    return dropped


def _assign_tables(index: InstanceIndex, assignments: dict[int, Place]) -> dict[int, str]:
    """Give free meetings free shared tables, keeping old ones; return those left without."""
    # A table in use in a parallel block at the same time is not free.
    by_slot: dict[int, list[int]] = defaultdict(list)
    given: dict[int, set[int]] = defaultdict(set)  # slot -> tables in use
    for meeting_id, (slot_id, table_id) in assignments.items():
        by_slot[slot_id].append(meeting_id)
        if meeting_id in index.fixed:
            given[slot_id].add(table_id)
    dropped: dict[int, str] = {}
    for slot_id in sorted(by_slot, key=lambda s: (index.slots[s].starts_at, s)):
        taken = set(given[slot_id])
        for other in index.overlaps.get(slot_id, ()):
            taken |= given[other]
        free = [t for t in index.tables if t in index.pooled_tables and t not in taken]
        rest = []
        for meeting_id in sorted(m for m in by_slot[slot_id] if m not in index.fixed):
            old = current_place(index.meetings[meeting_id])
            if old and old[0] == slot_id and old[1] in free:
                free.remove(old[1])
                assignments[meeting_id] = (slot_id, old[1])
            else:
                rest.append(meeting_id)
        for meeting_id in rest:
            wanted = assignments[meeting_id][1]
            if not free:
                dropped[meeting_id] = "every table is in use by a parallel block at that time"
                continue
            table_id = wanted if wanted in free else free[0]
            free.remove(table_id)
            assignments[meeting_id] = (slot_id, table_id)
        given[slot_id] |= {assignments[m][1] for m in by_slot[slot_id] if m not in dropped}
    for meeting_id in dropped:
        del assignments[meeting_id]
    return dropped


def _seat_hosts(index: InstanceIndex, assignments: dict[int, Place]) -> None:
    """Move each free meeting of a table's host to that host's table."""
    used = set(assignments.values())

    def in_use(slot_id: int, table_id: int) -> bool:
        slots = [slot_id, *index.overlaps.get(slot_id, ())]
        return any((s, table_id) in used for s in slots)

    for meeting_id in sorted(assignments):
        if meeting_id in index.fixed:
            continue
        slot_id, table_id = assignments[meeting_id]
        old = current_place(index.meetings[meeting_id])
        candidates = [
            t for rid in index.members(meeting_id) for t in index.host_tables.get(rid, [])
        ]
        if old and old[0] == slot_id and old[1] in candidates:
            candidates.insert(0, old[1])
        for candidate in candidates:
            if candidate == table_id:
                break
            if not in_use(slot_id, candidate):
                used.discard((slot_id, table_id))
                used.add((slot_id, candidate))
                assignments[meeting_id] = (slot_id, candidate)
                break


def final_report(instance: Instance, index: InstanceIndex, assignments: dict[int, Place]) -> Report:
    """The engine's checker on the final assignments, host tables open (they are checked apart)."""
    hosted = {tid for tables in index.host_tables.values() for tid in tables}
    relaxed = Instance(
        instance.slots,
        [Table(t.id, ()) if key_id(t.id) in hosted else t for t in instance.tables],
        instance.participants,
        instance.meetings,
    )
    solution = Solution(
        assignments=[
            Assignment(meeting_key(m), slot_key(s), table_key(t))
            for m, (s, t) in sorted(assignments.items())
        ],
        unscheduled=[meeting_key(m) for m in index.meetings if m not in assignments],
    )
    return check(relaxed, solution)


def plan_problems(
    index: InstanceIndex,
    assignments: dict[int, Place],
    report: Report,
    kept: set[int] | frozenset[int] = frozenset(),
) -> list[str]:
    """Every rule the assignments break: the checker's, host tables, parallel blocks; except
    the checker's violations about `kept` only (locked meetings whose place broke, kept)."""
    problems = report.violations_beyond({meeting_key(m) for m in kept})
    for meeting_id, (slot_id, table_id) in assignments.items():
        table = index.tables.get(table_id)
        if meeting_id not in index.meetings or table is None or slot_id not in index.slots:
            continue  # the checker has reported it
        host = table.host_registration_id
        if meeting_id in index.fixed or host is None:
            continue
        if host not in index.members(meeting_id):
            problems.append(f"meeting {meeting_id} is at table {table} without its host")
    if _cross_block_clashes(index, dict(assignments)):
        problems.append("a delegate is in two parallel blocks at once")
    where = {place: meeting_id for meeting_id, place in assignments.items()}
    for (slot_id, table_id), meeting_id in where.items():
        for other in index.overlaps.get(slot_id, ()):
            clash = where.get((other, table_id))
            if clash is not None and not {meeting_id, clash} <= index.fixed:
                problems.append(f"table {table_id} is used by two parallel blocks at once")
    return problems


def _stats(index: InstanceIndex, report: Report, solution: Solution) -> ScheduleStats:
    return ScheduleStats(
        meetings=len(index.meetings) + len(index.held),  # held: kept, half their place gone
        placed=report.placed,
        weighted=report.weighted,
        bound=solution.bound,
        total_gaps=report.total_gaps,
        max_gaps=report.max_gaps,
        method=str(solution.stats.get("method", "")),
        status=str(solution.stats.get("status", "")),
        seconds=float(solution.stats.get("time", 0.0)),
        moves_allowed=bool(solution.stats.get("moves_allowed", False)),
    )


def make_plan(
    event: Event,
    mode: str = "fill",
    time_limit: float = 10,
    progress: Progress | None = None,
    allow_moves: bool = False,
) -> SchedulePlan:
    """Run the engine on the event's meetings and return a checked plan (nothing is written).

    Mode "replan" keeps placed meetings where they are (forum/scheduling/replan.py) unless
    their place became impossible, or `allow_moves` lets it move as few as it can."""
    if mode not in MODES:
        raise ScheduleError(_("Choose how to schedule: fill, reschedule or re-plan."))
    instance, index = build_instance(event, mode)
    stamp = fingerprint(event)
    if progress:
        progress("loaded", {"meetings": len(index.meetings)})
    if mode == "replan":
        solution = replan(instance, time_limit, allow_moves=allow_moves, progress=progress)
    else:
        solution = keeping_broken_locks(
            instance, lambda work: solve(work, time_limit=time_limit, progress=progress)
        )
    if progress:
        progress("checking", {"placed": len(solution.assignments)})
    engine_locks = solution.stats.get("broken_locks", [])
    kept = {key_id(lock["meeting"]) for lock in engine_locks}
    report = check(instance, solution)  # reports the kept broken locks too: allowed, listed
    unexpected = report.violations_beyond({meeting_key(m) for m in kept})
    if unexpected:
        current_app.logger.error("scheduler broke rules: %s", unexpected[:20])
        raise ScheduleError(_("The scheduler returned an invalid schedule; nothing was changed."))
    assignments = {
        key_id(a.meeting): (key_id(a.slot), key_id(a.table)) for a in solution.assignments
    }
    reasons = {key_id(m): _readable(index, why) for m, why in solution.reasons.items()}
    reasons.update(_cross_block_clashes(index, assignments))
    reasons.update(_assign_tables(index, assignments))
    _seat_hosts(index, assignments)
    report = final_report(instance, index, assignments)
    problems = plan_problems(index, assignments, report, kept)
    if problems:
        current_app.logger.error("schedule post-processing broke rules: %s", problems[:20])
        raise ScheduleError(_("The scheduler returned an invalid schedule; nothing was changed."))
    reasons.update(index.skipped)
    return SchedulePlan(
        event.id,
        mode,
        stamp,
        assignments,
        reasons,
        _stats(index, report, solution),
        plan_broken_locks(index, engine_locks, assignments),
    )
