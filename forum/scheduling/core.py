"""Indexed, bitmask form of an instance shared by the heuristic, the exact model and the bounds."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .model import Assignment, Instance, Solution


class Problem:
    """An instance compiled to integer indices; slot sets are int bitmasks (bit s = slot s)."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.slot_ids = [s.id for s in inst.slots]
        self.S = len(self.slot_ids)
        sidx = {sid: i for i, sid in enumerate(self.slot_ids)}
        self.full = (1 << self.S) - 1
        blocks: dict[str, int] = {}
        self.block_of: list[int] = []
        for s in inst.slots:
            self.block_of.append(blocks.setdefault(s.block, len(blocks)))
        self.block_masks = [0] * len(blocks)
        for i, b in enumerate(self.block_of):
            self.block_masks[b] |= 1 << i
        # bit s set when slot s-1 exists and is in the same block as slot s
        self.prev_same = 0
        for i in range(1, self.S):
            if self.block_of[i] == self.block_of[i - 1]:
                self.prev_same |= 1 << i
        self.next_same = self.prev_same >> 1
        self.table_ids = [t.id for t in inst.tables]
        tidx = {tid: i for i, tid in enumerate(self.table_ids)}
        tmask = [self.full & ~_mask(t.unavailable_slots, sidx) for t in inst.tables]
        self.tables_in: list[list[int]] = [
            [t for t in range(len(tmask)) if tmask[t] >> s & 1] for s in range(self.S)
        ]
        self.pids = [p.id for p in inst.participants]
        pidx = {pid: i for i, pid in enumerate(self.pids)}
        self.P = len(self.pids)
        self.pavail = [self.full & ~_mask(p.unavailable_slots, sidx) for p in inst.participants]
        self.mids = [m.id for m in inst.meetings]
        self.M = len(self.mids)
        self.parts: list[tuple[int, ...]] = [
            tuple(pidx[p] for p in m.participants) for m in inst.meetings
        ]
        self.weight = [int(m.priority) for m in inst.meetings]
        self.fixed_slot = [-1] * self.M
        self.fixed_table = [-1] * self.M
        self.fixed_busy = [0] * self.P
        fixed_count = [0] * self.S
        for i, m in enumerate(inst.meetings):
            if m.fixed is not None:
                s = sidx[m.fixed.slot]
                self.fixed_slot[i] = s
                self.fixed_table[i] = tidx[m.fixed.table]
                fixed_count[s] += 1
                for p in self.parts[i]:
                    self.fixed_busy[p] |= 1 << s
        self.cap = [len(self.tables_in[s]) - fixed_count[s] for s in range(self.S)]
        capmask = sum(1 << s for s in range(self.S) if self.cap[s] > 0)
        self.dom = [0] * self.M
        self.pmeet: list[list[int]] = [[] for _ in range(self.P)]
        for i, m in enumerate(inst.meetings):
            for p in self.parts[i]:
                self.pmeet[p].append(i)
            if self.fixed_slot[i] >= 0:
                self.dom[i] = 1 << self.fixed_slot[i]
                continue
            d = capmask if m.allowed_slots is None else _mask(m.allowed_slots, sidx) & capmask
            for p in self.parts[i]:
                d &= self.pavail[p] & ~self.fixed_busy[p]
            self.dom[i] = d
        self.movable = [i for i in range(self.M) if self.fixed_slot[i] < 0]

    def gaps(self, x: int) -> int:
        """Breaks of a busy mask: per block, number of meeting runs minus one."""
        if not x:
            return 0
        n = (x & ~((x << 1) & self.prev_same)).bit_count()
        for bm in self.block_masks:
            if x & bm:
                n -= 1
        return n

    def delta_add(self, x: int, s: int) -> int:
        """Change in gaps when slot s (not in x) becomes busy."""
        left = self.prev_same >> s & x >> (s - 1) & 1 if s else 0
        right = self.next_same >> s & x >> (s + 1) & 1
        if left and right:
            return -1
        if left or right:
            return 0
        return 1 if x & self.block_masks[self.block_of[s]] else 0

    def delta_remove(self, x: int, s: int) -> int:
        """Change in gaps when slot s (in x) becomes free."""
        left = self.prev_same >> s & x >> (s - 1) & 1 if s else 0
        right = self.next_same >> s & x >> (s + 1) & 1
        if left and right:
            return 1
        if left or right:
            return 0
        return -1 if (x & ~(1 << s)) & self.block_masks[self.block_of[s]] else 0

    def busy_masks(self, slot_of: list[int]) -> list[int]:
        """Busy bitmask per participant for a slot assignment (-1 = unplaced)."""
        busy = [0] * self.P
        for m, s in enumerate(slot_of):
            if s >= 0:
                for p in self.parts[m]:
                    busy[p] |= 1 << s
        return busy


Progress = Callable[[str, dict[str, float]], None]


class Ticker:
    """Rate-limited progress: progress(stage, {elapsed, placed, weighted, breaks}) every `every` s.

    Every long loop of the engine calls it often; it reports at most every `every` seconds
    (sooner with force), so a caller hears from the engine at least once a second.
    """

    def __init__(self, progress: Progress | None, t0: float, every: float = 0.5) -> None:
        self.progress = progress
        self.t0 = t0
        self.every = every
        self.next = t0

    def due(self) -> bool:
        """True when a report is wanted now."""
        return self.progress is not None and time.monotonic() >= self.next

    def __call__(
        self, stage: str, placed: int, weighted: int, breaks: int, force: bool = False
    ) -> None:
        """Report the stage and the current figures if due (or forced)."""
        if self.progress is None:
            return
        now = time.monotonic()
        if not force and now < self.next:
            return
        self.next = now + self.every
        info = {
            "elapsed": round(now - self.t0, 2),
            "placed": placed,
            "weighted": weighted,
            "breaks": breaks,
            "gaps": breaks,
        }
        self.progress(stage, info)

    def slots(
        self, stage: str, pb: Problem, slot_of: list[int], breaks: int, force: bool = False
    ) -> None:
        """Report from a slot assignment (placed and weighted counted only when due)."""
        if force or self.due():
            placed = [m for m in range(pb.M) if slot_of[m] >= 0]
            self(stage, len(placed), sum(pb.weight[m] for m in placed), breaks, force=True)


class Heartbeat:
    """Passes progress on, and repeats the last report from a background thread whenever the
    engine has been silent for 0.75 s (CP-SAT holds the caller's thread while it searches)."""

    def __init__(self, progress: Progress, t0: float) -> None:
        self.progress = progress
        self.t0 = t0
        self.last = time.monotonic()
        self.stage = "start"
        self.info: dict[str, float] = {}
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def report(self, stage: str, info: dict[str, float]) -> None:
        """The progress callback handed to the engine's stages."""
        with self.lock:
            self.stage, self.info, self.last = stage, dict(info), time.monotonic()
            self.progress(stage, info)

    def _run(self) -> None:
        """Repeat the last report, with the elapsed time, while the engine is silent."""
        while not self.done.wait(0.25):
            with self.lock:
                now = time.monotonic()
                if now - self.last >= 0.75:
                    self.last = now
                    self.progress(self.stage, {**self.info, "elapsed": round(now - self.t0, 2)})

    def stop(self) -> None:
        """End the background thread (before the answer is returned)."""
        self.done.set()
        self.thread.join()


def slot_counts(masks: list[int], S: int) -> list[int]:
    """How many of the given slot masks contain each slot (grouped: large instances share masks)."""
    counts = [0] * S
    for x, n in Counter(masks).items():
        while x:
            low = x & -x
            counts[low.bit_length() - 1] += n
            x ^= low
    return counts


def _mask(ids: tuple[str, ...] | list[str], index: dict[str, int]) -> int:
    """Bitmask of the known slot ids in ids."""
    out = 0
    for i in ids:
        j = index.get(i)
        if j is not None:
            out |= 1 << j
    return out


@dataclass
class Quality:
    """Objective values of a schedule."""

    placed: int
    weighted: int
    total_gaps: int
    max_gaps: int
    sum_sq_gaps: int


def quality(pb: Problem, slot_of: list[int]) -> Quality:
    """Compute the objectives of a slot assignment."""
    gs = [pb.gaps(x) for x in pb.busy_masks(slot_of)]
    placed = [m for m in range(pb.M) if slot_of[m] >= 0]
    return Quality(
        placed=len(placed),
        weighted=sum(pb.weight[m] for m in placed),
        total_gaps=sum(gs),
        max_gaps=max(gs, default=0),
        sum_sq_gaps=sum(g * g for g in gs),
    )


def upper_bound(pb: Problem) -> tuple[int, int]:
    """Combinatorial upper bounds (weighted, count) on placed meetings."""
    fixed = [m for m in range(pb.M) if pb.fixed_slot[m] >= 0]
    free = [m for m in pb.movable if pb.dom[m]]
    base_w = sum(pb.weight[m] for m in fixed)
    # per-slot bound: tables, available participants, meetings that may use the slot
    min_size = min((len(pb.parts[m]) for m in free), default=2)
    people = slot_counts([pb.pavail[p] & ~pb.fixed_busy[p] for p in range(pb.P)], pb.S)
    cands = slot_counts([pb.dom[m] for m in free], pb.S)
    per_slot = sum(min(pb.cap[s], people[s] // min_size, cands[s]) for s in range(pb.S))
    k = min(len(free), per_slot)
    top = sorted((pb.weight[m] for m in free), reverse=True)
    w_cap = base_w + sum(top[:k])
    # participant-degree bound: p cannot meet more often than the slots open to it
    lost = 0
    lost_n = 0
    kmax = max((len(pb.parts[m]) for m in free), default=2)
    for p in range(pb.P):
        mine = [m for m in pb.pmeet[p] if pb.fixed_slot[m] < 0 and pb.dom[m]]
        union = 0
        for m in mine:
            union |= pb.dom[m]
        excess = len(mine) - union.bit_count()
        if excess > 0:
            lost += sum(sorted(pb.weight[m] for m in mine)[:excess])
            lost_n += excess
    total_w = base_w + sum(top)
    w_deg = total_w - -(-lost // kmax)
    n_deg = len(fixed) + len(free) - -(-lost_n // kmax)
    return min(w_cap, w_deg), min(len(fixed) + k, n_deg)


def build_solution(pb: Problem, slot_of: list[int]) -> Solution:
    """Turn a slot assignment into a Solution, giving each meeting a free table in its slot."""
    used: list[set[int]] = [set() for _ in range(pb.S)]
    for m in range(pb.M):
        if pb.fixed_slot[m] >= 0:
            used[pb.fixed_slot[m]].add(pb.fixed_table[m])
    free_tables = [[t for t in pb.tables_in[s] if t not in used[s]] for s in range(pb.S)]
    pos = [0] * pb.S
    out: list[Assignment] = []
    unscheduled: list[str] = []
    for m in range(pb.M):
        s = slot_of[m]
        if s < 0:
            unscheduled.append(pb.mids[m])
            continue
        if pb.fixed_slot[m] >= 0:
            t = pb.fixed_table[m]
        else:
            if pos[s] >= len(free_tables[s]):
                raise RuntimeError(f"slot {pb.slot_ids[s]} over capacity")
            t = free_tables[s][pos[s]]
            pos[s] += 1
        out.append(Assignment(pb.mids[m], pb.slot_ids[s], pb.table_ids[t]))
    return Solution(assignments=out, unscheduled=unscheduled)
