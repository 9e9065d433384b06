"""Independent solution checker: lists every rule violation in plain English, plus objectives."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Instance, Solution


@dataclass
class Report:
    """Outcome of checking a solution against an instance."""

    violations: list[str] = field(default_factory=list)
    #: per violation, the meetings it is about (none: about the solution as a whole)
    concerns: list[tuple[str, ...]] = field(default_factory=list)
    placed: int = 0
    weighted: int = 0
    total_gaps: int = 0
    max_gaps: int = 0
    gaps: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when there is no violation."""
        return not self.violations

    def flag(self, violation: str, *meetings: str) -> None:
        """Record a violation and the meetings it is about."""
        self.violations.append(violation)
        self.concerns.append(meetings)

    def violations_beyond(self, meetings: set[str]) -> list[str]:
        """The violations about some meeting outside `meetings`, or about no meeting."""
        return [
            v
            for v, about in zip(self.violations, self.concerns, strict=True)
            if not about or not set(about) <= meetings
        ]

    def summary(self) -> str:
        """Human-readable multi-line summary."""
        lines = [f"VIOLATION: {v}" for v in self.violations]
        worst = sorted(self.gaps.items(), key=lambda kv: (-kv[1], kv[0]))
        worst = [kv for kv in worst if kv[1] > 0][:10]
        lines += [
            f"meetings placed: {self.placed}",
            f"weighted placed: {self.weighted}",
            f"total gaps: {self.total_gaps}",
            f"max gaps per participant: {self.max_gaps}",
        ]
        if worst:
            lines.append("most gaps: " + ", ".join(f"{p}={g}" for p, g in worst))
        lines.append("OK" if self.ok else f"{len(self.violations)} violation(s)")
        return "\n".join(lines)


def participant_gaps(slot_pos: list[int], block_of: dict[int, str]) -> int:
    """Breaks for one participant given their busy slot positions (sorted)."""
    breaks = 0
    for a, b in zip(slot_pos, slot_pos[1:], strict=False):
        if block_of[a] == block_of[b] and b != a + 1:
            breaks += 1
    return breaks


def check(inst: Instance, sol: Solution) -> Report:
    """Check a solution against every hard rule and compute its objective values."""
    rep = Report()
    v = rep.flag
    pos = {s.id: i for i, s in enumerate(inst.slots)}
    block_of = {i: s.block for i, s in enumerate(inst.slots)}
    tables = {t.id: set(t.unavailable_slots) for t in inst.tables}
    people = {p.id: set(p.unavailable_slots) for p in inst.participants}
    meetings = {m.id: m for m in inst.meetings}
    seen: dict[str, int] = defaultdict(int)
    table_use: dict[tuple[str, str], list[str]] = defaultdict(list)
    person_use: dict[tuple[str, str], list[str]] = defaultdict(list)
    busy: dict[str, list[int]] = defaultdict(list)
    for a in sol.assignments:
        m = meetings.get(a.meeting)
        if m is None:
            v(f"assignment for unknown meeting {a.meeting!r}", a.meeting)
            continue
        seen[a.meeting] += 1
        if seen[a.meeting] == 2:
            v(f"meeting {a.meeting!r} is assigned more than once", a.meeting)
        if a.slot not in pos:
            v(f"meeting {a.meeting!r} assigned to unknown slot {a.slot!r}", a.meeting)
            continue
        if a.table not in tables:
            v(f"meeting {a.meeting!r} assigned to unknown table {a.table!r}", a.meeting)
            continue
        if seen[a.meeting] > 1:
            continue
        rep.placed += 1
        rep.weighted += m.priority
        table_use[(a.table, a.slot)].append(m.id)
        if a.slot in tables[a.table]:
            v(f"meeting {m.id!r}: table {a.table!r} is unavailable in slot {a.slot!r}", m.id)
        if m.allowed_slots is not None and a.slot not in m.allowed_slots:
            v(f"meeting {m.id!r}: slot {a.slot!r} is not one of its allowed slots", m.id)
        if m.fixed is not None and (m.fixed.slot, m.fixed.table) != (a.slot, a.table):
            v(
                f"fixed meeting {m.id!r} moved: must be in {m.fixed.slot!r} at "
                f"{m.fixed.table!r}, is in {a.slot!r} at {a.table!r}",
                m.id,
            )
        for p in m.participants:
            if p in people and a.slot in people[p]:
                v(f"meeting {m.id!r}: participant {p!r} is unavailable in slot {a.slot!r}", m.id)
            person_use[(p, a.slot)].append(m.id)
            busy[p].append(pos[a.slot])
    for (t, s), ms in table_use.items():
        if len(ms) > 1:
            v(f"table {t!r} used {len(ms)} times in slot {s!r}: {', '.join(ms)}", *ms)
    for (p, s), ms in person_use.items():
        if len(ms) > 1:
            v(f"participant {p!r} double-booked in slot {s!r}: {', '.join(ms)}", *ms)
    unsched: set[str] = set()
    for u in sol.unscheduled:
        if u not in meetings:
            v(f"unscheduled list names unknown meeting {u!r}", u)
        elif u in seen:
            v(f"meeting {u!r} is both assigned and listed as unscheduled", u)
        elif u in unsched:
            v(f"meeting {u!r} is listed twice as unscheduled", u)
        elif meetings[u].fixed is not None:
            v(f"fixed meeting {u!r} is left unscheduled", u)
        unsched.add(u)
    for mid in meetings:
        if mid not in seen and mid not in unsched:
            v(f"meeting {mid!r} is missing: neither assigned nor unscheduled", mid)
    for p in people:
        g = participant_gaps(sorted(busy.get(p, [])), block_of)
        rep.gaps[p] = g
        rep.total_gaps += g
        rep.max_gaps = max(rep.max_gaps, g)
    return rep
