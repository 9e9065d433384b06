"""The large path of the solver (models too big for CP-SAT): greedy placement, annealing of the
breaks, then large-neighbourhood search, every stage budgeted from one deadline."""

from __future__ import annotations

import importlib.util
import math
import random
import sys
import time
from typing import Any

from .anneal import anneal
from .bounds import lp_bound
from .core import Problem, Progress, Ticker, quality, upper_bound
from .heuristic import construct, local_search
from .lns import lns

#: once its temperature is low (COOL of its window gone), the annealing hands over to the
#: neighbourhood search when its best has not improved for STALL_MIN seconds or STALL_SHARE of
#: the time it has run, whichever is longer (measured on the generated forums: annealing
#: lowers breaks faster than the search while it improves; hot, its best moves rarely)
COOL, STALL_MIN, STALL_SHARE = 0.6, 2.0, 0.3

#: below this many seconds left the search is skipped when CP-SAT is not imported yet (its
#: import takes 1-5 s on a loaded machine, better spent annealing)
LNS_COLD_MIN = 6.0


def finish_margin(pb: Problem) -> float:
    """Seconds kept for building the answer (tables, reasons of unplaced meetings).

    Measured at 0.5-0.8 s for 20,000 meetings (10,000-14,000 unplaced) on a loaded 2-core
    machine."""
    return 0.2 + 4e-5 * pb.M


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
    # the greedy may take until stop on a very busy machine; the repair gets a quarter
    st = construct(pb, rng, t0, stop, tick, repair_until=_share(t0, stop, 0.25))
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
    if "ortools.sat.python.cp_model" not in sys.modules:
        # the import alone would take much of the time the annealing leaves
        can_lns = can_lns and (1 - COOL) * (stop - time.monotonic()) >= LNS_COLD_MIN
    watch = _Stall(q.total_gaps, tick, q.placed, q.weighted, stop)
    until = watch.keep_going if can_lns else None
    slot_of = anneal(pb, slot_of, stop, rng, until=until, tick=watch.report)
    stages["anneal"] = _since(t0)
    method = "heuristic+anneal"
    stats: dict[str, Any] = {}
    if can_lns and stop - time.monotonic() > 0.2:
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


class _Stall:
    """Watches the annealing: reports its progress and says when it has stopped improving."""

    def __init__(self, breaks: int, tick: Ticker, placed: int, weighted: int, stop: float) -> None:
        self.best = breaks
        self.start = self.since = time.monotonic()
        self.cool = self.start + COOL * (stop - self.start)
        self.tick, self.placed, self.weighted = tick, placed, weighted

    def report(self, breaks: int) -> None:
        """The annealing's callback with its best breaks so far."""
        if breaks < self.best:
            self.best, self.since = breaks, time.monotonic()
        self.tick("anneal", self.placed, self.weighted, breaks)

    def keep_going(self) -> bool:
        """False once the best has not moved for the stall window."""
        now = time.monotonic()
        if now < self.cool:
            return True
        return now - self.since < max(STALL_MIN, STALL_SHARE * (now - self.start))
