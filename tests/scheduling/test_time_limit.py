"""Time limits that hold on a loaded machine, and progress at least once a second."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from benchmarks.instance_generator import generate_size
from forum.scheduling.check import check
from forum.scheduling.model import Instance, instance_from_dict
from forum.scheduling.solver import solve

pytestmark = pytest.mark.skipif(importlib.util.find_spec("ortools") is None, reason="ortools")


@pytest.fixture
def loaded() -> Iterator[None]:
    """Another CPU-bound process runs while the test does (a busy machine)."""
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        burner.kill()
        burner.wait()


@pytest.fixture(scope="module")
def forums() -> dict[str, Instance]:
    """The generated small (60 delegates) and medium (300 delegates, 2,000 requests) forums."""
    return {size: instance_from_dict(generate_size(size, seed=1)) for size in ("small", "medium")}


@pytest.fixture
def medium(forums: dict[str, Instance]) -> Instance:
    """The generated medium forum."""
    return forums["medium"]


def _timed(inst: Instance, limit: float, method: str) -> tuple[float, list[float], str]:
    """Solve and check; return (wall seconds, moments of the progress calls, method used)."""
    calls: list[tuple[float, str, dict[str, float]]] = []

    def progress(stage: str, info: dict[str, float]) -> None:
        calls.append((time.monotonic(), stage, info))

    t0 = time.monotonic()
    sol = solve(inst, time_limit=limit, method=method, progress=progress)  # type: ignore[arg-type]
    wall = time.monotonic() - t0
    rep = check(inst, sol)
    assert rep.ok, rep.violations[:3]
    assert sol.stats["total_gaps"] == rep.total_gaps
    return wall, [t - t0 for t, _, _ in calls], str(sol.stats["method"])


@pytest.mark.parametrize(
    ("size", "method", "path"),
    [
        ("medium", "heuristic", "heuristic+anneal"),
        # auto: CP-SAT's model for 2,000 requests would take the whole 2.5 s to build
        ("medium", "auto", "heuristic+anneal"),
        ("small", "auto", "heuristic+"),
    ],
)
def test_time_limit_holds_on_a_loaded_machine(loaded, forums, size, method, path):
    wall, moments, used = _timed(forums[size], 2.5, method)
    assert wall <= 2.5 + 1.0
    assert used.startswith(path)
    if size == "small":
        assert "cp-sat" in used
    # progress at least once a second, from the call to the answer
    moments = [0.0, *moments, wall]
    assert max(b - a for a, b in zip(moments, moments[1:], strict=False)) <= 1.0


def test_large_path_progress_names_its_stages(medium):
    stages: list[str] = []
    info_keys: set[str] = set()

    def progress(stage: str, info: dict[str, float]) -> None:
        stages.append(stage)
        info_keys.update(info)

    sol = solve(medium, time_limit=1.5, method="heuristic", progress=progress)
    assert stages[0] == "start" and stages[-1] == "finish"
    assert {"greedy", "local search", "anneal"} <= set(stages)
    assert {"elapsed", "placed", "weighted", "breaks"} <= info_keys
    assert sol.stats["time"] <= 1.5 + 1.0
