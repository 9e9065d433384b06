"""Crafted instances with known optima, for the heuristic and the CP-SAT method."""

from __future__ import annotations

import importlib.util

import pytest

from forum.scheduling.check import check
from forum.scheduling.solver import solve

HAVE_ORTOOLS = importlib.util.find_spec("ortools") is not None
METHODS = [
    "heuristic",
    pytest.param("exact", marks=pytest.mark.skipif(not HAVE_ORTOOLS, reason="needs ortools")),
]


def run(inst, method, limit=1.0):
    sol = solve(inst, time_limit=limit, method=method)
    rep = check(inst, sol)
    assert rep.ok, rep.violations
    return sol, rep


def placed_at(sol):
    return {a.meeting: (a.slot, a.table) for a in sol.assignments}


@pytest.mark.parametrize("method", METHODS)
def test_triangle_keeps_the_must_meet(make, method):
    # a triangle needs three slots; with two, the priority-2 meeting must be among the two placed
    inst = make(
        slots=2,
        tables=3,
        people=3,
        meetings=[
            ("p1", "p2"),
            ("p2", "p3"),
            {"id": "must", "participants": ["p1", "p3"], "priority": 2},
        ],
    )
    sol, rep = run(inst, method)
    assert rep.placed == 2 and rep.weighted == 3
    assert "must" in placed_at(sol)
    assert sol.bound == 3 and sol.stats["placement_status"] == "optimal"
    (lost,) = sol.unscheduled
    assert "every possible slot is blocked" in sol.reasons[lost]


@pytest.mark.parametrize("method", METHODS)
def test_unplaceable_meetings_say_why(make, method):
    inst = make(
        slots=3,
        tables=1,
        people=8,
        meetings=[
            ("p1", "p2"),
            {"id": "allowed", "participants": ["p3", "p4"], "allowed_slots": ["s1"]},
            ("p5", "p6"),
            ("p7", "p8"),
        ],
        unavailable={"p2": ["s1", "s2", "s3"], "p4": ["s1"], "p5": ["s1", "s2"], "p6": ["s3"]},
        table_unavailable={"T1": ["s3"]},
    )
    sol, rep = run(inst, method)
    assert rep.placed == 1 and placed_at(sol)["m4"][1] == "T1"
    r = sol.reasons
    assert "unavailable in every slot" in r["m1"]
    assert "allowed_slots all blocked" in r["allowed"]
    assert "no slot where all participants are available" in r["m3"]


@pytest.mark.parametrize("method", METHODS)
def test_table_capacity_and_availability(make, method):
    inst = make(
        slots=2,
        tables=2,
        people=6,
        meetings=[("p1", "p2"), ("p3", "p4"), ("p5", "p6")],
        unavailable={f"p{i}": ["s2"] for i in range(1, 7)},
        table_unavailable={"T1": ["s1"]},
    )
    sol, rep = run(inst, method)
    assert rep.placed == 1
    assert all(t == ("s1", "T2") for t in placed_at(sol).values())
    assert all("all tables are taken" in why for why in sol.reasons.values())


@pytest.mark.parametrize("method", METHODS)
def test_fixed_and_allowed_respected(make, method):
    inst = make(
        slots=4,
        tables=2,
        people=4,
        meetings=[
            {"id": "f", "participants": ["p1", "p2"], "fixed": {"slot": "s3", "table": "T2"}},
            {"id": "a", "participants": ["p1", "p3"], "allowed_slots": ["s2"]},
            ("p1", "p4"),
            ("p2", "p3"),
        ],
    )
    sol, rep = run(inst, method)
    got = placed_at(sol)
    assert got["f"] == ("s3", "T2")
    assert got["a"][0] == "s2"
    assert rep.placed == 4
    # m4 (p2-p3) can only go to s1 or s4, leaving p2 or p3 with one break
    assert rep.total_gaps == 1


@pytest.mark.parametrize("method", METHODS)
def test_minimum_gaps_known(make, method):
    # p1 must meet p2 in s1 and p3 in s5; p4 fits between: one break is optimal
    inst = make(
        slots=5,
        tables=1,
        people=4,
        meetings=[("p1", "p2"), ("p1", "p3"), ("p1", "p4")],
        unavailable={"p2": ["s2", "s3", "s4", "s5"], "p3": ["s1", "s2", "s3", "s4"]},
    )
    sol, rep = run(inst, method)
    assert rep.placed == 3 and rep.total_gaps == 1 and rep.max_gaps == 1


@pytest.mark.skipif(not HAVE_ORTOOLS, reason="needs ortools")
def test_exact_closes_gaps_across_blocks(make):
    # two blocks: each participant's meetings can be compact inside a block
    inst = make(
        slots=["am"] * 3 + ["pm"] * 3,
        tables=2,
        people=5,
        meetings=[
            ("p1", "p2"),
            ("p1", "p3"),
            ("p1", "p4"),
            ("p2", "p3"),
            ("p4", "p5"),
            ("p2", "p5"),
        ],
    )
    sol, rep = run(inst, "exact", 3.0)
    assert rep.placed == 6 and rep.total_gaps == 0
    assert sol.stats["status"] == "optimal"


def test_deterministic_given_seed(make):
    inst = make(
        slots=6,
        tables=2,
        people=6,
        meetings=[(f"p{i}", f"p{j}") for i in range(1, 7) for j in range(i + 1, 7)],
    )
    a = solve(inst, time_limit=0.5, method="heuristic", seed=3)
    b = solve(inst, time_limit=0.5, method="heuristic", seed=3)
    assert a.assignments == b.assignments
