"""Upper bounds on the priority-weighted number of placed meetings."""

from __future__ import annotations

import math

from .core import Problem, slot_counts, upper_bound


def lp_bound(pb: Problem) -> float | None:
    """LP relaxation (GLOP) of placement with participant-degree and table-capacity limits."""
    try:
        from ortools.linear_solver import pywraplp  # lazily: ortools is optional
    except ImportError:
        return None
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:
        return None
    obj = lp.Objective()
    z = {m: lp.NumVar(0.0, 1.0, f"z{m}") for m in pb.movable if pb.dom[m]}
    for m, v in z.items():
        obj.SetCoefficient(v, pb.weight[m])
    obj.SetMaximization()
    cands = slot_counts([pb.dom[m] for m in z], pb.S)
    cap = sum(min(pb.cap[s], cands[s]) for s in range(pb.S))
    total = lp.Constraint(0.0, float(cap))
    for v in z.values():
        total.SetCoefficient(v, 1.0)
    for b in pb.block_masks:  # meetings confined to a block share that block's tables
        inside = [m for m in z if not pb.dom[m] & ~b]
        bcap = sum(pb.cap[s] for s in range(pb.S) if b >> s & 1)
        if len(inside) > bcap:
            c = lp.Constraint(0.0, float(bcap))
            for m in inside:
                c.SetCoefficient(z[m], 1.0)
    for p in range(pb.P):
        mine = [m for m in pb.pmeet[p] if m in z]
        union = 0
        for m in mine:
            union |= pb.dom[m]
        if len(mine) > union.bit_count():
            c = lp.Constraint(0.0, float(union.bit_count()))
            for m in mine:
                c.SetCoefficient(z[m], 1.0)
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    fixed_w = sum(pb.weight[m] for m in range(pb.M) if pb.fixed_slot[m] >= 0)
    return fixed_w + obj.Value()


def best_bound(pb: Problem) -> tuple[int, int]:
    """Tightest available (weighted, count) upper bounds: combinatorial, then LP if available."""
    w, n = upper_bound(pb)
    lp = lp_bound(pb)
    if lp is not None:
        w = min(w, math.floor(lp + 1e-6))
    return w, n


def min_gaps(pb: Problem, p: int, meetings: list[int] | None = None) -> int:
    """Unavoidable gaps of participant p when all its meetings (or `meetings`) are placed.

    The meetings can only use the union of their slot domains; covering k meetings with runs
    of consecutive open slots (runs never cross a block boundary) needs at least r runs, where
    r is the smallest number of the longest open intervals whose lengths add up to k. Gaps
    count runs minus one per block used, so the bound is r minus the blocks touched.
    """
    mine = pb.pmeet[p] if meetings is None else meetings
    union = 0
    for m in mine:
        union |= pb.dom[m]
    k = len(mine)
    if k < 2 or not union:
        return 0
    lengths: list[int] = []
    s = 0
    while s < pb.S:
        if not union >> s & 1:
            s += 1
            continue
        e = s
        while e + 1 < pb.S and union >> (e + 1) & 1 and pb.prev_same >> (e + 1) & 1:
            e += 1
        lengths.append(e - s + 1)
        s = e + 1
    lengths.sort(reverse=True)
    runs, covered = 0, 0
    for n in lengths:
        if covered >= k:
            break
        runs += 1
        covered += n
    blocks = sum(1 for bm in pb.block_masks if union & bm)
    return max(0, runs - blocks)
