"""Fast heuristic: priority greedy, ejection-chain repair, gap local search, then annealing."""

from __future__ import annotations

import heapq
import random
import time
from collections.abc import Callable

from .anneal import anneal
from .core import Problem, Progress, Ticker
from .moves import improve_meeting, restore
from .state import State, bits

__all__ = ["Progress", "greedy", "heuristic", "local_search", "repair"]

#: share of the heuristic's time for repair + iterated descent; annealing gets the rest
ILS_SHARE = 0.4


def _slot_cost(st: State, m: int, s: int) -> int:
    """Greedy cost of slot s for m: new gaps dominate, adjacency to existing meetings helps."""
    pb = st.pb
    cost = 0
    for p in pb.parts[m]:
        x = st.busy[p]
        d = pb.delta_add(x, s)
        if d > 0:
            cost += 8
        elif x & pb.block_masks[pb.block_of[s]]:
            cost -= 3 if d < 0 else 2
    return cost


def best_slot(st: State, m: int, cand: int) -> int:
    """Cheapest slot of the candidate mask for meeting m (lowest index on ties)."""
    best = -1
    best_cost = 1 << 30
    for s in bits(cand):
        c = _slot_cost(st, m, s)
        if c < best_cost:
            best, best_cost = s, c
    return best


def greedy(
    st: State, rng: random.Random, deadline: float | None = None, tick: Ticker | None = None
) -> None:
    """DSATUR-like greedy: priority, then fewest free slots left; each in its most compact slot.

    Stops placing at the deadline (a time limit that must hold beats a complete greedy)."""
    pb = st.pb
    deg = [len(ms) for ms in pb.pmeet]
    noise = [rng.random() for _ in range(pb.M)]
    hub = [max(deg[p] for p in pb.parts[m]) for m in range(pb.M)]

    def key(m: int) -> tuple[int, int, int, float, int]:
        free = pb.dom[m]
        for p in pb.parts[m]:
            free &= ~st.busy[p]
        return (-pb.weight[m], free.bit_count(), -hub[m], noise[m], m)

    current = {m: key(m) for m in pb.movable if pb.dom[m] and st.slot[m] < 0}
    heap = list(current.values())
    heapq.heapify(heap)
    pops = 0
    while heap:
        pops += 1
        if pops & 511 == 0 and deadline is not None:
            if time.monotonic() > deadline:
                return
            if tick is not None and tick.due():
                tick("greedy", pb.M - len(current), st.weighted(), st.total)
        item = heapq.heappop(heap)
        m = item[-1]
        if current.get(m) != item:
            continue
        del current[m]
        cand = st.free_slots(m)
        if not cand:
            continue
        st.place(m, best_slot(st, m, cand))
        for p in pb.parts[m]:
            for m2 in pb.pmeet[p]:
                if m2 in current:
                    k = key(m2)
                    if k != current[m2]:
                        current[m2] = k
                        heapq.heappush(heap, k)


def try_insert(st: State, m: int, depth: int, banned: set[int]) -> bool:
    """Insert unplaced m, moving a chain of up to `depth` blocking meetings; undo on failure."""
    pb = st.pb
    cand = st.free_slots(m)
    if cand:
        st.place(m, best_slot(st, m, cand))
        return True
    if depth <= 0 or not st.freecap:
        return False
    S = pb.S
    banned.add(m)
    try:
        for s in bits(pb.dom[m]):
            blockers = {st.occ[p * S + s] for p in pb.parts[m] if st.busy[p] >> s & 1}
            if len(blockers) > 1:
                continue
            if blockers:
                b = blockers.pop()
                if pb.fixed_slot[b] >= 0 or b in banned:
                    continue
                options = [b]
            else:
                options = [b for b in st.members[s] if pb.dom[b] & st.freecap and b not in banned]
                options = options[:4]
            for b in options:
                st.remove(b)
                st.place(m, s)
                if try_insert(st, b, depth - 1, banned):
                    return True
                st.remove(m)
                st.place(b, s)
    finally:
        banned.discard(m)
    return False


def repair(st: State, deadline: float, depth: int = 2, tick: Ticker | None = None) -> int:
    """Try to insert every unplaced meeting with ejection chains; return how many were added."""
    pb = st.pb
    todo = [m for m in pb.movable if st.slot[m] < 0 and pb.dom[m]]
    todo.sort(key=lambda m: (-pb.weight[m], pb.dom[m].bit_count()))
    added = 0
    for i, m in enumerate(todo):
        if not st.freecap:
            break
        if i % 64 == 0:
            if time.monotonic() > deadline:
                break
            if tick is not None and tick.due():
                tick("repair", sum(1 for s in st.slot if s >= 0), st.weighted(), st.total)
        if st.slot[m] < 0 and try_insert(st, m, depth, set()):
            added += 1
    return added


def local_search(
    st: State,
    deadline: float,
    rng: random.Random,
    max_passes: int = 50,
    tick: Ticker | None = None,
) -> int:
    """Reduce total gaps (then their spread) by moves/swaps around participants with gaps."""
    pb = st.pb
    start = st.total
    for _ in range(max_passes):
        improved = False
        todo = [p for p in range(pb.P) if st.g[p] > 0]
        rng.shuffle(todo)
        for i, p in enumerate(todo):
            if i % 32 == 0:
                if time.monotonic() > deadline:
                    return start - st.total
                if tick is not None and tick.due():
                    tick.slots("local search", pb, st.slot, st.total)
            if st.g[p] <= 0:
                continue
            for m in pb.pmeet[p]:
                if st.slot[m] >= 0 and pb.fixed_slot[m] < 0 and improve_meeting(st, m):
                    improved = True
        if not improved:
            break
    return start - st.total


def perturb(st: State, rng: random.Random, k: int) -> None:
    """Random sideways moves: relocate k random meetings of gapped participants to free slots."""
    pb = st.pb
    gapped = [p for p in range(pb.P) if st.g[p] > 0]
    for _ in range(k):
        if not gapped:
            return
        p = rng.choice(gapped)
        ms = [m for m in pb.pmeet[p] if st.slot[m] >= 0 and pb.fixed_slot[m] < 0]
        if not ms:
            continue
        m = rng.choice(ms)
        s0 = st.slot[m]
        st.remove(m)
        cand = st.free_slots(m) & ~(1 << s0)
        st.place(m, rng.choice(bits(cand)) if cand else s0)


def heuristic(
    pb: Problem,
    time_limit: float = 10.0,
    seed: int = 0,
    progress: Progress | None = None,
    start: list[int] | None = None,
    ticker: Ticker | None = None,
) -> list[int]:
    """Return a slot per meeting (-1 = unplaced) found within time_limit seconds.

    Every stage checks the one deadline, so the call returns within about time_limit even on a
    loaded machine; `ticker` (else one made from `progress`) hears at least twice a second.
    """
    t0 = time.monotonic()
    deadline = t0 + time_limit
    tick = ticker if ticker is not None else Ticker(progress, t0)
    rng = random.Random(seed)
    st = construct(pb, rng, t0, deadline, tick, start)
    local_search(st, deadline, rng, tick=tick)
    tick.slots("local search", pb, st.slot, st.total, force=True)
    best_key = (st.total, st.sumsq)
    best = list(st.slot)
    rounds = stall = 0
    ils_end = t0 + ILS_SHARE * time_limit
    while time.monotonic() < ils_end - 0.05 and st.total > 0 and rounds < 400 and stall < 60:
        rounds += 1
        stall += 1
        if repair(st, min(deadline, ils_end)):
            best_key = (1 << 60, 0)  # more meetings placed beats any gap count
        perturb(st, rng, max(3, st.total // 20))
        local_search(st, min(deadline, ils_end), rng, tick=tick)
        key = (st.total, st.sumsq)
        if key < best_key:
            best_key, best, stall = key, list(st.slot), 0
        else:
            st = restore(pb, best)
    tick.slots("iterated search", pb, best, best_key[0], force=True)
    return anneal(pb, best, deadline, rng, tick=_anneal_tick(pb, best, tick))


def construct(
    pb: Problem,
    rng: random.Random,
    t0: float,
    deadline: float,
    tick: Ticker,
    start: list[int] | None = None,
    repair_until: float | None = None,
) -> State:
    """Greedy placement (until deadline at most) then ejection-chain repair (until repair_until,
    by default 40 % of the time)."""
    st = State(pb)
    if start is not None:
        st.load_from(start)
    greedy(st, rng, deadline, tick)
    tick.slots("greedy", pb, st.slot, st.total, force=True)
    if repair_until is None:
        repair_until = t0 + 0.4 * (deadline - t0)
    repair(st, min(deadline, repair_until), tick=tick)
    return st


def _anneal_tick(pb: Problem, slot_of: list[int], tick: Ticker) -> Callable[[int], None]:
    """Progress callback for the annealing: placement is fixed there, only breaks change."""
    placed = [m for m in range(pb.M) if slot_of[m] >= 0]
    n, w = len(placed), sum(pb.weight[m] for m in placed)

    def report(breaks: int) -> None:
        tick("anneal", n, w, breaks)

    return report
