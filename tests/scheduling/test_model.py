"""Instance model: JSON round trip and validation messages."""

from __future__ import annotations

import pytest

from forum.scheduling.model import (
    InstanceError,
    dumps,
    instance_from_dict,
    instance_to_dict,
    solution_from_dict,
    solution_to_dict,
)


def test_round_trip(make):
    inst = make(
        meetings=[
            ("p1", "p2"),
            {
                "id": "x",
                "participants": ["p3", "p4"],
                "priority": 2,
                "allowed_slots": ["s2"],
                "fixed": None,
            },
        ]
    )
    again = instance_from_dict(instance_to_dict(inst))
    assert again == inst
    assert '"priority": 2' in dumps(inst)


def test_solution_round_trip():
    data = {
        "assignments": [{"meeting": "m1", "slot": "s1", "table": "T1"}],
        "unscheduled": ["m2"],
        "stats": {"placed": 1},
        "bound": 3,
        "reasons": {"m2": "x"},
    }
    assert solution_to_dict(solution_from_dict(data)) == data


@pytest.mark.parametrize(
    ("meeting", "message"),
    [
        ({"id": "m1", "participants": ["p1", "zz"]}, "unknown participant 'zz'"),
        ({"id": "m1", "participants": ["p1"]}, "at least two participants"),
        ({"id": "m1", "participants": ["p1", "p1"]}, "listed twice"),
        ({"id": "m1", "participants": ["p1", "p2"], "priority": 0}, "priority must be"),
        ({"id": "m1", "participants": ["p1", "p2"], "allowed_slots": ["s9"]}, "unknown allowed"),
        (
            {"id": "m1", "participants": ["p1", "p2"], "fixed": {"slot": "s9", "table": "T1"}},
            "unknown slot",
        ),
        (
            {"id": "m1", "participants": ["p1", "p2"], "fixed": {"slot": "s1", "table": "T9"}},
            "unknown table",
        ),
        (
            {
                "id": "m1",
                "participants": ["p1", "p2"],
                "fixed": {"slot": "s1", "table": "T1"},
                "allowed_slots": ["s2"],
            },
            "not in its allowed_slots",
        ),
    ],
)
def test_validation_errors(make, meeting, message):
    with pytest.raises(InstanceError) as err:
        make(meetings=[meeting])
    assert any(message in p for p in err.value.problems), err.value.problems


def test_fixed_conflicts_and_duplicates(make):
    fixed = {"slot": "s1", "table": "T1"}
    with pytest.raises(InstanceError) as err:
        make(
            meetings=[
                {"id": "a", "participants": ["p1", "p2"], "fixed": fixed},
                {"id": "a", "participants": ["p1", "p3"], "fixed": fixed},
            ],
            unavailable={"p2": ["s1"]},
        )
    text = " ".join(err.value.problems)
    assert "duplicate meeting id 'a'" in text
    assert "already taken by fixed meeting" in text
    assert "already has fixed meeting" in text
    assert "'p2' is unavailable" in text


def test_blocks_must_be_consecutive(make):
    with pytest.raises(InstanceError, match="not made of consecutive slots"):
        make(slots=["am", "pm", "am"])
    assert make(slots=["am", "am", "pm"], check=True).problems() == []
