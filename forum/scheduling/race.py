"""Gap stage of auto mode: annealing on this thread while CP-SAT searches on the other core."""

from __future__ import annotations

import math
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from .anneal import anneal
from .bounds import min_gaps
from .core import Problem, quality


@dataclass
class GapResult:
    """Best assignment of the gap stage, its proven lower bound and the CP-SAT log."""

    slot_of: list[int]
    status: str
    lower_bound: int
    log: list[dict[str, Any]] = field(default_factory=list)


def gap_lower_bound(pb: Problem, slot_of: list[int]) -> int:
    """Sum of the per-participant unavoidable gaps of the placed meetings."""
    total = 0
    for p in range(pb.P):
        mine = [m for m in pb.pmeet[p] if slot_of[m] >= 0]
        total += min_gaps(pb, p, mine)
    return total


class _CpThread:
    """CP-SAT minimising total gaps of the placed meetings, run in a background thread."""

    def __init__(
        self, pb: Problem, slot_of: list[int], limit: float, workers: int, seed: int
    ) -> None:
        from .exact import ExactModel

        placed = {m for m in pb.movable if slot_of[m] >= 0}
        self.em = ExactModel(pb, workers=workers, seed=seed, only=placed)
        self.em.model.minimize(self.em.add_breaks())
        self.em.start_from(slot_of)
        self.solver = self.em.new_solver(limit)
        self.code: Any = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        """Solve (CP-SAT releases the GIL, so the annealing keeps its core)."""
        self.code = self.solver.solve(self.em.model)

    def finish(self) -> tuple[str, list[int] | None, float]:
        """Stop the search; return (status, assignment or None, proven lower bound)."""
        self.solver.stop_search()
        self.thread.join()
        from .exact import status_name

        status = status_name(self.code, self.em.cp)
        if status not in ("optimal", "feasible"):
            return "unknown", None, 0.0
        return status, self.em.slots_found(self.solver), self.solver.best_objective_bound


def race_gaps(
    pb: Problem,
    slot_of: list[int],
    deadline: float,
    rng: random.Random,
    workers: int = 2,
    seed: int = 0,
    use_cp: bool = True,
) -> GapResult:
    """Lower the gaps of a schedule whose placement is final, until deadline or a proof.

    Annealing runs on this thread for the whole time; with use_cp, CP-SAT (one worker fewer)
    searches in parallel and may prove a bound. Stops early when the gaps reach the
    per-participant lower bound or CP-SAT proves its optimum.
    """
    lb = gap_lower_bound(pb, slot_of)
    res = GapResult(slot_of, "feasible", lb)
    if quality(pb, slot_of).total_gaps <= lb:
        res.status = "optimal"
        return res
    cp = None
    if use_cp:
        cp = _CpThread(pb, slot_of, deadline - time.monotonic(), max(1, workers - 1), seed)
    alive = cp.thread.is_alive if cp is not None else None
    best = anneal(pb, slot_of, deadline, rng, floor=lb, until=alive)
    key = _key(pb, best)
    if cp is not None:
        status, other, bound = cp.finish()
        res.log.append({"stage": "gaps", "status": status, "time": cp.solver.wall_time})
        if other is not None:
            lb = max(lb, math.ceil(bound - 1e-6))
            if _key(pb, other) < key:
                best, key = other, _key(pb, other)
            if status == "optimal":
                lb = max(lb, key[0])
    res.slot_of, res.lower_bound = best, lb
    res.status = "optimal" if key[0] <= lb else "feasible"
    return res


def _key(pb: Problem, slot_of: list[int]) -> tuple[int, int]:
    """(total gaps, sum of squared gaps) of an assignment."""
    q = quality(pb, slot_of)
    return q.total_gaps, q.sum_sq_gaps
