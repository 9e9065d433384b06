"""The SAT breaks stage run as a portfolio of worker processes, stopped at the deadline.

The CaDiCaL binding cannot be interrupted, so each search (sat_search.search) runs in a child
process that reports its steps through a pipe; the parent keeps the best news and terminates
the children when one finishes or the deadline comes.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import multiprocessing.connection
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .core import Problem
from .sat_search import search


@dataclass
class SatResult:
    """Outcome of the SAT stage: slot per meeting (None when nothing was found in time)."""

    slot_of: list[int] | None
    breaks: int | None
    lower_bound: int
    proven: bool
    log: list[dict[str, Any]] = field(default_factory=list)


def solve_breaks(
    pb: Problem,
    deadline: float,
    max_breaks: int | None = 2,
    upper: int | None = None,
    progress: Any = None,
    workers: int = 1,
    started: Callable[[], None] | None = None,
    spread: int | None = None,
    hint: list[int] | None = None,
) -> SatResult:
    """Place every meeting with the fewest total breaks (each person <= max_breaks, breaks of
    any two people differing by at most spread) by deadline.

    upper: total breaks of a known fair answer (the search stops below it; None = unknown);
    hint: that answer's slots (phases for the workers that use them).
    The result is proven when a satisfiable k followed the unsatisfiable k-1 (or the bound),
    in one worker or across them (one proves k-1 impossible, another finds k).
    The search runs in child processes (the CaDiCaL binding cannot be interrupted), `workers`
    differently built models racing (a portfolio); each reports its steps through a pipe, the
    first to finish wins, and the others are terminated, at the latest at the deadline.
    started(), if given, is called once the workers are forked (threads started before a fork
    are not safe, e.g. annealing a fallback answer alongside: anneal.Alongside).
    """
    res = SatResult(None, None, 0, False, [])
    before = _children_cpu()
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    conns: dict[Any, int] = {}
    children = []
    for w in range(max(1, workers)):
        here, there = ctx.Pipe(duplex=False)
        args = (pb, max_breaks, upper, there, w, spread, hint)
        child = ctx.Process(target=_child, args=args, daemon=True)
        child.start()
        there.close()
        conns[here] = w
        children.append(child)
    try:
        if started is not None:
            started()
        while conns:
            if _gather(pb, conns, deadline, res, progress):
                break
    finally:
        for conn in conns:
            conn.close()
        for child in children:
            if child.is_alive():
                child.terminate()
        for child in children:
            child.join(0.5)
            if child.is_alive():
                child.kill()
                child.join(0.5)
        # CPU the workers got (reaped children only): on a loaded machine it shows here
        res.log.append({"stage": "workers", "cpu": round(_children_cpu() - before, 3)})
    return res


def _gather(
    pb: Problem, conns: dict[Any, int], deadline: float, res: SatResult, progress: Any
) -> bool:
    """Read the workers' messages once; True when the search is over (answer, proof or time)."""
    left = deadline - time.monotonic()
    ready = mp.connection.wait(list(conns), timeout=max(0.0, left)) if left > 0 else []
    if not ready:
        res.log.append({"stage": "deadline"})
        return True
    for conn in ready:
        w = conns[conn]
        try:
            msg = conn.recv()
        except EOFError:
            res.log.append({"stage": "worker ended", "worker": w})
            conns.pop(conn)
            conn.close()
            continue
        if "log" in msg:
            res.log.append({**msg["log"], "worker": w})
            if progress:
                progress("sat", {**msg["log"], "worker": w})
        if "lower" in msg:
            res.lower_bound = max(res.lower_bound, msg["lower"])
        if "solution" in msg:
            found = _breaks_of(pb, msg["solution"])
            if res.breaks is None or found < res.breaks:
                res.slot_of, res.breaks = msg["solution"], found
        if res.breaks is not None and res.lower_bound >= res.breaks:
            res.proven = True
            return True
        if msg.get("done"):
            if msg.get("ok"):
                return True
            conns.pop(conn)
            conn.close()
    return not conns


def _child(
    pb: Problem,
    max_breaks: int | None,
    upper: int | None,
    conn: Any,
    worker: int,
    spread: int | None,
    hint: list[int] | None,
) -> None:
    """Child process: run the search, send its steps, always end with a 'done' message."""
    ok = True
    try:
        search(pb, max_breaks, upper, conn.send, worker, spread, hint)
    except BrokenPipeError:
        return
    except Exception as exc:  # reported to the parent, which keeps its fallback
        ok = False
        conn.send({"log": {"stage": "error", "error": repr(exc)}})
    with contextlib.suppress(BrokenPipeError):
        conn.send({"done": True, "ok": ok})
    conn.close()


def _children_cpu() -> float:
    """CPU seconds of this process's finished children so far."""
    import resource

    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _breaks_of(pb: Problem, slot_of: list[int]) -> int:
    """Total breaks of an assignment."""
    return sum(pb.gaps(x) for x in pb.busy_masks(slot_of))
