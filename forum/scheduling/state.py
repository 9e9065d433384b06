"""Mutable incremental schedule state used by the heuristic (busy masks, loads, gap counters)."""

from __future__ import annotations

from .core import Problem


def bits(x: int) -> list[int]:
    """Indices of the set bits of x, lowest first."""
    out = []
    while x:
        low = x & -x
        out.append(low.bit_length() - 1)
        x ^= low
    return out


class State:
    """A partial schedule with O(participants-per-meeting) place/remove updates."""

    def __init__(self, pb: Problem) -> None:
        self.pb = pb
        self.slot = [-1] * pb.M
        self.busy = [0] * pb.P
        self.occ = [-1] * (pb.P * pb.S)
        self.load = [0] * pb.S
        self.members: list[set[int]] = [set() for _ in range(pb.S)]
        self.freecap = sum(1 << s for s in range(pb.S) if pb.cap[s] > 0)
        self.g = [0] * pb.P
        self.total = 0
        self.sumsq = 0
        for m in range(pb.M):
            if pb.fixed_slot[m] >= 0:
                self.place(m, pb.fixed_slot[m])

    def place(self, m: int, s: int) -> None:
        """Put meeting m in slot s (caller guarantees feasibility)."""
        pb = self.pb
        bit = 1 << s
        self.slot[m] = s
        base = pb.S
        for p in pb.parts[m]:
            x = self.busy[p]
            d = pb.delta_add(x, s)
            self.busy[p] = x | bit
            if d:
                g = self.g[p]
                self.g[p] = g + d
                self.total += d
                self.sumsq += 2 * g * d + d * d
            self.occ[p * base + s] = m
        if pb.fixed_slot[m] < 0:
            self.load[s] += 1
            self.members[s].add(m)
            if self.load[s] >= pb.cap[s]:
                self.freecap &= ~bit

    def remove(self, m: int) -> None:
        """Take meeting m out of its slot."""
        pb = self.pb
        s = self.slot[m]
        bit = 1 << s
        self.slot[m] = -1
        base = pb.S
        for p in pb.parts[m]:
            x = self.busy[p]
            d = pb.delta_remove(x, s)
            self.busy[p] = x & ~bit
            if d:
                g = self.g[p]
                self.g[p] = g + d
                self.total += d
                self.sumsq += 2 * g * d + d * d
            self.occ[p * base + s] = -1
        if pb.fixed_slot[m] < 0:
            self.load[s] -= 1
            self.members[s].discard(m)
            self.freecap |= bit

    def free_slots(self, m: int) -> int:
        """Mask of slots where m could be placed right now."""
        x = self.pb.dom[m] & self.freecap
        for p in self.pb.parts[m]:
            x &= ~self.busy[p]
        return x

    def load_from(self, slot_of: list[int]) -> None:
        """Place every movable meeting of a given assignment (state must hold only fixed ones)."""
        for m in self.pb.movable:
            if slot_of[m] >= 0:
                self.place(m, slot_of[m])

    def weighted(self) -> int:
        """Sum of priorities of placed meetings."""
        w = self.pb.weight
        return sum(w[m] for m, s in enumerate(self.slot) if s >= 0)
