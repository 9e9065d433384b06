"""The large path of the solver (models too big for CP-SAT): greedy placement, annealing of the
breaks, then large-neighbourhood search, every stage budgeted from one deadline."""

from __future__ import annotations

import importlib.util
import math
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from .anneal import anneal
from .bounds import lp_bound
from .core import Problem, Progress, Ticker, quality, upper_bound
from .heuristic import construct, local_search
from .lns import lns

#: share of the time left after the construction that the neighbourhood search gets
LNS_SHARE = 0.15

#: below this many seconds left the search is skipped when CP-SAT is not imported yet (its
#: import takes 1-5 s on a loaded machine, better spent annealing)
LNS_COLD_MIN = 6.0


def finish_margin(pb: Problem) -> float:
    """Seconds kept for building the answer (tables, reasons of unplaced meetings).

    Measured at about 0.5 s for 20,000 meetings on a loaded 2-core machine."""
    return 0.15 + 2.5e-5 * pb.M


def solve_large(
    pb: Problem,
    t0: float,
    time_limit: float,
    progress: Progress | None = None,
    seed: int = 0,
    workers: int = 2,
    use_lns: bool = True,
) -> tuple[list[int], dict[str, Any]]:
    """Return (slot per meeting, stats) by t0 + time_limit minus the finishing margin."""
    tick = Ticker(progress, t0)
    tick("start", 0, 0, 0, force=True)
    stop = t0 + time_limit - finish_margin(pb)
    rng = random.Random(seed)
    stages: dict[str, float] = {}
    st = construct(pb, rng, t0, _share(t0, stop, 0.25), tick)
    local_search(st, _share(t0, stop, 0.4), rng, tick=tick)
    slot_of = list(st.slot)
    stages["construct"] = _since(t0)
    q = quality(pb, slot_of)
    tick("local search", q.placed, q.weighted, q.total_gaps, force=True)
    bound_w, bound_n = upper_bound(pb)
    bound_kind = "combinatorial"
    if q.weighted < bound_w and stop - time.monotonic() > 1.0:
        lp = lp_bound(pb)
        if lp is not None and math.floor(lp + 1e-6) < bound_w:
            bound_w, bound_kind = math.floor(lp + 1e-6), "lp"
        stages["bound"] = _since(t0)
        tick("bound", q.placed, q.weighted, q.total_gaps, force=True)
    can_lns = use_lns and importlib.util.find_spec("ortools") is not None
    cold = "ortools.sat.python.cp_model" not in sys.modules
    if cold and stop - time.monotonic() < LNS_COLD_MIN:
        can_lns = False
    if can_lns:
        # CP-SAT's first import takes 1-5 s on a loaded machine: pay it before the split
        from ortools.sat.python import cp_model  # noqa: F401
    left = stop - time.monotonic()
    anneal_end = stop - (LNS_SHARE * left if can_lns else 0.0)
    report = _breaks_tick(tick, "anneal", q.placed, q.weighted)
    slot_of = anneal(pb, slot_of, anneal_end, rng, tick=report)
    stages["anneal"] = _since(t0)
    method = "heuristic+anneal"
    stats: dict[str, Any] = {}
    if can_lns and stop - time.monotonic() > 0.1:
        slot_of, ls = lns(pb, slot_of, stop, rng, tick=tick, seed=seed)
        stages["lns"] = _since(t0)
        method += "+lns"
        stats["lns"] = {
            "rounds": ls.rounds,
            "improved": ls.improved,
            "proven": ls.optimal,
            "breaks": [ls.breaks_before, ls.breaks_after],
        }
    q = quality(pb, slot_of)
    tick("finish", q.placed, q.weighted, q.total_gaps, force=True)
    stats.update(
        {
            "method": method,
            "stages": stages,
            "bound_kind": bound_kind,
            "bound_weighted": bound_w,
            "bound_placed": bound_n,
        }
    )
    return slot_of, stats


def _share(t0: float, stop: float, share: float) -> float:
    """The moment a share of the time from t0 to stop has passed."""
    return t0 + share * max(0.0, stop - t0)


def _since(t0: float) -> float:
    """Seconds since t0, rounded for the stats."""
    return round(time.monotonic() - t0, 3)


def _breaks_tick(tick: Ticker, stage: str, placed: int, weighted: int) -> Callable[[int], None]:
    """A progress callback for a stage that only changes breaks."""

    def report(breaks: int) -> None:
        tick(stage, placed, weighted, breaks)

    return report
