"""Locked (fixed) meetings whose place is no longer valid: found, held apart, reported.

A fixed meeting is the organizer's decision, so the engine never moves it, even when its
place became impossible: a delegate blocked that slot, the table or the slot went away,
another fixed meeting took the same delegate or table then. The search cannot model an
impossible place, so such a meeting is held apart: taken out of the instance the search
sees, its delegates kept busy and its table taken in its slot, and put back in the answer
exactly where it was. The checker (check.py), given the real instance, still reports it as
a violation; `Solution.stats["broken_locks"]` says which meetings and why, for the preview.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

from .model import Assignment, Instance, InstanceError, Solution

#: why a fixed meeting's place is no longer valid, the most basic first
SLOT_GONE = "slot gone"
TABLE_GONE = "table gone"
TABLE_UNAVAILABLE = "table unavailable"
SLOT_NOT_ALLOWED = "slot not allowed"
PARTICIPANT_UNAVAILABLE = "participant unavailable"
DOUBLE_BOOKED = "double booked"
REASONS = (
    SLOT_GONE,
    TABLE_GONE,
    TABLE_UNAVAILABLE,
    SLOT_NOT_ALLOWED,
    PARTICIPANT_UNAVAILABLE,
    DOUBLE_BOOKED,
)


@dataclass(frozen=True)
class BrokenLock:
    """A fixed meeting kept at a place that is no longer valid, and every reason why.

    `unavailable`: its delegates unavailable then; `booked_twice`: its delegates in another
    fixed meeting then; `others`: the fixed meetings sharing a delegate or its table then.
    """

    meeting: str
    slot: str
    table: str
    reasons: tuple[str, ...]
    unavailable: tuple[str, ...] = ()
    booked_twice: tuple[str, ...] = ()
    others: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """The lock as JSON-ready data (lists, not tuples)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


def find_broken_locks(inst: Instance) -> dict[str, BrokenLock]:
    """Every fixed meeting whose place is no longer valid, by meeting id, in instance order."""
    slots = {s.id for s in inst.slots}
    closed = {t.id: set(t.unavailable_slots) for t in inst.tables}
    away = {p.id: set(p.unavailable_slots) for p in inst.participants}
    who_then: dict[tuple[str, str], list[str]] = defaultdict(list)  # (delegate, slot)
    table_then: dict[tuple[str, str], list[str]] = defaultdict(list)  # (table, slot)
    for m in inst.meetings:
        if m.fixed is not None and m.fixed.slot in slots:
            table_then[(m.fixed.table, m.fixed.slot)].append(m.id)
            for p in m.participants:
                who_then[(p, m.fixed.slot)].append(m.id)
    out: dict[str, BrokenLock] = {}
    for m in inst.meetings:
        f = m.fixed
        if f is None:
            continue
        reasons: list[str] = []
        blocked: list[str] = []
        twice: list[str] = []
        others: list[str] = []
        if f.slot not in slots:
            reasons.append(SLOT_GONE)
        else:
            if f.table not in closed:
                reasons.append(TABLE_GONE)
            elif f.slot in closed[f.table]:
                reasons.append(TABLE_UNAVAILABLE)
            if m.allowed_slots is not None and f.slot not in m.allowed_slots:
                reasons.append(SLOT_NOT_ALLOWED)
            blocked = [p for p in m.participants if f.slot in away.get(p, ())]
            if blocked:
                reasons.append(PARTICIPANT_UNAVAILABLE)
            twice = [p for p in m.participants if len(who_then[(p, f.slot)]) > 1]
            same_table = table_then.get((f.table, f.slot), [])
            if twice or len(same_table) > 1:
                reasons.append(DOUBLE_BOOKED)
                for p in twice:
                    others += [o for o in who_then[(p, f.slot)] if o != m.id and o not in others]
                others += [o for o in same_table if o != m.id and o not in others]
        if reasons:
            out[m.id] = BrokenLock(
                m.id, f.slot, f.table, tuple(reasons), tuple(blocked), tuple(twice), tuple(others)
            )
    return out


def check_all_but_places(inst: Instance, broken: dict[str, BrokenLock]) -> None:
    """Validate the instance, except the places of the broken locks (InstanceError)."""
    loose = [replace(m, fixed=None) if m.id in broken else m for m in inst.meetings]
    Instance(inst.slots, inst.tables, inst.participants, loose).validate()


def hold_apart(inst: Instance, broken: dict[str, BrokenLock]) -> Instance:
    """The instance the search sees: broken locks taken out, their delegates busy and their
    tables taken in their slots (where those slots and tables still exist)."""
    slots = {s.id for s in inst.slots}
    busy: dict[str, list[str]] = defaultdict(list)
    taken: dict[str, list[str]] = defaultdict(list)
    people = {m.id: m.participants for m in inst.meetings}
    for lock in broken.values():
        if lock.slot not in slots:
            continue
        taken[lock.table].append(lock.slot)
        for p in people[lock.meeting]:
            busy[p].append(lock.slot)
    tables = [
        replace(t, unavailable_slots=tuple(dict.fromkeys((*t.unavailable_slots, *taken[t.id]))))
        if t.id in taken
        else t
        for t in inst.tables
    ]
    participants = [
        replace(p, unavailable_slots=tuple(dict.fromkeys((*p.unavailable_slots, *busy[p.id]))))
        if p.id in busy
        else p
        for p in inst.participants
    ]
    meetings = [m for m in inst.meetings if m.id not in broken]
    return Instance(inst.slots, tables, participants, meetings)


def put_back(inst: Instance, sol: Solution, broken: dict[str, BrokenLock]) -> Solution:
    """The answer with every broken lock back at its place, listed in the statistics. Those
    at a slot and table that exist count as placed, as the checker counts them: in the
    placed count, the placed priority and its bound."""
    sol.assignments = [
        *sol.assignments,
        *(Assignment(lock.meeting, lock.slot, lock.table) for lock in broken.values()),
    ]
    sol.stats["broken_locks"] = [lock.as_dict() for lock in broken.values()]
    slots, tables = {s.id for s in inst.slots}, {t.id for t in inst.tables}
    weight = {m.id: m.priority for m in inst.meetings}
    placed = [b.meeting for b in broken.values() if b.slot in slots and b.table in tables]
    kept = sum(weight[m] for m in placed)
    if kept and sol.bound is not None:
        sol.bound += kept
    for key, more in (("bound_weighted", kept), ("weighted", kept), ("placed", len(placed))):
        if more and key in sol.stats:
            sol.stats[key] += more
    return sol


def keeping_broken_locks(inst: Instance, search: Callable[[Instance], Solution]) -> Solution:
    """Run `search` on the instance with its broken locks held apart, then put them back.

    Raises InstanceError for any problem of the instance other than a broken lock's place."""
    broken = find_broken_locks(inst)
    if not broken:
        inst.validate()
        return put_back(inst, search(inst), broken)
    check_all_but_places(inst, broken)
    work = hold_apart(inst, broken)
    problems = work.problems()
    if problems:  # cannot happen for a valid rest; said plainly rather than searched
        raise InstanceError(problems)
    return put_back(inst, search(work), broken)
