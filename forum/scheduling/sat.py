"""Exact breaks stage: every meeting placed, total breaks minimised and proven, on a SAT solver.

The model (python-sat, CaDiCaL 1.9.5) has no tables: x[m,t] for each meeting's feasible slots,
"at most capacity meetings per slot", busy[p,t] <-> OR of p's x[.,t], a monotone "has met
before" literal per participant and slot, and a break literal at the end of each hole. Implied
constraints: exactly |meetings of p| busy slots per participant, at most size*capacity busy
participants per slot. Fairness is hard: at most `max_breaks` breaks per participant. Each
participant's own minimum (its meetings alone, solved exactly by a small SAT search) is a hard
lower bound. The search asks "total breaks <= k" for k = lower bound, +1, ... under assumptions
on one incremental totalizer, so the first satisfiable k is optimal. Tables are assigned
afterwards (core.build_solution), which is exact because every table of a slot is alike.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from .core import Problem
from .state import bits


def have_pysat() -> bool:
    """True when python-sat can be imported."""
    try:
        import pysat.solvers  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class SatResult:
    """Outcome of the SAT stage: slot per meeting (None when nothing was found in time)."""

    slot_of: list[int] | None
    breaks: int | None
    lower_bound: int
    proven: bool
    log: list[dict[str, Any]] = field(default_factory=list)


#: seconds of search between two looks at the clock
CHUNK = 0.2


class _Timeout(Exception):
    """Raised when the deadline passes while the model is being built."""


class BreaksModel:
    """CNF of 'place every meeting in `meetings`' with break literals for `counted` people."""

    def __init__(
        self,
        pb: Problem,
        meetings: list[int],
        counted: list[int],
        max_breaks: int | None = None,
        lower: dict[int, int] | None = None,
        implied: bool = True,
        deadline: float | None = None,
    ) -> None:
        from pysat.card import CardEnc, EncType
        from pysat.formula import IDPool

        self.pb, self.deadline = pb, deadline
        self.pool = IDPool()
        self.clauses: list[list[int]] = []
        self.CardEnc, self.EncType = CardEnc, EncType
        self.true = self.pool.id("true")
        self.clauses.append([self.true])
        self.feasible = all(pb.dom[m] for m in meetings)
        self.x: dict[tuple[int, int], int] = {}
        at_slot: dict[int, list[int]] = {}
        for m in meetings:
            if pb.fixed_slot[m] >= 0:
                continue
            lits = []
            for t in bits(pb.dom[m]):
                v = self.pool.id(("x", m, t))
                self.x[m, t] = v
                lits.append(v)
                at_slot.setdefault(t, []).append(v)
            self._exactly_one(lits)
        self._tick()
        mine = {m for m in meetings if pb.fixed_slot[m] < 0}
        people = sorted({p for m in mine for p in pb.parts[m]} | set(counted))
        self.busy: dict[int, list[int]] = {}
        for p in people:
            row = []
            for t in range(pb.S):
                if pb.fixed_busy[p] >> t & 1:
                    row.append(self.true)
                    continue
                xs = [self.x[m, t] for m in pb.pmeet[p] if (m, t) in self.x]
                if not xs:
                    row.append(-self.true)
                    continue
                b = self.pool.id(("busy", p, t))
                self.clauses.append([-b, *xs])
                for v in xs:
                    self.clauses.append([-v, b])
                if len(xs) > 1:
                    self._atmost(xs, 1)
                row.append(b)
            self.busy[p] = row
            if implied:
                need = sum(1 for m in pb.pmeet[p] if m in mine) + pb.fixed_busy[p].bit_count()
                self._equals([b for b in row if b != -self.true], need)
        self._tick()
        for t, xs in at_slot.items():
            if len(xs) > pb.cap[t]:
                self._atmost(xs, pb.cap[t])
            if implied:
                size = max(len(pb.parts[m]) for m in mine)
                bs = [self.busy[p][t] for p in people if abs(self.busy[p][t]) != self.true]
                if len(bs) > size * pb.cap[t]:
                    self._atmost(bs, size * pb.cap[t])
        self._tick()
        self.brk: dict[int, list[int]] = {p: self._breaks(p) for p in counted}
        for p, lits in self.brk.items():
            if max_breaks is not None and len(lits) > max_breaks:
                self._atmost(lits, max_breaks)
            low = (lower or {}).get(p, 0)
            if low > 0:
                self.clauses.extend(
                    self.CardEnc.atleast(lits, low, vpool=self.pool, encoding=self._enc(lits))
                )
        self.all_breaks = [v for p in counted for v in self.brk[p]]

    def _tick(self) -> None:
        """Stop building once the deadline has passed."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _Timeout

    def _enc(self, lits: list[int]) -> int:
        """Pairwise for short lists, a sequential counter otherwise."""
        return self.EncType.pairwise if len(lits) <= 6 else self.EncType.seqcounter

    def _atmost(self, lits: list[int], k: int) -> None:
        """sum(lits) <= k."""
        enc = self._enc(lits) if k == 1 else self.EncType.seqcounter
        self.clauses.extend(self.CardEnc.atmost(lits, k, vpool=self.pool, encoding=enc).clauses)

    def _equals(self, lits: list[int], k: int) -> None:
        """sum(lits) == k."""
        if k > len(lits):
            self.clauses.append([])  # infeasible: more meetings than open slots
            return
        enc = self.EncType.seqcounter
        self.clauses.extend(self.CardEnc.equals(lits, k, vpool=self.pool, encoding=enc).clauses)

    def _exactly_one(self, lits: list[int]) -> None:
        """Exactly one of lits."""
        self.clauses.append(list(lits))
        if len(lits) > 1:
            self._atmost(lits, 1)

    def _breaks(self, p: int) -> list[int]:
        """Break literals of participant p: brk[t] <-> busy[t] and not busy[t-1] and met before."""
        pb, row, out = self.pb, self.busy[p], []
        yes, no = self.true, -self.true
        before: int | None = None  # "p was busy earlier in this block" (None at a block start)
        for t in range(pb.S):
            if not (pb.prev_same >> t & 1):
                before = None
            b = row[t]
            if before is not None and b != no and row[t - 1] != yes:
                v = self.pool.id(("brk", p, t))
                prev = row[t - 1]
                self.clauses += [[-v, b], [-v, -prev], [-v, before], [-b, prev, -before, v]]
                out.append(v)
            if b == no:
                continue
            if before is None or b == yes or before == yes:
                before = yes if yes in (b, before) else b
            else:
                met = self.pool.id(("met", p, t))
                self.clauses += [[-before, met], [-b, met], [-met, before, b]]
                before = met
        return out

    def slots(self, model: list[int]) -> dict[int, int]:
        """Slot of each modelled movable meeting in a satisfying assignment."""
        pos = {v for v in model if v > 0}
        return {m: t for (m, t), v in self.x.items() if v in pos}


def _solver(clauses: list[list[int]]) -> Any:
    """A CaDiCaL 1.9.5 solver loaded with the clauses."""
    from pysat.solvers import Cadical195

    s = Cadical195()
    s.append_formula(clauses)
    return s


def _run(solver: Any, assumptions: list[int], deadline: float) -> bool | None:
    """Solve under assumptions by the deadline (None = no answer in time).

    The CaDiCaL binding cannot be interrupted, so the search runs in conflict-budget chunks of
    about CHUNK seconds (learnt clauses are kept between chunks) and stops at the deadline.
    """
    budget = 1000
    while True:
        start = time.monotonic()
        left = deadline - start
        if left <= 0:
            return None
        solver.conf_budget(budget)
        res = solver.solve_limited(assumptions=assumptions)
        if res is not None:
            return res
        took = max(time.monotonic() - start, 1e-4)
        left = deadline - time.monotonic()
        target = min(CHUNK, left)
        budget = max(100, min(budget * 4, int(budget * target / took)))


def participant_minimum(pb: Problem, p: int, deadline: float, ceiling: int) -> int:
    """Fewest breaks p can have with all of p's meetings placed (others ignored); 0 if unknown."""
    from pysat.card import ITotalizer

    mine = [m for m in pb.pmeet[p] if pb.fixed_slot[m] < 0]
    if len(mine) + pb.fixed_busy[p].bit_count() < 2:
        return 0
    bm = BreaksModel(pb, mine, [p], implied=False, deadline=deadline)
    lits = bm.brk[p]
    if not lits:
        return 0
    solver = _solver(bm.clauses)
    try:
        tot = ITotalizer(lits, ubound=min(ceiling, len(lits)), top_id=bm.pool.top)
        solver.append_formula(tot.cnf.clauses)
        for k in range(min(ceiling, len(lits))):
            res = _run(solver, [-tot.rhs[k]], deadline)
            if res is None or res:
                return k
        return min(ceiling, len(lits))
    finally:
        solver.delete()


def solve_breaks(
    pb: Problem,
    deadline: float,
    max_breaks: int | None = 2,
    upper: int | None = None,
    progress: Any = None,
) -> SatResult:
    """Place every meeting with the fewest total breaks (each person <= max_breaks) by deadline.

    upper: total breaks of a known fair answer (the search stops below it; None = unknown).
    The result is proven when a satisfiable k followed the unsatisfiable k-1 (or the bound).
    """
    from pysat.card import ITotalizer

    log: list[dict[str, Any]] = []
    res = SatResult(None, None, 0, False, log)
    t0 = time.monotonic()
    try:
        ceiling = max_breaks if max_breaks is not None else pb.S
        lower = {}
        for p in range(pb.P):
            lower[p] = participant_minimum(pb, p, deadline, ceiling)
        res.lower_bound = sum(lower.values())
        log.append({"stage": "lower", "bound": res.lower_bound, "time": _since(t0)})
        if progress:
            progress("sat-lower", {"lower_bound": res.lower_bound})
        bm = BreaksModel(
            pb, list(range(pb.M)), list(range(pb.P)), max_breaks, lower, deadline=deadline
        )
    except _Timeout:
        log.append({"stage": "build", "status": "timeout", "time": _since(t0)})
        return res
    if not bm.feasible:
        log.append({"stage": "build", "status": "some meeting has no slot"})
        return res
    solver = _solver(bm.clauses)
    try:
        n = len(bm.all_breaks)
        top = n if upper is None else min(n, upper - 1)
        tot = ITotalizer(bm.all_breaks, ubound=max(top, 1), top_id=bm.pool.top)
        solver.append_formula(tot.cnf.clauses)
        log.append({"stage": "build", "vars": solver.nof_vars(), "time": _since(t0)})
        k = res.lower_bound
        while k <= top:
            assume = [-tot.rhs[k]] if k < len(tot.rhs) else []
            ans = _run(solver, assume, deadline)
            log.append({"stage": "solve", "k": k, "sat": ans, "time": _since(t0)})
            if progress:
                progress("sat", {"k": k, "sat": ans})
            if ans is None:
                return res
            if ans:
                placed = bm.slots(solver.get_model())
                slot_of = [pb.fixed_slot[m] for m in range(pb.M)]
                for m, t in placed.items():
                    slot_of[m] = t
                res.slot_of, res.breaks = slot_of, _breaks_of(pb, slot_of)
                res.proven = True
                res.lower_bound = k
                return res
            res.lower_bound = k + 1
            k += 1
        return res  # nothing fair below `upper`: the known answer is optimal
    finally:
        solver.delete()


def _breaks_of(pb: Problem, slot_of: list[int]) -> int:
    """Total breaks of an assignment."""
    return sum(pb.gaps(x) for x in pb.busy_masks(slot_of))


def _since(t0: float) -> float:
    """Seconds since t0, rounded."""
    return round(time.monotonic() - t0, 3)
