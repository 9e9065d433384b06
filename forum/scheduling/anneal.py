"""Simulated annealing over Kempe-chain moves: lowers gaps (then their spread) of a schedule."""

from __future__ import annotations

import math
import random
import time

from .core import Problem
from .moves import apply_chain, chain_delta, kempe_chain, restore
from .state import bits

#: weight of the sum of squared gaps (fairness tie-breaker) in the annealing energy
SPREAD_WEIGHT = 0.01


def anneal(
    pb: Problem,
    slot_of: list[int],
    deadline: float,
    rng: random.Random,
    t_hi: float = 0.6,
    t_lo: float = 0.05,
) -> list[int]:
    """Return the best schedule met while annealing from slot_of until deadline.

    A move sends a placed meeting to another slot of its domain, swapping the Kempe chain of
    meetings it clashes with; placed meetings stay placed, so objective 1 never changes. The
    temperature falls geometrically from t_hi to t_lo over the time available.
    """
    st = restore(pb, slot_of)
    best = list(st.slot)
    best_key = (st.total, st.sumsq)
    movers = [m for m in pb.movable if st.slot[m] >= 0 and pb.dom[m].bit_count() > 1]
    if not movers or st.total == 0:
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
            if now >= deadline or best_key[0] == 0:
                break
            temp = t_hi * (t_lo / t_hi) ** ((now - start) / span)
        m = movers[rng.randrange(len(movers))]
        s0 = st.slot[m]
        s1 = rng.choice(doms[m])
        if s1 == s0:
            continue
        chain = kempe_chain(st, m, s1)
        if chain is None:
            continue
        dg, dq = chain_delta(st, chain, s0, s1)
        d = dg + SPREAD_WEIGHT * dq
        if d <= 0 or rng.random() < math.exp(-d / temp):
            apply_chain(st, chain, s0, s1)
            if (st.total, st.sumsq) < best_key:
                best_key = (st.total, st.sumsq)
                best = list(st.slot)
    return best
