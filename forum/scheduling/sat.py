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
sat_search.py searches k on it; portfolio.py runs that search in worker processes under the
deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .bounds import min_gaps
from .core import Problem
from .state import bits


def have_pysat() -> bool:
    """True when python-sat can be imported."""
    try:
        import pysat.solvers  # noqa: F401
    except ImportError:
        return False
    return True


#: conflicts each per-participant lower-bound step may take before it counts as unknown
LOWER_CONFLICTS = 2000


class BreaksModel:
    """CNF of 'place every meeting in `meetings`' with break literals for `counted` people."""

    def __init__(
        self,
        pb: Problem,
        meetings: list[int],
        counted: list[int],
        max_breaks: int | None = None,
        lower: dict[int, int] | None = None,
        spread: int | None = None,
        implied: bool = True,
        stars: bool = True,
        chains: list[list[int]] | None = None,
    ) -> None:
        from pysat.card import CardEnc, EncType
        from pysat.formula import IDPool

        self.pb = pb
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
        groups = _clusters(pb, mine)
        for t, xs in at_slot.items():
            if len(xs) > pb.cap[t]:
                self._atmost(self._cluster_lits(groups, t) if stars else xs, pb.cap[t])
            if implied:
                size = max(len(pb.parts[m]) for m in mine)
                bs = [self.busy[p][t] for p in people if abs(self.busy[p][t]) != self.true]
                if len(bs) > size * pb.cap[t]:
                    self._atmost(bs, size * pb.cap[t])
        for chain in chains or []:
            for a, b in zip(chain, chain[1:], strict=False):
                self._before(a, b)
        self.brk: dict[int, list[int]] = {p: self._breaks(p) for p in counted}
        max_breaks = fair_cap(max_breaks, spread, self.brk.values())
        if spread is not None and (max_breaks is None or max_breaks > spread):
            self._spread(spread)
        for p, lits in self.brk.items():
            if max_breaks is not None and len(lits) > max_breaks:
                self._atmost(lits, max_breaks)
            low = (lower or {}).get(p, 0)
            if low > len(lits):
                self.clauses.append([])  # more breaks needed than can happen: infeasible
            elif low > 0:
                enc = self._enc(lits) if low == 1 else self.EncType.seqcounter
                least = self.CardEnc.atleast(lits, low, vpool=self.pool, encoding=enc)
                self.clauses += least.clauses
        self.all_breaks = [v for p in counted for v in self.brk[p]]

    def _spread(self, spread: int) -> None:
        """Breaks of any two participants differ by at most `spread`.

        l[j] stands for "everybody has at least j breaks": anyone having spread + j breaks
        forces it, and it forces at least j on everybody.
        """
        enc = self.EncType.seqcounter
        top = min((len(v) for v in self.brk.values()), default=0)
        prev = None
        for j in range(1, top + 1):
            lj = self.pool.id(("low", j))
            if prev is not None:
                self.clauses.append([-lj, prev])
            prev = lj
            for lits in self.brk.values():
                least = self.CardEnc.atleast(lits, j, vpool=self.pool, encoding=enc)
                self.clauses += [[*c, -lj] for c in least.clauses]
                if len(lits) >= spread + j:
                    most = self.CardEnc.atmost(lits, spread + j - 1, vpool=self.pool, encoding=enc)
                    self.clauses += [[*c, lj] for c in most.clauses]
        for lits in self.brk.values():
            if len(lits) > spread + top:
                self._atmost(lits, spread + top)

    def _before(self, a: int, b: int) -> None:
        """Meeting a is in an earlier slot than meeting b (symmetry breaking)."""
        earlier: list[int] = []
        for t in range(self.pb.S):
            if (b, t) in self.x:
                self.clauses.append([-self.x[b, t], *earlier])
            if (a, t) in self.x:
                earlier.append(self.x[a, t])

    def _cluster_lits(self, groups: list[tuple[int, list[int], bool]], t: int) -> list[int]:
        """One literal per cluster (meetings sharing a participant): 'a meeting of it is in t'."""
        out = []
        for p, ms, whole in groups:
            xs = [self.x[m, t] for m in ms if (m, t) in self.x]
            if not xs:
                continue
            if whole or len(xs) == 1:
                out.append(self.busy[p][t] if whole else xs[0])
                continue
            y = self.pool.id(("cl", p, t))
            self.clauses.append([-y, *xs])
            self.clauses += [[-v, y] for v in xs]
            out.append(y)
        return out

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


def fair_cap(max_breaks: int | None, spread: int | None, brk: Any) -> int | None:
    """Breaks per participant at most: max_breaks, and spread when somebody surely has none."""
    if spread is not None and any(not lits for lits in brk):
        return spread if max_breaks is None else min(max_breaks, spread)
    return max_breaks


def _clusters(pb: Problem, mine: set[int]) -> list[tuple[int, list[int], bool]]:
    """Cover the meetings by stars (participant, its uncovered meetings, all of them or not).

    Meetings of one participant never share a slot, so each star adds at most one meeting to
    a slot: capacity counted over stars needs far fewer literals than over meetings.
    """
    left = set(mine)
    out = []
    while left:
        p = max(range(pb.P), key=lambda q: sum(1 for m in pb.pmeet[q] if m in left))
        ms = [m for m in pb.pmeet[p] if m in left]
        whole = len(ms) == sum(1 for m in pb.pmeet[p] if m in mine)
        out.append((p, ms, whole))
        left.difference_update(ms)
    return out


def loaded_solver(clauses: list[list[int]], cfg: Worker | None = None) -> Any:
    """A SAT solver (CaDiCaL 1.9.5 unless the worker says otherwise) loaded with the clauses."""
    import pysat.solvers

    cfg = cfg or Worker()
    s = getattr(pysat.solvers, cfg.solver)()
    if cfg.options:
        s.configure(dict(cfg.options))
    s.append_formula(clauses)
    return s


def participant_minimum(pb: Problem, p: int, ceiling: int) -> int:
    """Fewest breaks p can have with all of p's meetings placed (others ignored), at most ceiling.

    A lower bound: each step k is proven impossible or stops the search (also when the
    conflict budget runs out).
    """
    from pysat.card import ITotalizer

    mine = [m for m in pb.pmeet[p] if pb.fixed_slot[m] < 0]
    if len(mine) + pb.fixed_busy[p].bit_count() < 2:
        return 0
    bm = BreaksModel(pb, mine, [p], implied=False)
    lits = bm.brk[p]
    if not lits:
        return 0
    solver = loaded_solver(bm.clauses)
    try:
        tot = ITotalizer(lits, ubound=min(ceiling, len(lits)), top_id=bm.pool.top)
        solver.append_formula(tot.cnf.clauses)
        for k in range(min_gaps(pb, p), min(ceiling, len(lits))):
            solver.conf_budget(LOWER_CONFLICTS)
            if solver.solve_limited(assumptions=[-tot.rhs[k]]) is not False:
                return k  # satisfiable, or not proven otherwise within the budget
        return min(ceiling, len(lits))
    finally:
        solver.delete()


@dataclass(frozen=True)
class Worker:
    """How one portfolio worker builds and solves the model (differences give diversity)."""

    solver: str = "Cadical195"
    stars: bool = True  # capacity counted over participant stars (else over meetings)
    reverse: bool = False  # meetings numbered in reverse
    hint: bool = False  # phases from the fallback answer
    options: tuple[tuple[str, int], ...] = ()
