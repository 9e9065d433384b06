"""Simulated annealing over Kempe-chain moves: lowers gaps (then their spread) of a schedule."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from .core import Problem
from .moves import apply_chain, changed_busy, kempe_chain, restore
from .state import State, bits

#: weight of the sum of squared gaps (fairness tie-breaker) in the annealing energy
SPREAD_WEIGHT = 0.01

#: weight of idle slots inside a participant's day span: a gradient that pulls runs together
IDLE_WEIGHT = 0.2


def idle_slots(pb: Problem, x: int) -> int:
    """Free slots between the first and last busy slot of each block of a busy mask."""
    n = 0
    for bm in pb.block_masks:
        y = x & bm
        if y:
            n += y.bit_length() - (y & -y).bit_length() + 1 - y.bit_count()
    return n


def energy_delta(st: State, chain: list[int], s0: int, s1: int, idle: float) -> float:
    """Energy change (gaps, spread, idle slots) of swapping a Kempe chain between s0 and s1."""
    pb = st.pb
    d = 0.0
    for p, x, nx in changed_busy(st, chain, s0, s1):
        new, old = pb.gaps(nx), st.g[p]
        d += new - old + SPREAD_WEIGHT * (new * new - old * old)
        if idle:
            d += idle * (idle_slots(pb, nx) - idle_slots(pb, x))
    return d


def anneal(
    pb: Problem,
    slot_of: list[int],
    deadline: float,
    rng: random.Random,
    t_hi: float = 0.6,
    t_lo: float = 0.05,
    floor: int = 0,
    until: Callable[[], bool] | None = None,
    idle: float = IDLE_WEIGHT,
    tick: Callable[[int], None] | None = None,
) -> list[int]:
    """Return the best schedule met while annealing from slot_of until deadline.

    A move sends a placed meeting to another slot of its domain, swapping the Kempe chain of
    meetings it clashes with; placed meetings stay placed, so objective 1 never changes. The
    energy is gaps + spread + idle-slot shaping; the best schedule is judged on (gaps,
    sum of squared gaps) only. The temperature falls geometrically from t_hi to t_lo over the
    time available. Stops early when the gaps reach floor (a lower bound) or when `until`
    (if given) returns False. `tick` (if given) hears the best breaks every 256 moves.
    """
    st = restore(pb, slot_of)
    best = list(st.slot)
    best_key = (st.total, st.sumsq)
    movers = [m for m in pb.movable if st.slot[m] >= 0 and pb.dom[m].bit_count() > 1]
    if not movers or st.total <= floor:
        return best
    doms = {m: bits(pb.dom[m]) for m in movers}
    start = time.monotonic()
    span = max(1e-3, deadline - start)
    temp = t_hi
    it = 0
    while True:
        it += 1
        if it & 255 == 0:
            now = time.monotonic()
            if now >= deadline or best_key[0] <= floor or (until is not None and not until()):
                break
            temp = t_hi * (t_lo / t_hi) ** ((now - start) / span)
            if tick is not None:
                tick(best_key[0])
        m = movers[rng.randrange(len(movers))]
        s0 = st.slot[m]
        s1 = doms[m][rng.randrange(len(doms[m]))]
        if s1 == s0:
            continue
        chain = kempe_chain(st, m, s1)
        if chain is None:
            continue
        d = energy_delta(st, chain, s0, s1, idle)
        if d <= 0 or rng.random() < math.exp(-d / temp):
            apply_chain(st, chain, s0, s1)
            if (st.total, st.sumsq) < best_key:
                best_key = (st.total, st.sumsq)
                best = list(st.slot)
    return best


#: CPU share of a core below which Alongside judges the machine loaded: next to two workers
#: on two quiet cores a thread gets about 2/3; with a load of 5 about 0.3
LOADED_SHARE = 0.45


class Alongside:
    """Anneal a schedule in a thread while this process waits for the SAT workers.

    Until `share_end` only, then the thread ends: a third CPU-bound task next to two workers
    on two cores took a third of each worker's time. On a loaded machine (the thread got less
    than LOADED_SHARE of a core in its share) the workers will hardly finish and the fallback
    is what the caller gets, so it goes on until the deadline. (Not going on at nice 19: a
    starved thread holding the GIL could delay the thread that reads the workers' answers
    and keeps the deadline.)
    """

    def __init__(
        self, pb: Problem, start: list[int], share_end: float, deadline: float, seed: int
    ) -> None:
        import threading

        self.best = start
        self.cpu_share: float | None = None  # of a core, measured over the share
        self._args = (pb, share_end, deadline, random.Random(seed))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        """Start annealing (after any fork: a thread does not survive one)."""
        self._thread.start()

    def _run(self) -> None:
        """Anneal for the share, and on to the deadline when the machine proved loaded."""
        pb, share_end, deadline, rng = self._args
        going = lambda: not self._stop.is_set()  # noqa: E731
        wall, cpu = time.monotonic(), time.thread_time()
        self.best = anneal(pb, self.best, min(share_end, deadline), rng, until=going)
        self.cpu_share = round((time.thread_time() - cpu) / max(1e-3, time.monotonic() - wall), 2)
        if share_end < deadline and going() and self.cpu_share < LOADED_SHARE:
            self.best = anneal(pb, self.best, deadline, rng, until=going)

    def stop(self) -> list[int]:
        """Stop annealing (within a few milliseconds) and return the best schedule met."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.best
