"""Plain-English reasons why meetings could not be placed."""

from __future__ import annotations

from .core import Problem
from .state import bits


def _names(pb: Problem, ps: list[int]) -> str:
    """Comma-separated participant ids."""
    return ", ".join(pb.pids[p] for p in ps)


def static_reason(pb: Problem, m: int) -> str | None:
    """Why a meeting has no possible slot at all, or None when it has one."""
    if pb.dom[m]:
        return None
    parts = pb.parts[m]
    never = [p for p in parts if not pb.pavail[p]]
    if never:
        return f"participant {_names(pb, never)} is unavailable in every slot"
    common = pb.full
    for p in parts:
        common &= pb.pavail[p]
    allowed = pb.full if pb.inst.meetings[m].allowed_slots is None else _allowed(pb, m)
    if not common:
        return "no slot where all participants are available"
    if not allowed:
        return "allowed_slots is empty"
    if not allowed & common:
        return "allowed_slots all blocked: a participant is unavailable in every allowed slot"
    tables = sum(1 << s for s in range(pb.S) if pb.tables_in[s])
    if not allowed & common & tables:
        return "no slot where all participants and a table are available"
    free = allowed & common
    for p in parts:
        free &= ~pb.fixed_busy[p]
    if not free:
        return "fixed meetings of its participants occupy every slot they could share"
    return "every table is taken by fixed meetings in the slots where all participants are free"


def _allowed(pb: Problem, m: int) -> int:
    """Bitmask of a meeting's allowed slots."""
    ids = set(pb.inst.meetings[m].allowed_slots or ())
    return sum(1 << s for s, sid in enumerate(pb.slot_ids) if sid in ids)


def reasons(pb: Problem, slot_of: list[int], proven: bool = False) -> dict[str, str]:
    """Map each unplaced meeting id to the reason it is not in the schedule."""
    busy = pb.busy_masks(slot_of)
    load = [0] * pb.S
    for m in pb.movable:
        if slot_of[m] >= 0:
            load[slot_of[m]] += 1
    full = sum(1 << s for s in range(pb.S) if load[s] >= pb.cap[s])
    out: dict[str, str] = {}
    for m in range(pb.M):
        if slot_of[m] >= 0:
            continue
        why = static_reason(pb, m)
        if why is None:
            why = _dynamic_reason(pb, m, busy, full)
            if proven:
                why += " (the schedule provably maximises the priority total)"
        out[pb.mids[m]] = why
    return out


def _dynamic_reason(pb: Problem, m: int, busy: list[int], full: int) -> str:
    """Why a meeting with possible slots is blocked in the given schedule."""
    dom = pb.dom[m]
    n = dom.bit_count()
    for p in pb.parts[m]:
        if busy[p] & dom == dom:
            return (
                f"participant {pb.pids[p]} has no free slot left (busy in all {n} possible slots)"
            )
    if full & dom == dom:
        return f"all tables are taken in every possible slot ({n} slots)"
    items = []
    for s in bits(dom):
        who = [p for p in pb.parts[m] if busy[p] >> s & 1]
        if who:
            items.append(f"{pb.slot_ids[s]} ({_names(pb, who)} busy)")
        elif full >> s & 1:
            items.append(f"{pb.slot_ids[s]} (no table free)")
    shown = "; ".join(items[:6]) + ("; ..." if len(items) > 6 else "")
    return f"every possible slot is blocked by higher-priority or harder meetings: {shown}"
