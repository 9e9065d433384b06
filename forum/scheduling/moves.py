"""Kempe-chain moves shared by the local search and the annealing."""

from __future__ import annotations

from collections.abc import Iterator

from .core import Problem
from .state import State, bits


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


def changed_busy(st: State, chain: list[int], s0: int, s1: int) -> Iterator[tuple[int, int, int]]:
    """(participant, busy mask now, busy mask after) for each participant whose mask the swap of
    a Kempe chain between s0 and s1 changes (those busy in exactly one of the two slots)."""
    both = (1 << s0) | (1 << s1)
    done: set[int] = set()
    for a in chain:
        for p in st.pb.parts[a]:
            if p in done:
                continue
            done.add(p)
            x = st.busy[p]
            if (x & both).bit_count() == 1:
                yield p, x, x ^ both


def chain_delta(st: State, chain: list[int], s0: int, s1: int) -> tuple[int, int]:
    """(gap delta, sum-of-squares delta) of swapping a Kempe chain between s0 and s1."""
    dg = dq = 0
    for p, _x, nx in changed_busy(st, chain, s0, s1):
        new, old = st.pb.gaps(nx), st.g[p]
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
        d = chain_delta(st, chain, s0, s)
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


def restore(pb: Problem, slot_of: list[int]) -> State:
    """A fresh State holding the given assignment."""
    st = State(pb)
    st.load_from(slot_of)
    return st
