"""Entry point: heuristic, exact (CP-SAT) or both, returning a checked-format Solution."""

from __future__ import annotations

import importlib.util
import os
import random
import time
from typing import Any, Literal

from .anneal import Alongside
from .bounds import best_bound, min_gaps
from .core import Heartbeat, Problem, Ticker, build_solution, quality, upper_bound
from .diagnose import reasons
from .heuristic import Progress, heuristic
from .large import finish_margin, solve_large
from .model import Instance, Solution
from .race import race_gaps

Method = Literal["auto", "heuristic", "exact", "sat"]

#: seconds the SAT stage leaves for building the answer (tables, reasons)
SAT_MARGIN = 0.3

#: share of the SAT stage's time the parent anneals the fallback when the workers fill the
#: cores, unless the machine proved loaded (anneal.Alongside: then the whole time). The whole
#: time always left each of the two workers on a 2-core machine 2/3 of a core; annealing
#: gains most in its first CPU second (forum-14: 22 -> 14 breaks in 0.4 s, 8 after 1.9 s).
ANNEAL_SHARE = 0.2

#: auto runs the SAT stage only when the model has at most this many meeting-slot variables.
#: Lower bounds plus CNF building and loading, CPU seconds measured: forum-14 (5,352) 0.5,
#: a generated 200-delegate forum (8,507) 0.9, the generated "medium" (24,856) 3.9 with
#: 1.35 M clauses; above this the model alone eats too much of a 10 s limit.
SAT_MAX_VARS = 10_000

#: auto runs CP-SAT only when the model has at most this many meeting-slot variables
EXACT_MAX_VARS = 60_000

#: seconds per meeting-slot variable to build and hint the CP-SAT model on a loaded 2-core
#: machine (measured: 2.6 s for the generated medium forum's 28,000), and the share of the
#: time limit that building may take before auto prefers the large path
EXACT_BUILD_COST = 1e-4
EXACT_BUILD_SHARE = 0.35


def have_ortools() -> bool:
    """True when the ortools package can be imported."""
    return importlib.util.find_spec("ortools") is not None


def warm_up() -> None:
    """Import the optional solvers now (1-5 s on a loaded machine) so that a later solve()
    spends its time limit on solving; a worker process may call this once at start."""
    if have_ortools():
        from ortools.linear_solver import pywraplp  # noqa: F401
        from ortools.sat.python import cp_model  # noqa: F401


def _key(pb: Problem, slot_of: list[int]) -> tuple[int, int, int, int]:
    """Lexicographic objective key (smaller is better)."""
    q = quality(pb, slot_of)
    return (-q.weighted, q.total_gaps, q.max_gaps, q.sum_sq_gaps)


def solve(
    instance: Instance,
    time_limit: float = 10.0,
    method: Method = "auto",
    progress: Progress | None = None,
    seed: int = 0,
    workers: int = 2,
    max_breaks: int | None = 2,
    max_spread: int | None = 2,
) -> Solution:
    """Schedule the meetings of an instance within about time_limit seconds.

    method "sat" places every meeting with the fewest breaks (at most max_breaks per
    participant, breaks of any two differing by at most max_spread) on a SAT solver, the
    heuristic answer being the fallback (forum/scheduling/sat.py). "auto" does the same when
    the model is small (SAT_MAX_VARS) and the heuristic placed every meeting; otherwise
    CP-SAT (weighted placement) or the heuristic alone for large instances.
    """
    t0 = time.monotonic()
    instance.validate()
    pb = Problem(instance)
    if method == "sat":
        return solve_sat(pb, t0, time_limit, progress, seed, max_breaks, workers, max_spread)
    start = None
    if method == "auto" and sat_fits(pb):
        # every meeting may fit: the heuristic says whether it does, then SAT lowers the breaks
        start = heuristic(pb, _first_answer_time(time_limit), seed=seed, progress=progress)
        if all(s >= 0 for s in start):
            args = (progress, seed, max_breaks, workers, max_spread, start)
            return solve_sat(pb, t0, time_limit, *args)
    nvars = sum(pb.dom[m].bit_count() for m in pb.movable)
    run_exact = method == "exact" or (
        method == "auto" and nvars <= EXACT_MAX_VARS and have_ortools()
    )
    if run_exact and not have_ortools():
        raise RuntimeError("method 'exact' needs the ortools package")
    if method == "auto" and nvars * EXACT_BUILD_COST > EXACT_BUILD_SHARE * time_limit:
        run_exact = False  # building the CP-SAT model would eat the time limit
    beat = Heartbeat(progress, t0) if progress is not None else None
    report = beat.report if beat is not None else None
    try:
        if not run_exact:
            return _solve_large(pb, t0, time_limit, report, seed, workers)
        return _solve_exact(pb, t0, time_limit, method, report, seed, workers, start)
    finally:
        if beat is not None:
            beat.stop()


def _solve_exact(
    pb: Problem,
    t0: float,
    time_limit: float,
    method: Method,
    progress: Progress | None,
    seed: int,
    workers: int,
    start: list[int] | None = None,
) -> Solution:
    """Heuristic, then CP-SAT (placement, then breaks) or the breaks race, from one deadline.

    start: a first answer to improve (auto's SAT try, when not every meeting was placed)."""
    # CP-SAT's import alone takes 1-5 s on a loaded machine: pay it first, budget after it
    from ortools.sat.python import cp_model  # noqa: F401

    ub_w, ub_n = best_bound(pb)
    deadline = t0 + time_limit - finish_margin(pb)
    left = max(0.0, deadline - time.monotonic())
    h_time = min(max(0.5, 0.2 * time_limit), 3.0, 0.3 * left)
    if method == "exact":
        h_time = min(h_time, 0.1 * time_limit + 0.2)
    slot_of = heuristic(pb, h_time, seed=seed, ticker=Ticker(progress, t0), start=start)
    stats: dict[str, Any] = {"method": "heuristic"}
    stats["heuristic_time"] = round(time.monotonic() - t0, 3)
    bound: float = ub_w
    place_status = "optimal" if quality(pb, slot_of).weighted >= ub_w else "feasible"
    gaps_status = "feasible"
    if method == "auto" and place_status == "optimal":
        # placement is optimal: anneal the gaps for the rest of the time, CP-SAT alongside
        if progress:
            progress("gaps", {"gaps": quality(pb, slot_of).total_gaps})
        race = race_gaps(pb, slot_of, deadline, random.Random(seed), workers, seed)
        slot_of, gaps_status = race.slot_of, race.status
        stats["method"] = "heuristic+anneal+cp-sat"
        stats["cp_sat"] = race.log
        stats["gaps_lower_bound"] = race.lower_bound
    else:
        from .exact import solve_exact

        left = deadline - time.monotonic()

        def polish(start: list[int]) -> list[int]:
            return heuristic(pb, min(1.0, 0.1 * time_limit, 0.1 * left), seed=seed, start=start)

        res = solve_exact(
            pb,
            max(0.05, left),
            hint=slot_of,
            progress=progress,
            weight_bound=ub_w,
            workers=workers,
            polish=polish,
        )
        stats["method"] = "heuristic+cp-sat"
        stats["cp_sat"] = res.log
        if res.place_status in ("optimal", "feasible"):
            bound = min(bound, res.weighted_bound)
        if _key(pb, res.slot_of) <= _key(pb, slot_of):
            slot_of = res.slot_of
            if res.place_status == "optimal":
                place_status = "optimal"
            gaps_status = res.gaps_status or "feasible"
            if res.gaps_bound is not None:
                stats["gaps_lower_bound"] = res.gaps_bound
    q = quality(pb, slot_of)
    if q.weighted >= bound:
        place_status = "optimal"
    sol = _finish(pb, slot_of, place_status == "optimal")
    stats.update(
        {
            "status": "optimal" if place_status == gaps_status == "optimal" else "feasible",
            "placement_status": place_status,
            "gaps_status": gaps_status,
            "meetings": pb.M,
            "placed": q.placed,
            "weighted": q.weighted,
            "total_gaps": q.total_gaps,
            "max_gaps": q.max_gaps,
            "bound_weighted": bound,
            "bound_placed": ub_n,
            "ratio": round(q.weighted / bound, 4) if bound else 1.0,
            "time": round(time.monotonic() - t0, 3),
        }
    )
    sol.stats = stats
    sol.bound = bound
    return sol


def _solve_large(
    pb: Problem, t0: float, time_limit: float, progress: Progress | None, seed: int, workers: int
) -> Solution:
    """The path for models too big for CP-SAT (or without ortools): forum/scheduling/large.py."""
    slot_of, stats = solve_large(pb, t0, time_limit, progress, seed, workers)
    bound = stats["bound_weighted"]
    q = quality(pb, slot_of)
    place_status = "optimal" if q.weighted >= bound else "feasible"
    sol = _finish(pb, slot_of, place_status == "optimal")
    stats.update(
        {
            "status": "feasible",
            "placement_status": place_status,
            "gaps_status": "optimal" if q.total_gaps == 0 else "feasible",
            "meetings": pb.M,
            "placed": q.placed,
            "weighted": q.weighted,
            "total_gaps": q.total_gaps,
            "max_gaps": q.max_gaps,
            "ratio": round(q.weighted / bound, 4) if bound else 1.0,
            "time": round(time.monotonic() - t0, 3),
        }
    )
    if place_status == stats["gaps_status"] == "optimal":
        stats["status"] = "optimal"
    sol.stats = stats
    sol.bound = bound
    return sol


def _unfair(pb: Problem, slot_of: list[int], max_breaks: int | None, spread: int | None) -> int:
    """How far an answer is from fair: breaks over max_breaks plus spread over max_spread."""
    gs = [pb.gaps(x) for x in pb.busy_masks(slot_of)]
    over = max(0, max(gs, default=0) - max_breaks) if max_breaks is not None else 0
    if spread is not None:
        over += max(0, max(gs, default=0) - min(gs, default=0) - spread)
    return over


def sat_fits(pb: Problem) -> bool:
    """True when auto tries the SAT stage: python-sat present, small enough, all may fit."""
    from .sat import have_pysat

    nvars = sum(pb.dom[m].bit_count() for m in pb.movable)
    return nvars <= SAT_MAX_VARS and have_pysat() and upper_bound(pb)[1] == pb.M


def _first_answer_time(time_limit: float) -> float:
    """Seconds the heuristic gets for the SAT stage's first (fallback) answer: short, since
    the SAT workers start only after it and the fallback is annealed alongside them."""
    return min(0.3, 0.1 * time_limit)


def _fair_key(
    pb: Problem, slot_of: list[int], max_breaks: int | None, spread: int | None
) -> tuple[int, ...]:
    """Objective key of the sat method: placed weight, then fairness, then breaks."""
    q = quality(pb, slot_of)
    return (-q.weighted, _unfair(pb, slot_of, max_breaks, spread), q.total_gaps, q.sum_sq_gaps)


def solve_sat(
    pb: Problem,
    t0: float,
    time_limit: float,
    progress: Progress | None,
    seed: int,
    max_breaks: int | None,
    workers: int = 2,
    max_spread: int | None = 2,
    start: list[int] | None = None,
) -> Solution:
    """Heuristic answer first (the fallback; `start` if given), then the exact SAT breaks stage.

    The SAT stage runs `workers` differently built models in as many processes (a portfolio).
    """
    from .portfolio import SatResult, solve_breaks
    from .sat import have_pysat

    if not have_pysat():
        raise RuntimeError("method 'sat' needs the python-sat package")
    ub_w, ub_n = upper_bound(pb)
    total_w = sum(pb.weight)
    if start is None:
        start = heuristic(pb, _first_answer_time(time_limit), seed=seed, progress=progress)
    slot_of = start
    q = quality(pb, slot_of)
    fair = q.weighted == total_w and not _unfair(pb, slot_of, max_breaks, max_spread)
    stats_method = "heuristic"
    deadline = t0 + time_limit - SAT_MARGIN
    low = sum(min_gaps(pb, p) for p in range(pb.P))
    if ub_n < pb.M:  # not every meeting fits: the SAT stage has nothing to place
        res = SatResult(None, None, 0, False, [{"stage": "skipped", "bound_placed": ub_n}])
    elif fair and q.total_gaps <= low:  # already optimal: no processes to start
        res = SatResult(None, None, low, False, [{"stage": "skipped", "lower": low}])
    else:
        upper = q.total_gaps if fair else None
        busy = workers >= (os.cpu_count() or 1)
        share_end = time.monotonic() + ANNEAL_SHARE * (deadline - time.monotonic())
        annealer = Alongside(pb, slot_of, share_end if busy else deadline, deadline, seed)
        try:
            args = (max_breaks, upper, progress, workers, annealer.start, max_spread, slot_of)
            res = solve_breaks(pb, deadline, *args)
        finally:
            annealed = annealer.stop()
        res.log.append({"stage": "anneal", "cpu_share": annealer.cpu_share})
        if _fair_key(pb, annealed, max_breaks, max_spread) < _fair_key(
            pb, slot_of, max_breaks, max_spread
        ):
            slot_of = annealed
            stats_method = "heuristic+anneal"
    stats: dict[str, Any] = {"method": stats_method, "sat": res.log}
    gaps_status = "feasible"
    fair_key = lambda sl: _fair_key(pb, sl, max_breaks, max_spread)  # noqa: E731
    if res.slot_of is not None and fair_key(res.slot_of) <= fair_key(slot_of):
        slot_of = res.slot_of
        stats["method"] = "heuristic+sat"
        if res.proven:
            gaps_status = "optimal"
    q = quality(pb, slot_of)
    fair = not _unfair(pb, slot_of, max_breaks, max_spread)
    if q.weighted == total_w and fair and res.lower_bound >= q.total_gaps:
        gaps_status = "optimal"  # a fair answer at the proven lower bound
    gs = [pb.gaps(x) for x in pb.busy_masks(slot_of)]
    place_status = "optimal" if q.weighted == total_w else "feasible"
    sol = _finish(pb, slot_of, place_status == "optimal")
    stats.update(
        {
            "status": "optimal" if place_status == gaps_status == "optimal" else "feasible",
            "placement_status": place_status,
            "gaps_status": gaps_status,
            "gaps_lower_bound": res.lower_bound,
            "max_breaks": max_breaks,
            "max_spread": max_spread,
            "meetings": pb.M,
            "placed": q.placed,
            "weighted": q.weighted,
            "total_gaps": q.total_gaps,
            "max_gaps": q.max_gaps,
            "spread": max(gs, default=0) - min(gs, default=0),
            "bound_weighted": min(ub_w, total_w),
            "bound_placed": ub_n,
            "time": round(time.monotonic() - t0, 3),
        }
    )
    sol.stats = stats
    sol.bound = min(ub_w, total_w)
    return sol


def _finish(pb: Problem, slot_of: list[int], proven: bool) -> Solution:
    """Build the Solution with tables and reasons for every unplaced meeting."""
    sol = build_solution(pb, slot_of)
    sol.reasons = reasons(pb, slot_of, proven=proven)
    return sol
