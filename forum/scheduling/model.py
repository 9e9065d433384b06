"""Instance and solution data types for the scheduler: JSON load/dump and validation."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class InstanceError(ValueError):
    """An instance is malformed; `problems` lists every issue found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid instance: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Slot:
    """A meeting slot; `block` groups consecutive slots (a half-day)."""

    id: str
    block: str = "day"
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Table:
    """A meeting table with the slots it cannot be used in."""

    id: str
    unavailable_slots: tuple[str, ...] = ()


@dataclass(frozen=True)
class Participant:
    """A delegate with the slots they are not available in."""

    id: str
    unavailable_slots: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fixed:
    """A slot and table a meeting is pinned to."""

    slot: str
    table: str


@dataclass(frozen=True)
class Meeting:
    """A requested meeting between two or more participants."""

    id: str
    participants: tuple[str, ...]
    priority: int = 1
    allowed_slots: tuple[str, ...] | None = None
    fixed: Fixed | None = None
    #: where the meeting is now (re-planning keeps it there if it can; not checked here)
    current: Fixed | None = None


@dataclass
class Instance:
    """A complete scheduling instance."""

    slots: list[Slot]
    tables: list[Table]
    participants: list[Participant]
    meetings: list[Meeting]

    def problems(self) -> list[str]:
        """Return every validation problem (empty list when the instance is valid)."""
        return validate(self)

    def validate(self) -> None:
        """Raise InstanceError if the instance is not valid."""
        found = validate(self)
        if found:
            raise InstanceError(found)


@dataclass(frozen=True)
class Assignment:
    """One placed meeting."""

    meeting: str
    slot: str
    table: str


@dataclass
class Solution:
    """A schedule: placed meetings, unplaced ones (with reasons), statistics and a bound."""

    assignments: list[Assignment] = field(default_factory=list)
    unscheduled: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    bound: float | None = None
    reasons: dict[str, str] = field(default_factory=dict)


def _dupes(ids: Iterable[str]) -> list[str]:
    """Return ids that occur more than once, in first-seen order."""
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        if i in seen and i not in out:
            out.append(i)
        seen.add(i)
    return out


def validate(inst: Instance) -> list[str]:
    """List every problem of an instance in plain English."""
    errs: list[str] = []
    for kind, items in (
        ("slot", inst.slots),
        ("table", inst.tables),
        ("participant", inst.participants),
        ("meeting", inst.meetings),
    ):
        errs += [f"duplicate {kind} id {d!r}" for d in _dupes(x.id for x in items)]
    slot_ids = {s.id for s in inst.slots}
    closed: set[str] = set()
    prev: str | None = None
    for s in inst.slots:
        if s.block != prev:
            if s.block in closed:
                errs.append(f"slot {s.id!r}: block {s.block!r} is not made of consecutive slots")
            if prev is not None:
                closed.add(prev)
            prev = s.block
    for kind, items in (("table", inst.tables), ("participant", inst.participants)):
        for x in items:
            for u in x.unavailable_slots:
                if u not in slot_ids:
                    errs.append(f"{kind} {x.id!r}: unknown unavailable slot {u!r}")
    people = {p.id: p for p in inst.participants}
    tables = {t.id: t for t in inst.tables}
    fixed_at: dict[tuple[str, str], str] = {}
    fixed_who: dict[tuple[str, str], str] = {}
    for m in inst.meetings:
        if len(m.participants) < 2:
            errs.append(f"meeting {m.id!r}: needs at least two participants")
        for d in _dupes(m.participants):
            errs.append(f"meeting {m.id!r}: participant {d!r} listed twice")
        for p in m.participants:
            if p not in people:
                errs.append(f"meeting {m.id!r}: unknown participant {p!r}")
        if not isinstance(m.priority, int) or isinstance(m.priority, bool) or m.priority < 1:
            errs.append(f"meeting {m.id!r}: priority must be an integer >= 1, got {m.priority!r}")
        for s in m.allowed_slots or ():
            if s not in slot_ids:
                errs.append(f"meeting {m.id!r}: unknown allowed slot {s!r}")
        if m.fixed is None:
            continue
        f = m.fixed
        if f.slot not in slot_ids:
            errs.append(f"meeting {m.id!r}: fixed to unknown slot {f.slot!r}")
            continue
        if f.table not in tables:
            errs.append(f"meeting {m.id!r}: fixed to unknown table {f.table!r}")
            continue
        if f.slot in tables[f.table].unavailable_slots:
            errs.append(f"meeting {m.id!r}: fixed to table {f.table!r} unavailable in {f.slot!r}")
        if m.allowed_slots is not None and f.slot not in m.allowed_slots:
            errs.append(f"meeting {m.id!r}: fixed slot {f.slot!r} is not in its allowed_slots")
        if (f.table, f.slot) in fixed_at:
            errs.append(
                f"meeting {m.id!r}: fixed to table {f.table!r} in slot {f.slot!r}, "
                f"already taken by fixed meeting {fixed_at[(f.table, f.slot)]!r}"
            )
        fixed_at[(f.table, f.slot)] = m.id
        for p in m.participants:
            if p in people and f.slot in people[p].unavailable_slots:
                errs.append(f"meeting {m.id!r}: fixed in {f.slot!r} but {p!r} is unavailable")
            if (p, f.slot) in fixed_who:
                errs.append(
                    f"meeting {m.id!r}: participant {p!r} already has fixed meeting "
                    f"{fixed_who[(p, f.slot)]!r} in slot {f.slot!r}"
                )
            fixed_who[(p, f.slot)] = m.id
    return errs


def _strs(value: Any, what: str) -> tuple[str, ...]:
    """Coerce a JSON list of ids to a tuple of strings."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InstanceError([f"{what} must be a list"])
    return tuple(str(v) for v in value)


def instance_from_dict(data: dict[str, Any], check: bool = True) -> Instance:
    """Build an Instance from its JSON dict; validate unless check is False."""
    try:
        slots = [
            Slot(str(s["id"]), str(s.get("block") or "day"), s.get("start"), s.get("end"))
            for s in data.get("slots", [])
        ]
        tables = [
            Table(str(t["id"]), _strs(t.get("unavailable_slots"), f"table {t['id']}"))
            for t in data.get("tables", [])
        ]
        people = [
            Participant(str(p["id"]), _strs(p.get("unavailable_slots"), f"participant {p['id']}"))
            for p in data.get("participants", [])
        ]
        meetings = []
        for m in data.get("meetings", []):
            fx = m.get("fixed")
            now = m.get("current")
            allowed = m.get("allowed_slots")
            meetings.append(
                Meeting(
                    id=str(m["id"]),
                    participants=_strs(m.get("participants"), f"meeting {m['id']}"),
                    priority=m.get("priority", 1),
                    allowed_slots=None if allowed is None else _strs(allowed, f"meeting {m['id']}"),
                    fixed=None if not fx else Fixed(str(fx["slot"]), str(fx["table"])),
                    current=None if not now else Fixed(str(now["slot"]), str(now["table"])),
                )
            )
    except (KeyError, TypeError) as exc:
        raise InstanceError([f"malformed instance JSON: missing or bad field {exc}"]) from exc
    inst = Instance(slots, tables, people, meetings)
    if check:
        inst.validate()
    return inst


def instance_to_dict(inst: Instance) -> dict[str, Any]:
    """Serialise an Instance to its JSON dict."""
    return {
        "slots": [
            {"id": s.id, "start": s.start, "end": s.end, "block": s.block} for s in inst.slots
        ],
        "tables": [
            {"id": t.id, "unavailable_slots": list(t.unavailable_slots)} for t in inst.tables
        ],
        "participants": [
            {"id": p.id, "unavailable_slots": list(p.unavailable_slots)} for p in inst.participants
        ],
        "meetings": [
            {
                "id": m.id,
                "participants": list(m.participants),
                "priority": m.priority,
                "allowed_slots": None if m.allowed_slots is None else list(m.allowed_slots),
                "fixed": None
                if m.fixed is None
                else {"slot": m.fixed.slot, "table": m.fixed.table},
                **(
                    {}
                    if m.current is None
                    else {"current": {"slot": m.current.slot, "table": m.current.table}}
                ),
            }
            for m in inst.meetings
        ],
    }


def solution_from_dict(data: dict[str, Any]) -> Solution:
    """Build a Solution from its JSON dict (no validation; see check())."""
    return Solution(
        assignments=[
            Assignment(str(a["meeting"]), str(a["slot"]), str(a["table"]))
            for a in data.get("assignments", [])
        ],
        unscheduled=[str(u) for u in data.get("unscheduled", [])],
        stats=dict(data.get("stats") or {}),
        bound=data.get("bound"),
        reasons={str(k): str(v) for k, v in (data.get("reasons") or {}).items()},
    )


def solution_to_dict(sol: Solution) -> dict[str, Any]:
    """Serialise a Solution to its JSON dict."""
    return {
        "assignments": [
            {"meeting": a.meeting, "slot": a.slot, "table": a.table} for a in sol.assignments
        ],
        "unscheduled": list(sol.unscheduled),
        "stats": sol.stats,
        "bound": sol.bound,
        "reasons": sol.reasons,
    }


def load_instance(path: str | Path) -> Instance:
    """Read and validate an instance JSON file."""
    return instance_from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def load_solution(path: str | Path) -> Solution:
    """Read a solution JSON file."""
    return solution_from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def dumps(obj: Instance | Solution) -> str:
    """Serialise an instance or a solution to a JSON string."""
    data = instance_to_dict(obj) if isinstance(obj, Instance) else solution_to_dict(obj)
    return json.dumps(data, indent=1)
