"""The checker detects every violation type and counts gaps as breaks."""

from __future__ import annotations

import pytest

from forum.scheduling.check import check, participant_gaps
from forum.scheduling.core import Problem
from forum.scheduling.model import Assignment, Solution


def sol(*rows: tuple[str, str, str], unscheduled: tuple[str, ...] = ()) -> Solution:
    """Solution from (meeting, slot, table) rows."""
    return Solution([Assignment(*r) for r in rows], list(unscheduled))


@pytest.fixture
def inst(make):
    return make(
        slots=4,
        tables=2,
        people=4,
        meetings=[
            ("p1", "p2"),
            ("p1", "p3"),
            {"id": "m3", "participants": ["p3", "p4"], "allowed_slots": ["s3", "s4"]},
            {"id": "m4", "participants": ["p2", "p4"], "fixed": {"slot": "s2", "table": "T2"}},
        ],
        unavailable={"p4": ["s1"]},
        table_unavailable={"T1": ["s4"]},
    )


def good():
    return sol(("m1", "s1", "T1"), ("m2", "s2", "T1"), ("m3", "s3", "T1"), ("m4", "s2", "T2"))


def test_valid_solution(inst):
    rep = check(inst, good())
    assert rep.ok, rep.violations
    assert (rep.placed, rep.weighted, rep.total_gaps, rep.max_gaps) == (4, 4, 0, 0)


@pytest.mark.parametrize(
    ("rows", "unscheduled", "needle"),
    [
        ([("m1", "s2", "T1"), ("m2", "s2", "T1")], ("m3", "m4"), "double-booked"),
        ([("m1", "s1", "T1"), ("m3", "s1", "T1")], ("m2", "m4"), "used 2 times"),
        ([("m3", "s4", "T1")], ("m1", "m2", "m4"), "table 'T1' is unavailable"),
        ([("m4", "s2", "T2"), ("m3", "s1", "T2")], ("m1", "m2"), "'p4' is unavailable"),
        ([("m4", "s2", "T2"), ("m3", "s2", "T1")], ("m1", "m2"), "not one of its allowed"),
        ([("m4", "s3", "T2")], ("m1", "m2", "m3"), "fixed meeting 'm4' moved"),
        ([("m4", "s2", "T2")], ("m1", "m2", "m3", "m4"), "both assigned and listed"),
        ([("m4", "s2", "T2")], ("m1", "m2"), "'m3' is missing"),
        ([("m4", "s2", "T2"), ("zz", "s1", "T1")], ("m1", "m2", "m3"), "unknown meeting 'zz'"),
        ([("m4", "s2", "T2"), ("m1", "s9", "T1")], ("m2", "m3"), "unknown slot 's9'"),
        ([("m4", "s2", "T2"), ("m1", "s1", "T7")], ("m2", "m3"), "unknown table 'T7'"),
        ([("m4", "s2", "T2")], ("m1", "m2", "m3", "nope"), "unknown meeting 'nope'"),
        (
            [("m4", "s2", "T2"), ("m1", "s1", "T1"), ("m1", "s3", "T1")],
            ("m2", "m3"),
            "more than once",
        ),
        ([], ("m1", "m2", "m3", "m4"), "fixed meeting 'm4' is left unscheduled"),
    ],
)
def test_each_violation_detected(inst, rows, unscheduled, needle):
    rep = check(inst, sol(*rows, unscheduled=unscheduled))
    assert not rep.ok
    assert any(needle in v for v in rep.violations), rep.violations


def test_gaps_hand_computed(make):
    # blocks: s1..s4 morning, s5..s8 afternoon
    inst = make(
        slots=["am"] * 4 + ["pm"] * 4,
        tables=1,
        people=6,
        meetings=[("p1", "p2"), ("p1", "p3"), ("p1", "p4"), ("p1", "p5"), ("p1", "p6")],
    )
    # p1 meets in s1, s3, s4 (one break), s5 (new block, no break), s8 (one break)
    rows = [
        ("m1", "s1", "T1"),
        ("m2", "s3", "T1"),
        ("m3", "s4", "T1"),
        ("m4", "s5", "T1"),
        ("m5", "s8", "T1"),
    ]
    rep = check(inst, sol(*rows))
    assert rep.ok, rep.violations
    assert rep.gaps["p1"] == 2 and rep.total_gaps == 2 and rep.max_gaps == 2
    # a lunch break between blocks is not a gap; two idle slots are one break, not two
    assert participant_gaps([3, 4], {3: "am", 4: "pm"}) == 0
    assert participant_gaps([0, 3], {0: "am", 3: "am"}) == 1
    pb = Problem(inst)
    assert pb.gaps(0b10011101) == 2


def test_summary_mentions_figures(inst):
    text = check(inst, good()).summary()
    assert "meetings placed: 4" in text and text.endswith("OK")
