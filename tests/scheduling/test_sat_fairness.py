"""The SAT stage's spread of breaks, symmetry breaking, the auto default and its time limit."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time

import pytest

pytest.importorskip("pysat")

from forum.scheduling.check import check  # noqa: E402
from forum.scheduling.core import Problem  # noqa: E402
from forum.scheduling.portfolio import solve_breaks  # noqa: E402
from forum.scheduling.solver import solve  # noqa: E402
from forum.scheduling.state import bits  # noqa: E402
from forum.scheduling.symmetry import ordered_chains  # noqa: E402


def brute_force(pb: Problem, spread: int | None) -> int | None:
    """Fewest total breaks with every meeting placed and max - min breaks <= spread."""
    best = None
    for combo in itertools.product(*(bits(pb.dom[m]) for m in range(pb.M))):
        load, busy, ok = [0] * pb.S, [0] * pb.P, True
        for m, s in enumerate(combo):
            load[s] += 1
            for p in pb.parts[m]:
                ok = ok and not busy[p] >> s & 1
                busy[p] |= 1 << s
        if not ok or any(load[s] > pb.cap[s] for s in range(pb.S)):
            continue
        gs = [pb.gaps(x) for x in busy]
        if spread is not None and max(gs) - min(gs) > spread:
            continue
        best = sum(gs) if best is None else min(best, sum(gs))
    return best


# everybody meets everybody (found by random search): nobody is sure to have no break, so the
# spread is not a cap; optimum 2 breaks, 5 with a spread <= 1, 8 (two each) with spread 0
EVERYONE = dict(
    slots=6,
    tables=2,
    people=4,
    meetings=[("p1", "p3"), ("p1", "p4"), ("p1", "p2"), ("p2", "p3"), ("p3", "p4"), ("p2", "p4")],
    unavailable={"p1": ["s2"], "p2": ["s3"], "p4": ["s1", "s3", "s5"]},
)


@pytest.mark.parametrize(("spread", "expected"), [(None, 2), (1, 5), (0, 8)])
def test_spread_bound_gives_the_brute_force_optimum(make, spread, expected):
    pb = Problem(make(**EVERYONE))
    assert brute_force(pb, spread) == expected
    res = solve_breaks(pb, time.monotonic() + 5, max_breaks=None, spread=spread, workers=2)
    assert (res.breaks, res.lower_bound, res.proven) == (expected, expected, True)
    gs = [pb.gaps(x) for x in pb.busy_masks(res.slot_of)]
    assert spread is None or max(gs) - min(gs) <= spread


def test_solve_reports_the_spread_and_keeps_it(make):
    inst = make(**EVERYONE)
    sol = solve(inst, time_limit=3, method="sat", max_breaks=None, max_spread=1)
    rep = check(inst, sol)
    assert rep.ok and rep.placed == 6 and rep.total_gaps == 5
    spread = rep.max_gaps - min(rep.gaps.values())
    assert sol.stats["spread"] == spread <= 1
    assert (sol.stats["gaps_status"], sol.stats["max_spread"]) == ("optimal", 1)


def test_a_participant_without_meetings_makes_the_spread_a_cap(make):
    # p5 has no meeting, hence no break: a spread of 1 caps everybody at one break, which is
    # impossible here (brute force); a spread of 2 allows the free optimum again
    pb = Problem(make(**{**EVERYONE, "people": 5}))
    assert (brute_force(pb, 1), brute_force(pb, 2)) == (None, 2)
    res = solve_breaks(pb, time.monotonic() + 5, max_breaks=None, spread=1)
    assert (res.slot_of, res.proven) == (None, False)
    res = solve_breaks(pb, time.monotonic() + 5, max_breaks=None, spread=2)
    assert (res.breaks, res.proven) == (2, True)
    assert max(pb.gaps(x) for x in pb.busy_masks(res.slot_of)) <= 2


def test_identical_participants_and_repeated_meetings_are_ordered(make):
    # p2..p4 only meet p1 (same availability): one chain; p5 meets p6 twice: another
    inst = make(
        slots=6,
        tables=3,
        people=7,
        meetings=[("p1", "p2"), ("p1", "p3"), ("p1", "p4"), ("p5", "p6"), ("p5", "p6")]
        + [("p1", "p7")],
        unavailable={"p7": ["s1"]},
    )
    pb = Problem(inst)
    assert sorted(ordered_chains(pb)) == [[0, 1, 2], [3, 4]]
    res = solve_breaks(pb, time.monotonic() + 5, workers=2)
    assert (res.breaks, res.proven) == (0, True)
    slot = res.slot_of
    assert slot[0] < slot[1] < slot[2] and slot[3] < slot[4]


def test_participants_who_meet_each_other_are_not_a_group(make):
    # p1 and p2 look alike (both meet p3 and each other) but swapping them is not free
    inst = make(slots=4, tables=2, people=3, meetings=[("p1", "p3"), ("p2", "p3"), ("p1", "p2")])
    assert ordered_chains(Problem(inst)) == []


def test_auto_uses_the_sat_stage_when_every_meeting_fits(make):
    from test_sat import TINY

    inst = make(**TINY)
    sol = solve(inst, time_limit=3)
    rep = check(inst, sol)
    assert rep.ok and rep.placed == 9 and rep.total_gaps == 4
    assert "sat" in sol.stats and "cp_sat" not in sol.stats
    assert sol.stats["gaps_status"] == "optimal"


def test_auto_keeps_cp_sat_when_not_every_meeting_fits(make):
    pytest.importorskip("ortools")
    inst = make(slots=2, tables=2, people=4, meetings=[("p1", "p2"), ("p1", "p3"), ("p1", "p4")])
    sol = solve(inst, time_limit=2)
    rep = check(inst, sol)
    assert rep.ok and rep.placed == 2
    assert "sat" not in sol.stats and sol.stats["method"].startswith("heuristic")


def test_time_limit_holds_with_a_cpu_hog_alongside(fifty_people):
    # 50 people, 147 meetings, 1 s limit while another process spins on a core
    inst = fifty_people
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        t0 = time.monotonic()
        sol = solve(inst, time_limit=1.0)
        took = time.monotonic() - t0
    finally:
        hog.kill()
        hog.wait()
    assert took <= 2.0
    rep = check(inst, sol)
    assert rep.ok and rep.placed == 147
    assert "sat" in sol.stats
