"""CP-SAT model solved lexicographically: placed priority, then total gaps, then max gaps."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .bounds import min_gaps
from .core import Problem
from .state import bits

Progress = Callable[[str, dict[str, float]], None]


@dataclass
class ExactResult:
    """Best assignment found by CP-SAT with the proven bounds of each stage."""

    slot_of: list[int]
    weighted: int
    weighted_bound: float
    place_status: str
    gaps: int | None = None
    gaps_bound: float | None = None
    gaps_status: str | None = None
    max_gaps: int | None = None
    max_gaps_status: str | None = None
    log: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class StageOutcome:
    """One CP-SAT search of the model: how it ended, its objective and proven bound, its
    wall time, and the slot of each meeting it found (None when it found no solution)."""

    status: str
    value: float | None
    bound: float | None
    seconds: float
    slot_of: list[int] | None

    @property
    def found(self) -> bool:
        """True when the search returned a solution (proven optimal or not)."""
        return self.slot_of is not None


def status_name(code: Any, cp: Any) -> str:
    """A CP-SAT status as optimal / feasible / infeasible / unknown."""
    if code == cp.OPTIMAL:
        return "optimal"
    if code == cp.FEASIBLE:
        return "feasible"
    if code == cp.INFEASIBLE:
        return "infeasible"
    return "unknown"


class ExactModel:
    """The CP-SAT model: x[m,s] booleans with per-slot table capacity and participant clashes."""

    def __init__(
        self, pb: Problem, workers: int = 2, seed: int = 0, only: set[int] | None = None
    ) -> None:
        from ortools.sat.python import cp_model  # imported lazily: ortools is optional

        self.cp = cp_model
        self.pb = pb
        self.model = cp_model.CpModel()
        self.workers = workers
        self.seed = seed
        md = self.model
        self.x: dict[tuple[int, int], Any] = {}
        by_slot: list[list[Any]] = [[] for _ in range(pb.S)]
        by_ps: dict[tuple[int, int], list[Any]] = {}
        self.placed: dict[int, Any] = {}
        for m in pb.movable:
            if only is not None and m not in only:
                continue
            vs = []
            for s in bits(pb.dom[m]):
                v = md.new_bool_var(f"x{m}_{s}")
                self.x[(m, s)] = v
                vs.append(v)
                by_slot[s].append(v)
                for p in pb.parts[m]:
                    by_ps.setdefault((p, s), []).append(v)
            if vs and only is not None:
                md.add_exactly_one(vs)
            elif vs:
                md.add_at_most_one(vs)
                self.placed[m] = sum(vs)
        for s in range(pb.S):
            if len(by_slot[s]) > pb.cap[s]:
                md.add(sum(by_slot[s]) <= pb.cap[s])
        self.y: dict[tuple[int, int], Any] = {}
        for (p, s), vs in by_ps.items():
            y = md.new_bool_var(f"y{p}_{s}")
            md.add(y == sum(vs))
            self.y[(p, s)] = y
        self.fixed_w = sum(pb.weight[m] for m in range(pb.M) if pb.fixed_slot[m] >= 0)
        self.wexpr = sum(pb.weight[m] * e for m, e in self.placed.items())
        self.only = only
        self.gap_vars: dict[int, list[Any]] = {}
        self.aux: list[tuple[Any, str, int, int, int]] = []
        self.total_gaps: Any = None

    # --- the steps of a search, shared by solve_exact, race.py and replan.py ---------------

    def new_solver(self, limit: float) -> Any:
        """A CP-SAT solver set for this model: `limit` seconds, the model's workers and seed."""
        solver = self.cp.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, limit)
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = self.seed
        return solver

    def run_stage(self, stage: str, limit: float, progress: Progress | None) -> StageOutcome:
        """Search the model's current objective for `limit` seconds, from the current hint;
        `progress` hears each better solution under the stage's name."""
        solver = self.new_solver(limit)
        cb = None
        if progress is not None:
            cp = self.cp

            class _Cb(cp.CpSolverSolutionCallback):  # type: ignore[misc,name-defined]
                def on_solution_callback(self) -> None:
                    progress(stage, {"objective": self.ObjectiveValue(), "time": self.WallTime()})

            cb = _Cb()
        code = solver.solve(self.model, cb)
        status = status_name(code, self.cp)
        if status not in ("optimal", "feasible"):
            return StageOutcome(status, None, None, solver.wall_time, None)
        return StageOutcome(
            status,
            solver.objective_value,
            solver.best_objective_bound,
            solver.wall_time,
            self.slots_found(solver),
        )

    def start_from(self, slot_of: list[int] | None) -> None:
        """Make this assignment (a slot per meeting, -1: unplaced) the starting point of the
        next search: every variable, breaks included, is hinted at its value there."""
        self.model.clear_hints()
        if slot_of is None:
            return
        md, pb = self.model, self.pb
        for (m, s), v in self.x.items():
            md.add_hint(v, 1 if slot_of[m] == s else 0)
        busy = pb.busy_masks(slot_of)
        for (p, s), v in self.y.items():
            md.add_hint(v, busy[p] >> s & 1)
        for v, kind, p, a, b in self.aux:
            x = busy[p]
            if kind == "start":
                md.add_hint(v, x >> a & 1 and not x >> (a - 1) & 1)
            elif kind == "gaps":
                md.add_hint(v, pb.gaps(x & a))
            elif kind == "first":
                inside = x >> a & ((1 << (b - a + 1)) - 1)
                md.add_hint(v, a + (inside & -inside).bit_length() - 1 if inside else b + 1)
            elif kind == "last":
                inside = x >> a & ((1 << (b - a + 1)) - 1)
                md.add_hint(v, a + inside.bit_length() - 1 if inside else a)
            elif kind == "max":
                md.add_hint(v, max(pb.gaps(y) for y in busy))

    def slots_found(self, solver: Any) -> list[int]:
        """The slot of each meeting (-1: unplaced) in the solution a solver found."""
        out = list(self.pb.fixed_slot)
        for (m, s), v in self.x.items():
            if solver.boolean_value(v):
                out[m] = s
        return out

    def _busy(self, p: int, s: int) -> Any:
        """Busy indicator of participant p in slot s: 0, 1 or a boolean variable."""
        if self.pb.fixed_busy[p] >> s & 1:
            return 1
        return self.y.get((p, s), 0)

    def add_breaks(self) -> Any:
        """Count each participant's breaks (holes between meetings of one block) in the model:
        exact run-start indicators, span redundancy and per participant-block break counts.
        Returns the total breaks, an expression to minimise or to bound (also `total_gaps`)."""
        pb, md = self.pb, self.model
        total = []
        for p in range(pb.P):
            if len(pb.pmeet[p]) < 2:
                continue
            lb = 0
            if self.only is not None:
                mine = [m for m in pb.pmeet[p] if pb.fixed_slot[m] >= 0 or m in self.only]
                md.add(sum(self._busy(p, s) for s in range(pb.S)) == len(mine))
                lb = min_gaps(pb, p, mine)
            per_p = []
            for bm in pb.block_masks:
                ys = [(s, self._busy(p, s)) for s in bits(bm)]
                ys = [(s, y) for s, y in ys if not (isinstance(y, int) and y == 0)]
                if len(ys) < 2:
                    continue
                starts: list[Any] = []
                for i, (s, cur) in enumerate(ys):
                    prev = ys[i - 1][1] if i and ys[i - 1][0] == s - 1 else 0
                    if isinstance(prev, int) and prev == 0:
                        starts.append(cur)
                    elif isinstance(cur, int):
                        if not isinstance(prev, int):
                            starts.append(prev.Not())
                    elif not isinstance(prev, int):
                        st = md.new_bool_var(f"st{p}_{s}")
                        self.aux.append((st, "start", p, s, 0))
                        md.add_bool_and([cur, prev.Not()]).only_enforce_if(st)
                        md.add_bool_or([st, cur.Not(), prev])
                        starts.append(st)
                g = md.new_int_var(0, len(starts), f"g{p}_{len(per_p)}")
                self.aux.append((g, "gaps", p, bm, 0))
                md.add(g >= sum(starts) - 1)
                # span redundancy: a participant-block without gaps occupies an exact interval
                lo, hi = ys[0][0], ys[-1][0]
                first = md.new_int_var(lo, hi + 1, f"f{p}_{lo}")
                last = md.new_int_var(lo, hi, f"l{p}_{lo}")
                self.aux.append((first, "first", p, lo, hi))
                self.aux.append((last, "last", p, lo, hi))
                for s, y in ys:
                    if isinstance(y, int):
                        md.add(first <= s)
                        md.add(last >= s)
                    else:
                        md.add(first <= s).only_enforce_if(y)
                        md.add(last >= s).only_enforce_if(y)
                md.add(last - first + 1 - sum(y for _, y in ys) <= (hi - lo + 1) * g)
                per_p.append(g)
            if per_p:
                if lb > 0:
                    md.add(sum(per_p) >= lb)
                self.gap_vars[p] = per_p
                total.extend(per_p)
        self.total_gaps = sum(total)
        return self.total_gaps

    def maximize_placement(
        self, limit: float, hint: list[int] | None, progress: Progress | None, res: ExactResult
    ) -> None:
        """Stage 1: maximise the priority-weighted number of placed meetings."""
        self.model.maximize(self.wexpr)
        self.start_from(hint)
        run = self.run_stage("placement", limit, progress)
        res.log.append({"stage": "placement", "status": run.status, "time": run.seconds})
        if not run.found:
            return
        res.weighted_bound = run.bound + self.fixed_w
        res.place_status = run.status
        w = int(round(run.value)) + self.fixed_w
        if w > res.weighted:
            res.slot_of = run.slot_of
            res.weighted = w

    def minimize_gaps(
        self, end: float, hint: list[int], progress: Progress | None, res: ExactResult
    ) -> None:
        """Stages 2 and 3 on a model whose meetings must all be placed: total, then max gaps."""
        pb, md = self.pb, self.model
        md.minimize(self.add_breaks())
        self.start_from(hint)
        run = self.run_stage("gaps", (end - time.monotonic()) * 0.85, progress)
        res.log.append({"stage": "gaps", "status": run.status, "time": run.seconds})
        if not run.found:
            return
        res.slot_of = run.slot_of
        res.gaps = int(round(run.value))
        res.gaps_bound = run.bound
        res.gaps_status = run.status
        left = end - time.monotonic()
        if left < 0.1 or not self.gap_vars:
            return
        md.add(self.total_gaps <= res.gaps)
        worst = md.new_int_var(0, pb.S, "max_gaps")
        self.aux.append((worst, "max", 0, 0, 0))
        for gs in self.gap_vars.values():
            md.add(worst >= sum(gs))
        md.minimize(worst)
        self.start_from(res.slot_of)
        run = self.run_stage("fairness", left, progress)
        res.log.append({"stage": "fairness", "status": run.status, "time": run.seconds})
        if run.found:
            res.slot_of = run.slot_of
            res.max_gaps = int(round(run.value))
            res.max_gaps_status = run.status


def solve_exact(
    pb: Problem,
    time_limit: float = 10.0,
    hint: list[int] | None = None,
    progress: Progress | None = None,
    weight_bound: int | None = None,
    workers: int = 2,
    seed: int = 0,
    polish: Callable[[list[int]], list[int]] | None = None,
) -> ExactResult:
    """Lexicographic CP-SAT: placement, then gaps and fairness over the placed meetings."""
    end = time.monotonic() + time_limit
    start = list(hint) if hint is not None else list(pb.fixed_slot)
    w0 = sum(pb.weight[m] for m in range(pb.M) if start[m] >= 0)
    res = ExactResult(start, w0, float(weight_bound if weight_bound is not None else 0), "unknown")
    build_time = 2e-5 * sum(pb.dom[m].bit_count() for m in pb.movable)  # measured when built
    if weight_bound is not None and w0 >= weight_bound:
        res.place_status = "optimal"
    else:
        built = time.monotonic()
        stage1 = ExactModel(pb, workers=workers, seed=seed)
        build_time = time.monotonic() - built
        stage1.maximize_placement(0.4 * time_limit, hint, progress, res)
        if weight_bound is not None:
            res.weighted_bound = min(res.weighted_bound or weight_bound, weight_bound)
        if res.slot_of is not start and polish is not None:
            res.slot_of = polish(res.slot_of)
    chosen = {m for m in pb.movable if res.slot_of[m] >= 0}
    # the gaps model costs about twice the placement model to build: never start it too late
    if time.monotonic() < end - max(0.1, 2.0 * build_time):
        stage2 = ExactModel(pb, workers=workers, seed=seed, only=chosen)
        stage2.minimize_gaps(end, res.slot_of, progress, res)
    return res
