"""Large-neighbourhood search: free the meetings of a few participants who meet each other and
re-place them optimally (a small CP-SAT model) around the rest of the schedule.

Each round keeps every placed meeting placed (the placement is the heuristic's business;
optional meetings in these models made them too slow to prove) and is kept only when it does
not make the breaks (then their sum of squares) worse, so the search never loses what the
heuristic found. The group grows while its model is solved to optimality quickly and shrinks
when it is not.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any

from .core import Problem, Ticker
from .state import State, bits

#: placed meetings freed per round at the start, and the range the adaptive budget stays in
FREE_START, FREE_MIN, FREE_MAX = 16, 6, 80

#: a freed meeting may only go this many slots away from a fixed or current meeting slot
REACH = 2

#: seconds one neighbourhood may take at most
ROUND_LIMIT = 0.2


@dataclass
class LnsStats:
    """What the search did: rounds run, rounds improved, rounds proven, final budget, breaks."""

    rounds: int = 0
    improved: int = 0
    optimal: int = 0
    budget: int = FREE_START
    breaks_before: int = 0
    breaks_after: int = 0


def pick_group(st: State, rng: random.Random, budget: int) -> list[int]:
    """A connected group of participants: a seed with breaks, grown along shared meetings in
    random order while their placed meetings number under budget (none left: empty)."""
    pb = st.pb
    gapped = [p for p in range(pb.P) if st.g[p] > 0]
    if not gapped:
        return []
    seed = rng.choice(gapped)
    group = [seed]
    seen = {seed}
    load = _placed_of(st, seed)
    i = 0
    while i < len(group) and load < budget:
        p = group[i]
        i += 1
        partners = [q for m in pb.pmeet[p] for q in pb.parts[m] if q not in seen]
        rng.shuffle(partners)
        for q in partners:
            if q in seen:
                continue
            seen.add(q)
            n = _placed_of(st, q)
            if load + n > budget:
                continue
            group.append(q)
            load += n
    return group


def _placed_of(st: State, p: int) -> int:
    """Placed movable meetings of participant p."""
    pb = st.pb
    return sum(1 for m in pb.pmeet[p] if st.slot[m] >= 0 and pb.fixed_slot[m] < 0)


def freed_meetings(st: State, group: list[int]) -> list[int]:
    """Placed movable meetings of the group's participants."""
    pb = st.pb
    out = {m for p in group for m in pb.pmeet[p] if st.slot[m] >= 0 and pb.fixed_slot[m] < 0}
    return sorted(out)


class _Model:
    """CP-SAT model of one neighbourhood: where the freed meetings go, and the breaks of
    everyone they involve (the rest of each person's day is fixed)."""

    def __init__(self, st: State, freed: list[int]) -> None:
        from ortools.sat.python import cp_model  # lazily: ortools is optional

        self.cp = cp_model
        pb = st.pb
        md = self.md = cp_model.CpModel()
        old = {m: st.slot[m] for m in freed}
        base: dict[int, int] = {}
        capleft = [pb.cap[s] - st.load[s] for s in range(pb.S)]
        anchor = 0  # the slots where the group meets now
        for m in freed:
            s = old[m]
            capleft[s] += 1
            anchor |= 1 << s
            for p in pb.parts[m]:
                base[p] = base.get(p, st.busy[p]) & ~(1 << s)
        open_slots = sum(1 << s for s in range(pb.S) if capleft[s] > 0)
        # a meeting may only go near where its people meet others or the group meets now
        anchors = {p: _near(base[p] | anchor, REACH) for p in base}
        self.x: dict[tuple[int, int], Any] = {}
        by_slot: dict[int, list[Any]] = {}
        by_ps: dict[tuple[int, int], list[Any]] = {}
        for m in freed:
            d = pb.dom[m] & open_slots
            near = 0
            for p in pb.parts[m]:
                d &= ~base[p]
                near |= anchors[p]
            d = d & near | 1 << old[m]
            vs = []
            for s in bits(d):
                v = md.new_bool_var("")
                self.x[(m, s)] = v
                vs.append(v)
                by_slot.setdefault(s, []).append(v)
                for p in pb.parts[m]:
                    by_ps.setdefault((p, s), []).append(v)
            md.add_exactly_one(vs)
        for s, vs in by_slot.items():
            if len(vs) > capleft[s]:
                md.add(sum(vs) <= capleft[s])
        hinted = {v for (m, s), v in self.x.items() if old[m] == s}
        self.hint: dict[Any, int] = {v: 1 if v in hinted else 0 for v in self.x.values()}
        busy: dict[tuple[int, int], Any] = {}
        for (p, s), vs in by_ps.items():
            if len(vs) == 1:
                busy[(p, s)] = vs[0]
            else:
                y = md.new_bool_var("")
                md.add(sum(vs) == y)
                busy[(p, s)] = y
                self.hint[y] = max(self.hint[v] for v in vs)
        terms: list[tuple[Any, int]] = []
        for p, x in base.items():
            varmask = sum(1 << s for s in range(pb.S) if (p, s) in busy)
            for bm in pb.block_masks:
                if varmask & bm:
                    self._block(pb, p, x, bm, busy, terms)
        md.minimize(cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms]))
        for v, value in self.hint.items():
            md.add_hint(v, value)

    def _block(
        self,
        pb: Problem,
        p: int,
        base: int,
        bm: int,
        busy: dict[tuple[int, int], Any],
        terms: list[tuple[Any, int]],
    ) -> None:
        """Objective terms of p's breaks in one block: run starts minus one if the block is used.

        Constants are left out (they do not change the optimum)."""
        md = self.md
        prev: Any = 0
        used: list[Any] = []
        for s in bits(bm):
            cur: Any = 1 if base >> s & 1 else busy.get((p, s), 0)
            if not isinstance(cur, int):
                used.append(cur)
            if isinstance(prev, int):
                if prev == 0 and not isinstance(cur, int):
                    terms.append((cur, 1))
            elif isinstance(cur, int):
                if cur == 1:
                    terms.append((prev, -1))  # a start when prev is free: 1 - prev
            else:
                start = md.new_bool_var("")
                md.add_bool_or([start, cur.Not(), prev])
                terms.append((start, 1))
                self.hint[start] = self.hint[cur] & (1 - self.hint[prev])
            prev = cur
        if not base & bm:
            # the block counts one run less when p meets anyone in it
            any_busy = md.new_bool_var("")
            md.add_bool_or([any_busy.Not(), *used])
            terms.append((any_busy, -1))
            self.hint[any_busy] = max(self.hint[v] for v in used)

    def solve(self, limit: float, seed: int, workers: int) -> tuple[bool, dict[int, int] | None]:
        """(proved optimal, new slot per freed meeting or None when nothing was found)."""
        solver = self.cp.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.01, limit)
        # one worker with the full LP relaxation proves these small models in milliseconds,
        # where the default portfolio needs seconds (measured on the generated forums)
        solver.parameters.num_workers = workers
        solver.parameters.linearization_level = 2
        solver.parameters.random_seed = seed
        code = solver.solve(self.md)
        if code not in (self.cp.OPTIMAL, self.cp.FEASIBLE):
            return False, None
        out: dict[int, int] = {}
        for (m, s), v in self.x.items():
            if solver.boolean_value(v):
                out[m] = s
        return code == self.cp.OPTIMAL, out


def _near(x: int, reach: int) -> int:
    """Slots within `reach` of a slot of x."""
    out = x
    for k in range(1, reach + 1):
        out |= x << k | x >> k
    return out


def _apply(st: State, freed: list[int], new: dict[int, int]) -> None:
    """Move the freed meetings to their new slots."""
    for m in freed:
        st.remove(m)
    for m in freed:
        st.place(m, new[m])


def lns(
    pb: Problem,
    slot_of: list[int],
    deadline: float,
    rng: random.Random,
    tick: Ticker | None = None,
    seed: int = 0,
    workers: int = 1,
    max_rounds: int | None = None,
) -> tuple[list[int], LnsStats]:
    """Improve a schedule by re-placing small groups optimally until deadline (or max_rounds)."""
    st = State(pb)
    st.load_from(slot_of)
    weighted = st.weighted()
    placed = sum(1 for s in st.slot if s >= 0)
    stats = LnsStats(breaks_before=st.total)
    size = FREE_START
    while True:
        now = time.monotonic()
        if now >= deadline - 0.02 or stats.rounds == max_rounds:
            break
        group = pick_group(st, rng, size)
        if not group:
            break
        freed = freed_meetings(st, group)
        old = {m: st.slot[m] for m in freed}
        model = _Model(st, freed)
        left = deadline - time.monotonic()
        if left <= 0.01:
            break
        proven, new = model.solve(min(ROUND_LIMIT, left), seed + stats.rounds, workers)
        stats.rounds += 1
        took = time.monotonic() - now
        if proven and took < 0.25:
            size = min(FREE_MAX, size + 4)
        elif not proven:
            size = max(FREE_MIN, size * 2 // 3)
        stats.optimal += proven
        if new is None:
            continue
        key = (st.total, st.sumsq)
        _apply(st, freed, new)
        if (st.total, st.sumsq) < key:
            stats.improved += 1
        elif (st.total, st.sumsq) > key:  # a model answer cut short by its limit: undo
            _apply(st, freed, old)
        if tick is not None:
            tick("neighbourhood search", placed, weighted, st.total)
    stats.budget = size
    stats.breaks_after = st.total
    return list(st.slot), stats
