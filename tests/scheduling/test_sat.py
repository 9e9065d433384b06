"""The exact SAT breaks stage (forum/scheduling/sat.py) and solve(method="sat"), tiny instances."""

from __future__ import annotations

import itertools
import time

import pytest

pytest.importorskip("pysat")

from forum.scheduling.check import check  # noqa: E402
from forum.scheduling.core import Problem  # noqa: E402
from forum.scheduling.portfolio import solve_breaks  # noqa: E402
from forum.scheduling.sat import participant_minimum  # noqa: E402
from forum.scheduling.solver import solve  # noqa: E402
from forum.scheduling.state import bits  # noqa: E402


def brute_force(pb: Problem, max_breaks: int | None) -> int | None:
    """Fewest total breaks with every meeting placed (None if impossible), by enumeration."""
    best = None
    doms = [bits(pb.dom[m]) for m in range(pb.M)]
    for combo in itertools.product(*doms):
        load = [0] * pb.S
        busy = [0] * pb.P
        ok = True
        for m, s in enumerate(combo):
            load[s] += 1
            for p in pb.parts[m]:
                if busy[p] >> s & 1:
                    ok = False
                busy[p] |= 1 << s
        if not ok or any(load[s] > pb.cap[s] for s in range(pb.S)):
            continue
        gs = [pb.gaps(x) for x in busy]
        if max_breaks is not None and max(gs) > max_breaks:
            continue
        if best is None or sum(gs) < best:
            best = sum(gs)
    return best


# a tiny forum found by random search: optimum 4 breaks; 5 when nobody may have 2 breaks
TINY = dict(
    slots=7,
    tables=2,
    people=6,
    meetings=[
        ("p4", "p6"),
        ("p2", "p3"),
        ("p3", "p5"),
        ("p1", "p4"),
        ("p1", "p3"),
        ("p1", "p6"),
        ("p4", "p5"),
        ("p2", "p6"),
        ("p2", "p5"),
    ],
    unavailable={
        "p1": ["s3", "s5", "s6", "s7"],
        "p2": ["s2", "s5"],
        "p3": ["s2", "s6"],
        "p4": ["s2", "s6", "s7"],
        "p6": ["s1", "s5", "s6", "s7"],
    },
)


def test_sat_optimum_equals_brute_force_and_passes_the_checker(make):
    inst = make(**TINY)
    pb = Problem(inst)
    expected = brute_force(pb, max_breaks=2)
    assert expected == 4
    res = solve_breaks(pb, time.monotonic() + 5, max_breaks=2)
    assert res.proven and res.breaks == expected == res.lower_bound
    sol = solve(inst, time_limit=3, method="sat")
    rep = check(inst, sol)
    assert rep.ok, rep.violations
    assert rep.placed == len(inst.meetings)
    assert rep.total_gaps == expected
    assert sol.stats["gaps_status"] == "optimal"
    assert sol.stats["total_gaps"] == expected
    assert sol.stats["spread"] == rep.max_gaps - min(rep.gaps.values())


def test_participant_minimum_is_that_persons_own_optimum(make):
    # p1 meets p2 (only s1) and p3 (only s4): one break whatever happens
    inst = make(
        slots=4,
        tables=2,
        people=3,
        meetings=[("p1", "p2"), ("p1", "p3")],
        unavailable={"p2": ["s2", "s3", "s4"], "p3": ["s1", "s2", "s3"]},
    )
    pb = Problem(inst)
    deadline = time.monotonic() + 5
    assert participant_minimum(pb, 0, 2) == 1
    assert participant_minimum(pb, 1, 2) == 0
    res = solve_breaks(pb, deadline)
    assert (res.breaks, res.lower_bound, res.proven) == (1, 1, True)


def test_fairness_cap_binds(make):
    # p1 meets p2..p5, each available in one slot only: s1, s3, s5, s7 -> p1 has 3 breaks
    inst = make(
        slots=7,
        tables=2,
        people=5,
        meetings=[("p1", "p2"), ("p1", "p3"), ("p1", "p4"), ("p1", "p5")],
        unavailable={
            "p2": ["s2", "s3", "s4", "s5", "s6", "s7"],
            "p3": ["s1", "s2", "s4", "s5", "s6", "s7"],
            "p4": ["s1", "s2", "s3", "s4", "s6", "s7"],
            "p5": ["s1", "s2", "s3", "s4", "s5", "s6"],
        },
    )
    pb = Problem(inst)
    assert brute_force(pb, None) == 3
    assert brute_force(pb, 2) is None
    res = solve_breaks(pb, time.monotonic() + 5, max_breaks=2)
    assert res.slot_of is None and not res.proven
    res = solve_breaks(pb, time.monotonic() + 5, max_breaks=3)
    assert (res.breaks, res.proven) == (3, True)
    # through solve: the heuristic answer (all placed, 3 breaks) is kept, not claimed optimal
    sol = solve(inst, time_limit=2, method="sat")
    rep = check(inst, sol)
    assert rep.ok and rep.placed == 4 and rep.total_gaps == 3
    assert sol.stats["method"] == "heuristic"
    assert sol.stats["gaps_status"] == "feasible"
    sol = solve(inst, time_limit=2, method="sat", max_breaks=3)  # spread 3 > 2: not fair
    assert sol.stats["gaps_status"] == "feasible"
    sol = solve(inst, time_limit=2, method="sat", max_breaks=3, max_spread=3)
    assert sol.stats["gaps_status"] == "optimal"


def test_fairness_trades_total_breaks(make):
    # at most one break each: one more break in total (brute force: 4 free, 5 capped)
    inst = make(**TINY)
    pb = Problem(inst)
    assert (brute_force(pb, None), brute_force(pb, 1)) == (4, 5)
    res = solve_breaks(pb, time.monotonic() + 5, max_breaks=1)
    assert res.proven and res.breaks == 5
    assert max(pb.gaps(x) for x in pb.busy_masks(res.slot_of)) <= 1
    sol = solve(inst, time_limit=3, method="sat", max_breaks=1)
    rep = check(inst, sol)
    assert rep.ok and rep.total_gaps == 5 and rep.max_gaps == 1


def test_time_limit_is_kept_and_answer_is_checked(fifty_people):
    # 50 people, 147 meetings: not proven in 1 s here; the child search is stopped on time
    inst = fifty_people
    t0 = time.monotonic()
    sol = solve(inst, time_limit=1.0, method="sat")
    took = time.monotonic() - t0
    assert took <= 2.0
    rep = check(inst, sol)
    assert rep.ok, rep.violations[:3]
    assert rep.placed == 147
    assert sol.stats["total_gaps"] == rep.total_gaps
    stages = [step["stage"] for step in sol.stats["sat"]]
    assert sol.stats["gaps_status"] == "optimal" or "deadline" in stages
    assert stages[-2:] == ["workers", "anneal"]  # CPU the workers got, the annealer's share


def test_sat_stage_skipped_when_not_everything_fits(make):
    # three meetings of p1 in two slots: the heuristic answer is the answer
    inst = make(slots=2, tables=2, people=4, meetings=[("p1", "p2"), ("p1", "p3"), ("p1", "p4")])
    sol = solve(inst, time_limit=1.0, method="sat")
    rep = check(inst, sol)
    assert rep.ok and rep.placed == 2 and len(sol.unscheduled) == 1
    assert sol.stats["sat"] == [{"stage": "skipped", "bound_placed": 2}]


def test_cli_method_sat_prints_a_checked_optimal_solution(tmp_path, make):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from forum.scheduling.model import instance_to_dict, solution_from_dict

    inst = make(**TINY)
    path = tmp_path / "inst.json"
    path.write_text(json.dumps(instance_to_dict(inst)))
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-m", "forum.scheduling", "solve", str(path), "--method", "sat"]
        + ["--time-limit", "3", "--max-breaks", "1"],
        capture_output=True,
        text=True,
        cwd=root,
        env=dict(os.environ, PYTHONPATH=str(root)),
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    rep = check(inst, solution_from_dict(data))
    assert rep.ok and rep.total_gaps == 5 and rep.max_gaps == 1
    assert data["stats"]["gaps_status"] == "optimal"
    assert data["stats"]["max_breaks"] == 1
