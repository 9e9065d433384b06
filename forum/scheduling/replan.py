"""Re-planning that moves as little as possible.

A meeting may carry its `current` place (a slot and a table). Re-planning keeps every
meeting whose current place is still valid exactly there, and places the others: new
requests, and meetings whose place became impossible (a participant blocked the slot, the
table went away, a clash). Those must move or lose their place: never kept invalid. The
exception is a fixed (locked) meeting: the organizer's decision, kept even where it is no
longer valid, held apart from the search and reported (replan_locks.py).

With moves allowed it optimises lexicographically: placed priority weight, then meetings
moved (a meeting that changes slot or table, or loses its place, counts once), then
delegates affected (those with a moved meeting), then breaks. The keep-everything answer
comes first; when it already reaches the placement bound it is the optimum. Otherwise:

- first a greedy repair that, for each unplaced meeting, relocates the cheapest set of
  blocking meetings (fewest kept ones) (replan_repair.py);
- small events: CP-SAT in stages on the exact model (exact.ExactModel) plus a moves term,
  the best answer so far as the hint, each stage's value a hard bound for the next;
- larger events: CP-SAT neighbourhood by neighbourhood around the unplaced meetings
  (replan_repair.py), then annealing of the breaks with every meeting still in its current
  place held fixed.

Tables come last: a meeting in its current slot keeps its current table.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, replace
from typing import Any, Literal

from .anneal import anneal
from .bounds import best_bound
from .core import Problem, quality
from .diagnose import reasons
from .heuristic import Progress
from .model import Assignment, Fixed, Instance, Solution
from .race import gap_lower_bound
from .replan_locks import keeping_broken_locks
from .replan_repair import neighbourhood_search, repair_replan
from .solver import have_ortools, solve

#: auto: "exact" on small events, else "greedy"; greedy: repair, then neighbourhoods (CP-SAT)
Method = Literal["auto", "exact", "greedy"]

#: share of the time limit the keep-everything stage gets when moves are allowed
KEEP_SHARE = 0.35

#: seconds left at the end for tables, reasons and statistics
ANSWER_MARGIN = 0.4

#: up to this many meeting-slot pairs the CP-SAT stages run on the whole event after the
#: neighbourhoods; above it, CP-SAT works neighbourhood by neighbourhood only
SMALL_MAX_VARS = 8_000


@dataclass
class Stays:
    """Per meeting: the slot and table index it may stay at (-1: none) and whether it had one."""

    slot: list[int]
    table: list[int]
    had: list[bool]

    def moved(self, m: int, slot_of: list[int]) -> bool:
        """True when meeting m had a place and does not keep it in slot_of."""
        return self.had[m] and not (self.slot[m] >= 0 and slot_of[m] == self.slot[m])

    def forced(self) -> list[int]:
        """Meetings whose current place is no longer valid: they must move or be unplaced."""
        return [m for m, had in enumerate(self.had) if had and self.slot[m] < 0]


def find_stays(pb: Problem) -> Stays:
    """Which current places are still valid (first come, first kept on a clash)."""
    sidx = {sid: i for i, sid in enumerate(pb.slot_ids)}
    tidx = {tid: i for i, tid in enumerate(pb.table_ids)}
    open_tables = [set(ts) for ts in pb.tables_in]
    taken = {(pb.fixed_slot[m], pb.fixed_table[m]) for m in range(pb.M) if pb.fixed_slot[m] >= 0}
    busy = list(pb.fixed_busy)
    out = Stays([-1] * pb.M, [-1] * pb.M, [False] * pb.M)
    for m in pb.movable:
        cur = pb.inst.meetings[m].current
        if cur is None:
            continue
        out.had[m] = True
        s, t = sidx.get(cur.slot, -1), tidx.get(cur.table, -1)
        if s < 0 or t < 0 or not pb.dom[m] >> s & 1 or t not in open_tables[s]:
            continue
        if (s, t) in taken or any(busy[p] >> s & 1 for p in pb.parts[m]):
            continue
        taken.add((s, t))
        for p in pb.parts[m]:
            busy[p] |= 1 << s
        out.slot[m], out.table[m] = s, t
    return out


def keep_instance(pb: Problem, stays: Stays, keep: set[int] | None = None) -> Instance:
    """The instance with meetings fixed at their current place (every valid one, or `keep`)."""
    meetings = list(pb.inst.meetings)
    for m in pb.movable:
        if stays.slot[m] >= 0 and (keep is None or m in keep):
            here = Fixed(pb.slot_ids[stays.slot[m]], pb.table_ids[stays.table[m]])
            meetings[m] = replace(meetings[m], fixed=here)
    inst = pb.inst
    return Instance(inst.slots, inst.tables, inst.participants, meetings)


def moves_of(pb: Problem, stays: Stays, slot_of: list[int]) -> tuple[list[int], set[int]]:
    """The meetings moved (or unplaced) against their current place, and their participants."""
    moved = [m for m in range(pb.M) if stays.moved(m, slot_of)]
    return moved, {p for m in moved for p in pb.parts[m]}


def replan_key(pb: Problem, stays: Stays, slot_of: list[int]) -> tuple[int, int, int, int, int]:
    """Lexicographic objective (smaller is better): weight, moves, affected, breaks, worst."""
    q = quality(pb, slot_of)
    moved, affected = moves_of(pb, stays, slot_of)
    return (-q.weighted, len(moved), len(affected), q.total_gaps, q.max_gaps)


def place_tables(pb: Problem, stays: Stays, slot_of: list[int]) -> Solution:
    """Tables of a slot assignment: fixed and staying meetings keep theirs, others get free."""
    used: list[set[int]] = [set() for _ in range(pb.S)]
    table = [-1] * pb.M
    for m in range(pb.M):
        s = slot_of[m]
        if s < 0:
            continue
        if pb.fixed_slot[m] >= 0:
            table[m] = pb.fixed_table[m]
        elif s == stays.slot[m]:
            table[m] = stays.table[m]
        if table[m] >= 0:
            used[s].add(table[m])
    out: list[Assignment] = []
    unscheduled: list[str] = []
    for m in range(pb.M):
        s = slot_of[m]
        if s < 0:
            unscheduled.append(pb.mids[m])
            continue
        if table[m] < 0:
            free = next((t for t in pb.tables_in[s] if t not in used[s]), -1)
            if free < 0:
                raise RuntimeError(f"slot {pb.slot_ids[s]} over capacity")
            table[m] = free
            used[s].add(free)
        out.append(Assignment(pb.mids[m], pb.slot_ids[s], pb.table_ids[table[m]]))
    return Solution(assignments=out, unscheduled=unscheduled)


def replan(
    instance: Instance,
    time_limit: float = 10.0,
    allow_moves: bool = False,
    progress: Progress | None = None,
    seed: int = 0,
    workers: int = 2,
    method: Method = "auto",
) -> Solution:
    """Re-plan an instance whose meetings carry their current place, moving as few as possible.

    A fixed (locked) meeting whose place is no longer valid stays there too, held apart from
    the search; `stats["broken_locks"]` lists each with its reasons (replan_locks.py)."""
    return keeping_broken_locks(
        instance,
        lambda work: _replan(work, time_limit, allow_moves, progress, seed, workers, method),
    )


def _replan(
    instance: Instance,
    time_limit: float,
    allow_moves: bool,
    progress: Progress | None,
    seed: int,
    workers: int,
    method: Method,
) -> Solution:
    """Re-plan an instance whose fixed meetings are all at valid places."""
    t0 = time.monotonic()
    end = t0 + time_limit - min(ANSWER_MARGIN, 0.05 * time_limit)
    instance.validate()
    pb = Problem(instance)
    stays = find_stays(pb)
    keep_limit = time_limit * (KEEP_SHARE if allow_moves else 1.0)
    kept = solve(keep_instance(pb, stays), time_limit=keep_limit, progress=progress, seed=seed)
    slot_of = _slots_of(pb, kept)
    stats: dict[str, Any] = {"method": "replan: keep", "keep": kept.stats.get("method")}
    status = str(kept.stats.get("status", "feasible"))
    ub_w, _ub_n = best_bound(pb) if allow_moves else (kept.bound or 0, 0)
    if allow_moves and quality(pb, slot_of).weighted < ub_w:
        nvars = sum(pb.dom[m].bit_count() for m in pb.movable)
        small = method == "exact" or (
            method == "auto" and nvars <= SMALL_MAX_VARS and have_ortools()
        )
        now = time.monotonic()
        slot_of = repair_replan(pb, stays, slot_of, now + 0.3 * (end - now))
        stats["method"] = "replan: keep+repair"
        status = "feasible"
        if have_ortools():
            now = time.monotonic()
            share = 0.3 if small else 0.7
            slot_of, gains = neighbourhood_search(
                pb, stays, slot_of, now + share * (end - now), seed, workers
            )
            stats.update(method="replan: keep+repair+neighbourhoods", neighbourhoods=gains)
        if small:
            slot_of, status, log = exact_replan(pb, stays, slot_of, end, workers, seed, progress)
            stats.update(method=stats["method"] + "+cp-sat", replan=log)
        if status != "optimal":
            slot_of = polish(pb, stays, slot_of, end, seed)
    sol = place_tables(pb, stays, slot_of)
    sol.reasons = reasons(pb, slot_of)
    q = quality(pb, slot_of)
    moved, affected = moves_of(pb, stays, slot_of)
    stats.update(
        {
            "status": status,
            "moves_allowed": allow_moves,
            "meetings": pb.M,
            "placed": q.placed,
            "weighted": q.weighted,
            "total_gaps": q.total_gaps,
            "max_gaps": q.max_gaps,
            "had_place": sum(stays.had),
            "forced_moves": len(stays.forced()),
            "moved": len(moved),
            "moved_meetings": [pb.mids[m] for m in moved],
            "delegates_affected": len(affected),
            "bound_weighted": ub_w,
            "time": round(time.monotonic() - t0, 3),
        }
    )
    sol.stats = stats
    sol.bound = ub_w
    return sol


def _slots_of(pb: Problem, sol: Solution) -> list[int]:
    """Slot index per meeting (-1: unplaced) of a solution of an instance with pb's meetings."""
    sidx = {sid: i for i, sid in enumerate(pb.slot_ids)}
    midx = {mid: i for i, mid in enumerate(pb.mids)}
    out = [-1] * pb.M
    for a in sol.assignments:
        out[midx[a.meeting]] = sidx[a.slot]
    return out


def exact_replan(
    pb: Problem,
    stays: Stays,
    start: list[int],
    end: float,
    workers: int = 2,
    seed: int = 0,
    progress: Progress | None = None,
) -> tuple[list[int], str, list[dict[str, Any]]]:
    """CP-SAT stages: placed weight, moves, delegates affected, breaks; each value then bound."""
    from .exact import ExactModel

    em = ExactModel(pb, workers=workers, seed=seed)
    md = em.model
    stay_x: dict[int, Any] = {}
    for m in pb.movable:
        if stays.slot[m] >= 0 and (m, stays.slot[m]) in em.x:
            stay_x[m] = em.x[(m, stays.slot[m])]
    moves = sum(1 - v for v in stay_x.values())
    forced_people = {p for m in stays.forced() for p in pb.parts[m]}
    hit: dict[int, Any] = {}
    for m, v in stay_x.items():
        for p in pb.parts[m]:
            if p not in forced_people:
                if p not in hit:
                    hit[p] = md.new_bool_var(f"hit{p}")
                md.add(hit[p] + v >= 1)
    affected = sum(hit.values())
    best = list(start)
    log: list[dict[str, Any]] = []
    statuses: list[str] = []

    def stage(name: str, share: float) -> None:
        left = end - time.monotonic()
        if left < 0.05:
            statuses.append("unknown")
            return
        em.start_from(best)
        run = em.run_stage(name, left * share, progress)
        log.append({"stage": name, "status": run.status, "time": round(run.seconds, 3)})
        statuses.append(run.status)
        if run.slot_of is not None and replan_key(pb, stays, run.slot_of) <= replan_key(
            pb, stays, best
        ):
            best[:] = run.slot_of

    def placed_w(slot_of: list[int]) -> int:
        return sum(pb.weight[m] for m in em.placed if slot_of[m] >= 0)

    md.maximize(em.wexpr)
    stage("replan placement", 0.4)
    md.add(em.wexpr >= placed_w(best))
    if stay_x:
        md.minimize(moves)
        stage("replan moves", 0.5)
        moved, _people = moves_of(pb, stays, best)
        md.add(moves <= len(moved) - len(stays.forced()))
    if hit:
        md.minimize(affected)
        stage("replan delegates", 0.5)
        _moved, people = moves_of(pb, stays, best)
        md.add(affected <= len(people - forced_people))
    md.minimize(em.add_breaks())
    stage("replan breaks", 0.8)
    status = "optimal" if statuses and all(s == "optimal" for s in statuses) else "feasible"
    return best, status, log


def polish(pb: Problem, stays: Stays, slot_of: list[int], end: float, seed: int) -> list[int]:
    """Lower the breaks, holding every meeting still in its current place where it is."""
    keep = {m for m in pb.movable if stays.slot[m] >= 0 and slot_of[m] == stays.slot[m]}
    pb2 = Problem(keep_instance(pb, stays, keep))
    floor = gap_lower_bound(pb2, slot_of)
    better = anneal(pb2, slot_of, end, random.Random(seed), floor=floor)
    if replan_key(pb, stays, better) <= replan_key(pb, stays, slot_of):
        return better
    return slot_of
