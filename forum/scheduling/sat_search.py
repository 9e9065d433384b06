"""The exact breaks search of one portfolio worker: lower bounds, the model, then 'total
breaks <= k' for k = lower bound, +1, ... on one incremental totalizer (the model is sat.py's
BreaksModel; portfolio.py runs `search` in worker processes under the deadline).
"""

from __future__ import annotations

import time
from typing import Any

from .core import Problem
from .sat import BreaksModel, Worker, loaded_solver, participant_minimum
from .symmetry import ordered_chains

#: bounds the totalizer counts beyond the lower bound (it grows by as much when needed)
TOTALIZER_STEP = 8

#: CaDiCaL in stable mode only (the mode suited to satisfiable calls; its "sat" configuration)
STABLE = (("stabilizeonly", 1),)

#: the portfolio: worker i runs WORKERS[i % len(WORKERS)]. Nearly all the time goes into the
#: one satisfiable call at k = optimum, and it is heavy-tailed. CPU seconds to the proven
#: optimum, one process, forum-13crafb / ticf-13crafb (other variants measured: the report of
#: issue 16's third SAT session): default mode 9.0 / 16.9; stable mode only 11.9 / 6.1 with
#: seed 0, >25 / 8.5 seed 1, 5.4 / 10.0 seed 2. Slower: downward search from the fallback,
#: all phases false, target phases, one totalizer tree over per-participant counters,
#: meetings in reverse without stars, phases from the fallback, CaDiCaL 3.0.
WORKERS = (Worker(options=STABLE), Worker(options=(*STABLE, ("seed", 2))))


def search(
    pb: Problem,
    max_breaks: int | None,
    upper: int | None,
    send: Any,
    worker: int = 0,
    spread: int | None = None,
    hint: list[int] | None = None,
) -> None:
    """Lower bounds, the model, then 'total breaks <= k' for increasing k until satisfiable.

    Sends {"lower": k} for every k proven impossible, then {"solution": slot_of, "lower": k}
    for the first satisfiable k (optimal). Each worker (WORKERS) builds and solves differently.
    """
    from pysat.card import ITotalizer

    cfg = WORKERS[worker % len(WORKERS)]
    t0, c0 = time.monotonic(), time.process_time()
    ceiling = max_breaks if max_breaks is not None else pb.S
    if spread is not None and any(len(pb.pmeet[p]) < 2 for p in range(pb.P)):
        ceiling = min(ceiling, spread)
    lower = {p: participant_minimum(pb, p, ceiling) for p in range(pb.P)}
    k = sum(lower.values())
    send({"lower": k, "log": {"stage": "lower", "bound": k, "time": _since(t0)}})
    order = list(reversed(range(pb.M))) if cfg.reverse else list(range(pb.M))
    bm = BreaksModel(
        pb,
        order,
        list(range(pb.P)),
        max_breaks,
        lower,
        spread,
        stars=cfg.stars,
        chains=ordered_chains(pb),
    )
    if not bm.feasible:
        send({"log": {"stage": "build", "status": "some meeting has no slot"}})
        return
    solver = loaded_solver(bm.clauses, cfg)
    try:
        n = len(bm.all_breaks)
        top = n if upper is None else min(n, upper - 1)
        # the CNF must not depend on `upper` (the heuristic's answer, which depends on time):
        # a different totalizer is a different search, and its time is heavy-tailed
        step = max(TOTALIZER_STEP, n // 4) if upper is None else TOTALIZER_STEP
        tot = ITotalizer(bm.all_breaks, ubound=max(1, min(n, k + step)), top_id=bm.pool.top)
        solver.append_formula(tot.cnf.clauses)
        if cfg.hint and hint is not None:
            solver.set_phases([v if hint[m] == t else -v for (m, t), v in bm.x.items()])
        send(
            {
                "log": {
                    "stage": "build",
                    "vars": solver.nof_vars(),
                    "time": _since(t0),
                    "cpu": _cpu(c0),
                }
            }
        )
        if upper is None:  # no fair answer known: is there one at all?
            ans = solver.solve()
            send({"log": {"stage": "fair", "sat": ans, "time": _since(t0)}})
            if not ans:
                return
            first = _slots(pb, bm, solver.get_model())
            send({"solution": first})
            top = min(top, sum(pb.gaps(x) for x in pb.busy_masks(first)) - 1)
        while k <= top:
            if k >= tot.ubound and tot.ubound < n:
                tot.increase(ubound=min(n, tot.ubound + step), top_id=solver.nof_vars())
                solver.append_formula(tot.cnf.clauses[-tot.nof_new :])
            assume = [-tot.rhs[k]] if k < len(tot.rhs) else []
            ans = solver.solve(assumptions=assume)
            log = {"stage": "solve", "k": k, "sat": ans, "time": _since(t0), "cpu": _cpu(c0)}
            log["conflicts"] = solver.accum_stats().get("conflicts")  # the work, load aside
            msg: dict[str, Any] = {"log": log}
            if ans:
                msg["solution"], msg["lower"] = _slots(pb, bm, solver.get_model()), k
                send(msg)
                return
            msg["lower"] = k + 1
            send(msg)
            k += 1
        # nothing fair below `upper`: the caller's known answer is optimal
    finally:
        solver.delete()


def _slots(pb: Problem, bm: BreaksModel, model: list[int]) -> list[int]:
    """Slot of every meeting (fixed ones included) in a satisfying assignment."""
    slot_of = [pb.fixed_slot[m] for m in range(pb.M)]
    for m, t in bm.slots(model).items():
        slot_of[m] = t
    return slot_of


def _since(t0: float) -> float:
    """Seconds since t0, rounded."""
    return round(time.monotonic() - t0, 3)


def _cpu(c0: float) -> float:
    """CPU seconds of this process since c0, rounded (what the worker got of its core)."""
    return round(time.process_time() - c0, 3)
