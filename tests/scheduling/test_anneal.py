"""Annealing keeps every placed meeting placed and never returns more gaps than it was given."""

from __future__ import annotations

import random
import time

from benchmarks.instance_generator import generate_size
from forum.scheduling.anneal import anneal
from forum.scheduling.check import check
from forum.scheduling.core import Problem, build_solution, quality
from forum.scheduling.heuristic import greedy
from forum.scheduling.model import instance_from_dict
from forum.scheduling.state import State


def test_anneal_keeps_placement_and_lowers_gaps() -> None:
    inst = instance_from_dict(generate_size("small", 3))
    pb = Problem(inst)
    st = State(pb)
    greedy(st, random.Random(0))
    start = list(st.slot)
    before = quality(pb, start)
    out = anneal(pb, start, time.monotonic() + 0.5, random.Random(1))
    after = quality(pb, out)
    assert [s >= 0 for s in out] == [s >= 0 for s in start]
    assert all(out[m] == pb.fixed_slot[m] for m in range(pb.M) if pb.fixed_slot[m] >= 0)
    assert (after.total_gaps, after.sum_sq_gaps) <= (before.total_gaps, before.sum_sq_gaps)
    assert after.total_gaps < before.total_gaps
    assert check(inst, build_solution(pb, out)).ok
