"""Fast heuristic: priority greedy, compact placement, ejection-chain repair, gap local search."""

from __future__ import annotations

import heapq
import random
import time
from collections.abc import Callable

from .core import Problem
from .state import State, bits

Progress = Callable[[str, dict[str, float]], None]


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


def greedy(st: State, rng: random.Random) -> None:
    """DSATUR-like greedy: priority, then fewest free slots left; each in its most compact slot."""
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
    while heap:
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


def repair(st: State, deadline: float, depth: int = 2) -> int:
    """Try to insert every unplaced meeting with ejection chains; return how many were added."""
    pb = st.pb
    todo = [m for m in pb.movable if st.slot[m] < 0 and pb.dom[m]]
    todo.sort(key=lambda m: (-pb.weight[m], pb.dom[m].bit_count()))
    added = 0
    for i, m in enumerate(todo):
        if not st.freecap:
            break
        if i % 64 == 0 and time.monotonic() > deadline:
            break
        if st.slot[m] < 0 and try_insert(st, m, depth, set()):
            added += 1
    return added


def kempe_chain(st: State, m: int, s1: int, limit: int = 16) -> list[int] | None:
    """Meetings that must swap between m's slot and s1 for m to move there, or None."""
    pb = st.pb
    S = pb.S
    s0 = st.slot[m]
    chain = [m]
    seen = {m}
    i = 0
    while i < len(chain):
        a = chain[i]
        i += 1
        here = st.slot[a]
        there = s1 if here == s0 else s0
        if not pb.dom[a] >> there & 1:
            return None
        for p in pb.parts[a]:
            b = st.occ[p * S + there]
            if b >= 0 and b not in seen:
                if pb.fixed_slot[b] >= 0 or len(chain) >= limit:
                    return None
                seen.add(b)
                chain.append(b)
    n0 = sum(1 for a in chain if st.slot[a] == s0)
    n1 = len(chain) - n0
    if st.load[s1] - n1 + n0 > pb.cap[s1] or st.load[s0] - n0 + n1 > pb.cap[s0]:
        return None
    return chain


def _chain_delta(st: State, chain: list[int], s0: int, s1: int) -> tuple[int, int]:
    """(gap delta, sum-of-squares delta) of swapping a Kempe chain between s0 and s1."""
    pb = st.pb
    both = (1 << s0) | (1 << s1)
    dg = dq = 0
    done: set[int] = set()
    for a in chain:
        for p in pb.parts[a]:
            if p in done:
                continue
            done.add(p)
            x = st.busy[p]
            if (x & both).bit_count() != 1:
                continue
            new = pb.gaps(x ^ both)
            old = st.g[p]
            dg += new - old
            dq += new * new - old * old
    return dg, dq


def improve_meeting(st: State, m: int) -> bool:
    """Apply the best gap-reducing Kempe-chain move of meeting m; return True if one was applied."""
    pb = st.pb
    s0 = st.slot[m]
    best: tuple[int, int] = (0, 0)
    best_chain: list[int] | None = None
    best_s = -1
    for s in bits(pb.dom[m] & ~(1 << s0)):
        chain = kempe_chain(st, m, s)
        if chain is None:
            continue
        d = _chain_delta(st, chain, s0, s)
        if d < best:
            best, best_chain, best_s = d, chain, s
    if best_chain is None:
        return False
    apply_chain(st, best_chain, s0, best_s)
    return True


def apply_chain(st: State, chain: list[int], s0: int, s1: int) -> None:
    """Swap every meeting of the chain between slots s0 and s1."""
    olds = [st.slot[a] for a in chain]
    for a in chain:
        st.remove(a)
    for a, old in zip(chain, olds, strict=True):
        st.place(a, s1 if old == s0 else s0)


def local_search(st: State, deadline: float, rng: random.Random, max_passes: int = 50) -> int:
    """Reduce total gaps (then their spread) by moves/swaps around participants with gaps."""
    pb = st.pb
    start = st.total
    for _ in range(max_passes):
        improved = False
        todo = [p for p in range(pb.P) if st.g[p] > 0]
        rng.shuffle(todo)
        for i, p in enumerate(todo):
            if i % 32 == 0 and time.monotonic() > deadline:
                return start - st.total
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
) -> list[int]:
    """Return a slot per meeting (-1 = unplaced) found within time_limit seconds."""
    t0 = time.monotonic()
    deadline = t0 + time_limit
    rng = random.Random(seed)
    st = State(pb)
    if start is not None:
        st.load_from(start)
    greedy(st, rng)
    if progress:
        progress("greedy", {"weighted": st.weighted(), "gaps": st.total})
    repair(st, t0 + 0.4 * time_limit)
    local_search(st, deadline, rng)
    if progress:
        progress("local search", {"weighted": st.weighted(), "gaps": st.total})
    best_key = (st.total, st.sumsq)
    best = list(st.slot)
    rounds = stall = 0
    while time.monotonic() < deadline - 0.05 and st.total > 0 and rounds < 400 and stall < 60:
        rounds += 1
        stall += 1
        if repair(st, deadline):
            best_key = (1 << 60, 0)  # more meetings placed beats any gap count
        perturb(st, rng, max(3, st.total // 20))
        local_search(st, deadline, rng)
        key = (st.total, st.sumsq)
        if key < best_key:
            best_key, best, stall = key, list(st.slot), 0
        else:
            st = _restore(pb, best)
    return best


def _restore(pb: Problem, slot_of: list[int]) -> State:
    """A fresh State holding the given assignment."""
    st = State(pb)
    st.load_from(slot_of)
    return st
