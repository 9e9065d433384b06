"""Auto-mode gap stage: annealing alongside CP-SAT, early stop on a proven bound."""

from __future__ import annotations

import importlib.util
import random
import time

import pytest

from benchmarks.instance_generator import generate_size
from forum.scheduling.check import check
from forum.scheduling.core import Problem, quality
from forum.scheduling.heuristic import greedy
from forum.scheduling.model import instance_from_dict
from forum.scheduling.race import gap_lower_bound, race_gaps
from forum.scheduling.solver import solve
from forum.scheduling.state import State

HAVE_ORTOOLS = importlib.util.find_spec("ortools") is not None


def test_forced_gaps_stop_at_once_as_optimal(make):
    # p1 cannot attend s3 and s6: five meetings force two gaps, the bound proves it
    inst = make(
        slots=7,
        tables=3,
        people=6,
        meetings=[("p1", f"p{i}") for i in range(2, 7)],
        unavailable={"p1": ["s3", "s6"]},
    )
    pb = Problem(inst)
    st = State(pb)
    greedy(st, random.Random(0))
    assert gap_lower_bound(pb, st.slot) == 2
    t = time.monotonic()
    res = race_gaps(pb, st.slot, time.monotonic() + 5.0, random.Random(0), use_cp=False)
    assert time.monotonic() - t < 2.0
    assert quality(pb, res.slot_of).total_gaps == 2
    assert res.status == "optimal" and res.lower_bound == 2


@pytest.mark.parametrize("use_cp", [False, True] if HAVE_ORTOOLS else [False])
def test_race_keeps_placement_and_never_worsens(use_cp):
    inst = instance_from_dict(generate_size("small", 5))
    pb = Problem(inst)
    st = State(pb)
    greedy(st, random.Random(0))
    before = quality(pb, st.slot)
    t = time.monotonic()
    res = race_gaps(pb, list(st.slot), time.monotonic() + 1.0, random.Random(1), use_cp=use_cp)
    assert time.monotonic() - t < 1.5
    after = quality(pb, res.slot_of)
    assert [s >= 0 for s in res.slot_of] == [s >= 0 for s in st.slot]
    assert (after.total_gaps, after.sum_sq_gaps) <= (before.total_gaps, before.sum_sq_gaps)
    assert after.total_gaps >= res.lower_bound
    assert res.status in ("optimal", "feasible")


@pytest.mark.skipif(not HAVE_ORTOOLS, reason="needs ortools")
def test_auto_reports_proven_gap_optimum(make):
    inst = make(
        slots=7,
        tables=3,
        people=6,
        meetings=[("p1", f"p{i}") for i in range(2, 7)],
        unavailable={"p1": ["s3", "s6"]},
    )
    t = time.monotonic()
    sol = solve(inst, time_limit=5.0)
    assert time.monotonic() - t < 3.0
    rep = check(inst, sol)
    assert rep.ok and rep.placed == 5 and rep.total_gaps == 2
    assert sol.stats["status"] == "optimal"
    assert sol.stats["gaps_lower_bound"] == 2
