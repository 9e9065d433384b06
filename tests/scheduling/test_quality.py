"""Quality on a generated instance and on a published benchmark instance."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from benchmarks.instance_generator import generate_size
from forum.scheduling.check import check
from forum.scheduling.model import instance_from_dict, load_instance
from forum.scheduling.solver import solve

# ../shared next to the checkout, else the shared folder of the machine the suite was made on
PUBLISHED = next(
    (
        folder / "benchmarks" / "b2b-published"
        for folder in (Path(__file__).resolve().parents[3] / "shared", Path("/work/shared"))
        if (folder / "benchmarks" / "b2b-published").is_dir()
    ),
    Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "b2b-published",
)


@pytest.mark.slow
def test_heuristic_small_near_bound():
    inst = instance_from_dict(generate_size("small", seed=1))
    sol = solve(inst, time_limit=2.0, method="heuristic")
    rep = check(inst, sol)
    assert rep.ok
    assert rep.weighted >= 0.98 * (sol.bound or 0)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("ortools") is None, reason="needs ortools")
@pytest.mark.skipif(not (PUBLISHED / "tic-12.json").exists(), reason="benchmark files absent")
def test_published_tic12_reaches_zero_breaks():
    inst = load_instance(PUBLISHED / "tic-12.json")
    sol = solve(inst, time_limit=8.0)
    rep = check(inst, sol)
    assert rep.ok and rep.placed == len(inst.meetings)
    assert rep.total_gaps == 0
