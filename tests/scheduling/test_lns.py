"""Large-neighbourhood search: valid schedules, never worse, and the large path around it."""

from __future__ import annotations

import importlib.util
import random
import time

import pytest

from benchmarks.instance_generator import generate_size
from forum.scheduling import large
from forum.scheduling.check import check
from forum.scheduling.core import Problem, build_solution, quality
from forum.scheduling.heuristic import greedy
from forum.scheduling.lns import lns
from forum.scheduling.model import instance_from_dict
from forum.scheduling.solver import solve
from forum.scheduling.state import State

pytestmark = pytest.mark.skipif(importlib.util.find_spec("ortools") is None, reason="ortools")


@pytest.fixture(scope="module")
def small_greedy() -> tuple[Problem, list[int]]:
    """The generated small forum placed by the greedy alone (many breaks left to remove)."""
    from ortools.sat.python import cp_model  # noqa: F401  (import once, outside the timings)

    pb = Problem(instance_from_dict(generate_size("small", seed=1)))
    st = State(pb)
    greedy(st, random.Random(0))
    return pb, list(st.slot)


def test_lns_keeps_a_valid_schedule_and_never_gets_worse(small_greedy):
    pb, start = small_greedy
    before = quality(pb, start)
    out, stats = lns(pb, start, time.monotonic() + 20.0, random.Random(1), max_rounds=25)
    after = quality(pb, out)
    rep = check(pb.inst, build_solution(pb, out))
    assert rep.ok, rep.violations[:3]
    # every placed meeting stays placed (same meetings, same weight)
    assert [s >= 0 for s in out] == [s >= 0 for s in start]
    assert rep.weighted == after.weighted == before.weighted
    assert stats.breaks_before == before.total_gaps
    assert stats.breaks_after == after.total_gaps == rep.total_gaps
    assert after.total_gaps < before.total_gaps
    assert stats.rounds == 25 and stats.improved >= 1


def test_lns_closes_a_hole_the_schedule_leaves(make):
    # p1 meets p2 in s1 and p3 in s3: one break that moving either meeting removes
    inst = make(slots=4, tables=1, people=3, meetings=[("p1", "p2"), ("p1", "p3")])
    pb = Problem(inst)
    out, stats = lns(pb, [0, 2], time.monotonic() + 0.5, random.Random(0))
    assert quality(pb, out).total_gaps == 0
    assert abs(out[0] - out[1]) == 1
    assert (stats.breaks_before, stats.breaks_after, stats.improved) == (1, 0, 1)


def test_lns_leaves_fixed_meetings_and_stops_at_zero_breaks(make):
    inst = make(
        slots=4,
        tables=1,
        people=3,
        meetings=[
            {"id": "f", "participants": ["p1", "p2"], "fixed": {"slot": "s1", "table": "T1"}},
            {"id": "m", "participants": ["p1", "p3"]},
        ],
    )
    pb = Problem(inst)
    out, stats = lns(pb, [0, 3], time.monotonic() + 0.5, random.Random(0))
    assert out == [0, 1]
    out2, stats2 = lns(pb, out, time.monotonic() + 0.5, random.Random(0))
    assert out2 == out and stats2.rounds == 0


def test_large_path_hands_over_to_lns_when_annealing_stalls(small_greedy, monkeypatch):
    monkeypatch.setattr(large, "COOL", 0.3)
    monkeypatch.setattr(large, "STALL_MIN", 0.2)
    monkeypatch.setattr(large, "STALL_SHARE", 0.1)
    pb, _ = small_greedy
    sol = solve(pb.inst, time_limit=2.0, method="heuristic")
    rep = check(pb.inst, sol)
    assert rep.ok
    assert sol.stats["method"] == "heuristic+anneal+lns"
    assert sol.stats["total_gaps"] == rep.total_gaps
    assert sol.stats["lns"]["breaks"][1] == rep.total_gaps
    assert sol.stats["lns"]["breaks"][0] >= rep.total_gaps
    assert rep.weighted >= 0.98 * sol.bound
