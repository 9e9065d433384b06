"""Per-participant lower bound on gaps and its use by the exact gap stage."""

from __future__ import annotations

import importlib.util

import pytest

from forum.scheduling.bounds import min_gaps
from forum.scheduling.check import check
from forum.scheduling.core import Problem
from forum.scheduling.solver import solve

HAVE_ORTOOLS = importlib.util.find_spec("ortools") is not None


def holes(make):
    # p1 cannot attend s3 and s6: its open runs are s1-s2, s4-s5 and s7; five meetings need
    # all three runs, so p1 has at least two gaps whatever the schedule
    return make(
        slots=7,
        tables=3,
        people=6,
        meetings=[("p1", f"p{i}") for i in range(2, 7)],
        unavailable={"p1": ["s3", "s6"]},
    )


def test_min_gaps_counts_forced_holes(make):
    pb = Problem(holes(make))
    assert min_gaps(pb, 0) == 2
    assert [min_gaps(pb, p) for p in range(1, 6)] == [0] * 5


def test_min_gaps_ignores_block_boundaries_and_slack(make):
    inst = make(
        slots=["am", "am", "pm", "pm"],
        tables=2,
        people=5,
        meetings=[
            ("p1", "p2"),
            ("p1", "p3"),
            ("p1", "p4"),
            ("p1", "p5"),
        ],
    )
    assert min_gaps(Problem(inst), 0) == 0  # one run per half-day, no gap
    few = make(
        slots=7,
        tables=2,
        people=3,
        meetings=[("p1", "p2"), ("p1", "p3")],
        unavailable={"p1": ["s3", "s6"]},
    )
    assert min_gaps(Problem(few), 0) == 0  # two meetings fit in s1-s2


def test_min_gaps_uses_allowed_slots(make):
    # both meetings are restricted to s1 or s3: they cannot be consecutive
    inst = make(
        slots=3,
        tables=2,
        people=3,
        meetings=[
            {"id": "a", "participants": ["p1", "p2"], "allowed_slots": ["s1", "s3"]},
            {"id": "b", "participants": ["p1", "p3"], "allowed_slots": ["s1", "s3"]},
        ],
    )
    assert min_gaps(Problem(inst), 0) == 1


@pytest.mark.skipif(not HAVE_ORTOOLS, reason="needs ortools")
def test_exact_proves_forced_gaps_optimal(make):
    inst = holes(make)
    # The solver stops as soon as it has proved the optimum (2.2 s measured on a loaded 2-core
    # machine); the limit leaves room, as a CI machine runs two suites side by side.
    sol = solve(inst, time_limit=10.0, method="exact")
    rep = check(inst, sol)
    assert rep.ok and rep.placed == 5
    assert rep.total_gaps == 2
    assert sol.stats["gaps_status"] == "optimal"
    assert sol.stats["gaps_lower_bound"] == 2
