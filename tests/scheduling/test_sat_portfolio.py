"""The SAT portfolio's workers and the fallback annealed alongside them for a share."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("pysat")

from test_sat import TINY, brute_force  # noqa: E402  (same folder, no package)

from forum.scheduling import anneal as anneal_module  # noqa: E402
from forum.scheduling.anneal import Alongside  # noqa: E402
from forum.scheduling.core import Problem, quality  # noqa: E402
from forum.scheduling.heuristic import heuristic  # noqa: E402
from forum.scheduling.portfolio import solve_breaks  # noqa: E402
from forum.scheduling.sat_search import WORKERS, search  # noqa: E402


@pytest.mark.parametrize("worker", range(len(WORKERS)))
def test_each_worker_alone_proves_the_brute_force_optimum(make, worker):
    pb = Problem(make(**TINY))
    sent: list[dict] = []
    search(pb, 2, None, sent.append, worker, 2)
    found = [m for m in sent if "solution" in m]
    assert len(found) == 2  # the first fair answer, then the optimal one
    assert found[-1]["lower"] == brute_force(pb, 2) == 4
    assert sum(pb.gaps(x) for x in pb.busy_masks(found[-1]["solution"])) == 4
    calls = [
        (m["log"]["k"], m["log"]["sat"]) for m in sent if m.get("log", {}).get("stage") == "solve"
    ]
    assert calls[-1] == (4, True) and all(not sat for _, sat in calls[:-1])
    assert [k for k, _ in calls] == list(range(calls[0][0], 5))


@pytest.mark.parametrize("loaded", [False, True])
def test_annealing_alongside_ends_after_its_share_unless_the_machine_is_loaded(
    make, monkeypatch, loaded
):
    # loaded: the thread got less than LOADED_SHARE of a core, the fallback needs the time
    monkeypatch.setattr(anneal_module, "LOADED_SHARE", 1.01 if loaded else 0.0)
    pb = Problem(make(**TINY))
    start = heuristic(pb, 0.2, seed=0)
    now = time.monotonic()
    annealer = Alongside(pb, start, now + 0.1, now + 5.0, seed=0)
    annealer.start()
    time.sleep(0.5)  # past the share
    assert annealer.cpu_share is not None and annealer._thread.is_alive() == loaded
    t0 = time.monotonic()
    best = annealer.stop()
    assert time.monotonic() - t0 < 0.5  # stops at once, long before its deadline
    assert not annealer._thread.is_alive()
    assert all(s >= 0 for s in best)  # every meeting still placed
    assert quality(pb, best).total_gaps <= quality(pb, start).total_gaps


def test_annealing_alongside_that_never_started_returns_its_start(make):
    pb = Problem(make(**TINY))
    start = heuristic(pb, 0.2, seed=0)
    now = time.monotonic()
    assert Alongside(pb, start, now, now + 1, seed=0).stop() == start


def test_the_search_does_not_depend_on_the_fallbacks_breaks(make):
    # the fallback's breaks come from a timed heuristic: the CNF and the search must not
    pb = Problem(make(**TINY))
    runs = []
    for upper in (6, 9):
        sent: list[dict] = []
        search(pb, 2, upper, sent.append, 0, 2)
        build = next(m["log"] for m in sent if m.get("log", {}).get("stage") == "build")
        runs.append((build["vars"], [m["solution"] for m in sent if "solution" in m]))
    assert runs[0] == runs[1]
    assert len(runs[0][1]) == 1


def test_the_portfolio_reports_the_cpu_its_workers_got(make):
    pb = Problem(make(**TINY))
    t0 = time.monotonic()
    res = solve_breaks(pb, t0 + 5, max_breaks=2, workers=2)
    wall = time.monotonic() - t0
    assert res.proven and res.breaks == 4
    used = [e["cpu"] for e in res.log if e["stage"] == "workers"]
    assert len(used) == 1 and 0 < used[0] <= 2 * wall + 0.05
