"""Property tests: every schedule the solvers return passes the independent checker."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.scheduling.check import check
from forum.scheduling.model import instance_from_dict
from forum.scheduling.solver import solve


@st.composite
def instances(draw, max_people: int = 7, max_meetings: int = 12):
    """Random small valid instances, including fixed meetings and restrictions."""
    n_slots = draw(st.integers(1, 6))
    split = draw(st.integers(0, n_slots))
    slots = [{"id": f"s{i}", "block": "am" if i < split else "pm"} for i in range(n_slots)]
    sids = [s["id"] for s in slots]
    n_tables = draw(st.integers(1, 3))
    tables = [
        {"id": f"T{i}", "unavailable_slots": draw(st.lists(st.sampled_from(sids), unique=True))}
        for i in range(n_tables)
    ]
    n_people = draw(st.integers(2, max_people))
    people = [
        {
            "id": f"p{i}",
            "unavailable_slots": draw(st.lists(st.sampled_from(sids), unique=True, max_size=2)),
        }
        for i in range(n_people)
    ]
    pids = [p["id"] for p in people]
    meetings = []
    taken: set[tuple[str, str]] = set()
    for i in range(draw(st.integers(0, max_meetings))):
        parts = draw(st.lists(st.sampled_from(pids), min_size=2, max_size=3, unique=True))
        allowed = draw(st.none() | st.lists(st.sampled_from(sids), unique=True, max_size=3))
        m = {
            "id": f"m{i}",
            "participants": parts,
            "priority": draw(st.integers(1, 3)),
            "allowed_slots": allowed,
            "fixed": None,
        }
        if draw(st.integers(0, 9)) == 0:  # try to fix it somewhere consistent
            for s in allowed if allowed is not None else sids:
                t = next(
                    (
                        t["id"]
                        for t in tables
                        if s not in t["unavailable_slots"] and (t["id"], s) not in taken
                    ),
                    None,
                )
                busy = any(
                    s in people[pids.index(p)]["unavailable_slots"] or ("@" + p, s) in taken
                    for p in parts
                )
                if t and not busy:
                    m["fixed"] = {"slot": s, "table": t}
                    taken.add((t, s))
                    taken.update(("@" + p, s) for p in parts)
                    break
        meetings.append(m)
    data = {"slots": slots, "tables": tables, "participants": people, "meetings": meetings}
    return instance_from_dict(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_heuristic_solutions_pass_check(inst):
    sol = solve(inst, time_limit=0.2, method="heuristic")
    rep = check(inst, sol)
    assert rep.ok, rep.violations
    assert set(sol.reasons) == set(sol.unscheduled)
    assert rep.weighted <= (sol.bound or 0)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("ortools") is None, reason="needs ortools")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_people=5, max_meetings=7))
def test_exact_solutions_pass_check(inst):
    heur = check(inst, solve(inst, time_limit=0.2, method="heuristic"))
    sol = solve(inst, time_limit=1.0, method="exact")
    rep = check(inst, sol)
    assert rep.ok, rep.violations
    assert rep.weighted >= heur.weighted
    if sol.stats["placement_status"] == "optimal":
        assert rep.weighted == sol.bound
