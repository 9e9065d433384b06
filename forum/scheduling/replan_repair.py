"""Re-planning at size: a greedy repair, then CP-SAT on small neighbourhoods.

Both start from the keep-everything answer and only ever improve it lexicographically
(placed priority, then meetings moved, then delegates affected; see replan.py):

- the greedy repair inserts each unplaced meeting (highest priority first) by relocating the
  cheapest set of meetings in its way: those blocking its delegates in a slot, or one meeting
  of a full slot; a meeting that fits nowhere else may be dropped for one of higher priority;
- the neighbourhood search frees, around one unplaced meeting, the meetings of its delegates
  and a few of the full slots it could use, everything else held where it is, and lets
  CP-SAT re-place that neighbourhood with the same lexicographic objective as one weighted sum.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING, Any

from .core import Problem
from .heuristic import best_slot
from .state import State, bits

if TYPE_CHECKING:
    from .replan import Stays

#: meetings freed around one unplaced meeting
NEIGHBOURHOOD = 40

#: seconds CP-SAT gets for one neighbourhood at most
NEIGHBOURHOOD_LIMIT = 0.5


def repair_replan(pb: Problem, stays: Stays, start: list[int], end: float) -> list[int]:
    """Insert each unplaced meeting by relocating the cheapest set of meetings around it."""
    st = State(pb)
    st.load_from(start)
    todo = [m for m in pb.movable if st.slot[m] < 0 and pb.dom[m]]
    todo.sort(key=lambda m: (-pb.weight[m], pb.dom[m].bit_count(), m))
    for i, m in enumerate(todo):
        if i % 16 == 0 and time.monotonic() > end:
            break
        if st.slot[m] >= 0:
            continue
        free = st.free_slots(m)
        if free:
            st.place(m, best_slot(st, m, free))
            continue
        best: tuple[tuple[int, int, int], int, list[int]] | None = None
        for s in bits(pb.dom[m]):
            for option in _evictions(st, m, s):
                cost = _try_insert(st, stays, m, s, option, undo=True)
                if cost is not None and (best is None or cost < best[0]):
                    best = (cost, s, option)
        if best is not None:
            _try_insert(st, stays, m, best[1], best[2], undo=False)
    return list(st.slot)


def _evictions(st: State, m: int, s: int) -> list[list[int]]:
    """Sets of meetings to take out of slot s so that m fits there (each to be relocated)."""
    pb = st.pb
    blockers = {st.occ[p * pb.S + s] for p in pb.parts[m] if st.busy[p] >> s & 1}
    if any(pb.fixed_slot[b] >= 0 for b in blockers):
        return []
    if blockers or st.freecap >> s & 1:
        return [sorted(blockers)] if blockers else []
    # the slot is full: free one table by relocating one of its meetings
    movable = [b for b in st.members[s] if pb.dom[b] & ~(1 << s)]
    movable.sort(key=lambda b: pb.dom[b].bit_count(), reverse=True)
    return [[b] for b in movable[:6]]


def _try_insert(
    st: State, stays: Stays, m: int, s: int, out: list[int], undo: bool
) -> tuple[int, int, int] | None:
    """Put m in s after moving `out` elsewhere, or dropping those of lower total priority than
    m that fit nowhere: (priority dropped, kept meetings moved, breaks added), or None."""
    pb = st.pb
    before = st.total
    for b in out:
        st.remove(b)
    if not st.free_slots(m) >> s & 1:
        for b in out:
            st.place(b, s)
        return None
    st.place(m, s)
    moved: list[int] = []
    dropped = 0
    for b in out:
        cand = st.free_slots(b) & ~(1 << s)
        if cand:
            st.place(b, best_slot(st, b, cand))
            moved.append(b)
        else:
            dropped += pb.weight[b]
    ok = dropped < pb.weight[m]
    cost = (dropped, sum(1 for b in out if stays.slot[b] == s), st.total - before)
    if undo or not ok:
        for b in moved:
            st.remove(b)
        st.remove(m)
        for b in out:
            st.place(b, s)
    return cost if ok else None


def neighbourhood_search(
    pb: Problem, stays: Stays, start: list[int], end: float, seed: int = 0, workers: int = 2
) -> tuple[list[int], int]:
    """Re-place neighbourhoods around unplaced meetings with CP-SAT until end or a full pass
    without gain; returns the assignment and how many neighbourhoods improved it."""
    rng = random.Random(seed)
    st = State(pb)
    st.load_from(start)
    targets = [m for m in pb.movable if st.slot[m] < 0 and pb.dom[m]]
    targets.sort(key=lambda m: (-pb.weight[m], pb.dom[m].bit_count(), m))
    gains = 0
    while targets and time.monotonic() < end - 0.05:
        improved = False
        for m in targets:
            left = end - time.monotonic()
            if left < 0.05:
                break
            if st.slot[m] >= 0:
                continue
            group = _neighbourhood(st, m, rng)
            if _solve_group(st, stays, group, min(NEIGHBOURHOOD_LIMIT, left), seed, workers):
                gains += 1
                improved = True
        targets = [m for m in targets if st.slot[m] < 0]
        if not improved:
            break
    return list(st.slot), gains


def _neighbourhood(st: State, m: int, rng: random.Random) -> list[int]:
    """m, the placed meetings of its delegates, and a few meetings of the slots it could use."""
    pb = st.pb
    group = [m]
    seen = {m}
    for p in pb.parts[m]:
        for b in pb.pmeet[p]:
            if b not in seen and st.slot[b] >= 0 and pb.fixed_slot[b] < 0:
                seen.add(b)
                group.append(b)
    slots = bits(pb.dom[m])
    rng.shuffle(slots)
    for s in slots:
        if len(group) >= NEIGHBOURHOOD:
            break
        members = [b for b in st.members[s] if b not in seen]
        for b in rng.sample(members, min(2, len(members))):
            seen.add(b)
            group.append(b)
    return group[:NEIGHBOURHOOD]


def _solve_group(
    st: State, stays: Stays, group: list[int], limit: float, seed: int, workers: int
) -> bool:
    """Re-place `group` with everything else held; apply and return True if it is better."""
    from ortools.sat.python import cp_model

    pb = st.pb
    inside = set(group)
    busy_out = list(st.busy)
    load_out = list(st.load)
    for a in group:
        s = st.slot[a]
        if s >= 0:
            load_out[s] -= 1
            for p in pb.parts[a]:
                busy_out[p] &= ~(1 << s)
    md = cp_model.CpModel()
    x: dict[tuple[int, int], Any] = {}
    by_slot: dict[int, list[Any]] = {}
    by_ps: dict[tuple[int, int], list[Any]] = {}
    for a in group:
        dom = pb.dom[a]
        for p in pb.parts[a]:
            dom &= ~busy_out[p]
        vs = []
        for s in bits(dom):
            if load_out[s] >= pb.cap[s]:
                continue
            v = md.new_bool_var(f"x{a}_{s}")
            x[(a, s)] = v
            vs.append(v)
            by_slot.setdefault(s, []).append(v)
            for p in pb.parts[a]:
                by_ps.setdefault((p, s), []).append(v)
        if vs:
            md.add_at_most_one(vs)
    for s, vs in by_slot.items():
        md.add(sum(vs) <= pb.cap[s] - load_out[s])
    for vs in by_ps.values():
        if len(vs) > 1:
            md.add_at_most_one(vs)
    # moves and delegates hit inside the group; delegates already hit outside cost nothing
    outside_hit = {
        p
        for a in group
        for p in pb.parts[a]
        if any(b not in inside and stays.moved(b, st.slot) for b in pb.pmeet[p])
    }
    moved_terms = []
    hit: dict[int, Any] = {}
    for a in group:
        if not stays.had[a]:
            continue
        stay = x.get((a, stays.slot[a])) if stays.slot[a] >= 0 else None
        moved = 1 if stay is None else 1 - stay
        moved_terms.append(moved)
        for p in pb.parts[a]:
            if p in outside_hit:
                continue
            if p not in hit:
                hit[p] = md.new_bool_var(f"hit{p}")
            if stay is None:
                md.add(hit[p] == 1)
            else:
                md.add(hit[p] + stay >= 1)
    unit_move = len(hit) + 1
    unit_weight = (len(moved_terms) + 1) * unit_move
    weight = sum(pb.weight[a] * v for (a, _s), v in x.items())
    md.maximize(unit_weight * weight - unit_move * sum(moved_terms) - sum(hit.values()))

    def value(slot_of: dict[int, int]) -> int:
        w = sum(pb.weight[a] for a in group if slot_of[a] >= 0)
        moves = [a for a in group if stays.had[a] and slot_of[a] != stays.slot[a]]
        people = {p for a in moves for p in pb.parts[a]} - outside_hit
        return unit_weight * w - unit_move * len(moves) - len(people)

    now = {a: st.slot[a] for a in group}
    for (a, s), v in x.items():
        md.add_hint(v, 1 if now[a] == s else 0)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.02, limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    code = solver.solve(md)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    found = {a: -1 for a in group}
    for (a, s), v in x.items():
        if solver.boolean_value(v):
            found[a] = s
    if value(found) <= value(now):
        return False
    for a in group:
        if st.slot[a] >= 0:
            st.remove(a)
    for a in group:
        if found[a] >= 0:
            st.place(a, found[a])
    return True
