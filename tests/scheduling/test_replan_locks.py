"""Locked meetings whose place is no longer valid: kept, held apart, reported with why."""

from __future__ import annotations

import json

import pytest

from forum.scheduling import check
from forum.scheduling.model import InstanceError, instance_from_dict
from forum.scheduling.replan import replan
from forum.scheduling.replan_locks import find_broken_locks

pytest.importorskip("ortools")


def at(slot: str, table: str) -> dict[str, str]:
    return {"slot": slot, "table": table}


def locked_forum(meetings, unavailable=None, closed=None):
    """Slots s1..s3, tables T1..T3, participants p1..p6; not validated (broken locks in it)."""
    unavailable, closed = unavailable or {}, closed or {}
    return instance_from_dict(
        {
            "slots": [{"id": f"s{i}", "block": "am"} for i in (1, 2, 3)],
            "tables": [
                {"id": t, "unavailable_slots": closed.get(t, [])} for t in ("T1", "T2", "T3")
            ],
            "participants": [
                {"id": f"p{i}", "unavailable_slots": unavailable.get(f"p{i}", [])}
                for i in range(1, 7)
            ],
            "meetings": [
                {"id": mid, "participants": list(people), "fixed": fixed, "current": current}
                for mid, people, fixed, current in meetings
            ],
        },
        check=False,
    )


def every_kind():
    """One locked meeting per way a place can break, one valid lock, two free meetings."""
    return locked_forum(
        [
            ("away", ("p1", "p2"), at("s1", "T1"), None),  # p2 blocked s1
            ("gone-slot", ("p3", "p4"), at("s9", "T1"), None),
            ("gone-table", ("p3", "p4"), at("s2", "T9"), None),
            ("twin-a", ("p5", "p6"), at("s3", "T1"), None),  # p5 in two locked meetings at s3
            ("twin-b", ("p5", "p1"), at("s3", "T2"), None),
            ("fine", ("p1", "p6"), at("s2", "T1"), None),
            ("free", ("p2", "p4"), None, at("s1", "T2")),
            ("new", ("p2", "p6"), None, None),
        ],
        unavailable={"p2": ["s1"]},
    )


def test_find_broken_locks_gives_the_exact_reason_for_each_meeting():
    broken = find_broken_locks(every_kind())
    assert {m: (b.reasons, b.unavailable, b.booked_twice, b.others) for m, b in broken.items()} == {
        "away": (("participant unavailable",), ("p2",), (), ()),
        "gone-slot": (("slot gone",), (), (), ()),
        "gone-table": (("table gone",), (), (), ()),
        "twin-a": (("double booked",), (), ("p5",), ("twin-b",)),
        "twin-b": (("double booked",), (), ("p5",), ("twin-a",)),
    }
    assert (broken["away"].slot, broken["away"].table) == ("s1", "T1")


def test_a_closed_table_and_a_second_lock_at_the_same_table_are_reported():
    inst = locked_forum(
        [
            ("closed", ("p1", "p2"), at("s1", "T1"), None),
            ("one", ("p3", "p4"), at("s2", "T2"), None),
            ("two", ("p5", "p6"), at("s2", "T2"), None),
        ],
        closed={"T1": ["s1"]},
    )
    broken = find_broken_locks(inst)
    assert {m: (b.reasons, b.others) for m, b in broken.items()} == {
        "closed": (("table unavailable",), ()),
        "one": (("double booked",), ("two",)),
        "two": (("double booked",), ("one",)),
    }


@pytest.mark.parametrize("allow_moves", [False, True])
def test_replan_keeps_every_broken_lock_and_lists_it_in_the_stats(allow_moves):
    inst = every_kind()
    sol = replan(inst, time_limit=2, allow_moves=allow_moves)
    where = {a.meeting: (a.slot, a.table) for a in sol.assignments}
    assert where["away"] == ("s1", "T1")
    assert where["gone-slot"] == ("s9", "T1") and where["gone-table"] == ("s2", "T9")
    assert (where["twin-a"], where["twin-b"]) == (("s3", "T1"), ("s3", "T2"))
    assert where["fine"] == ("s2", "T1")
    listed = {b["meeting"]: b["reasons"] for b in sol.stats["broken_locks"]}
    assert listed == {
        "away": ["participant unavailable"],
        "gone-slot": ["slot gone"],
        "gone-table": ["table gone"],
        "twin-a": ["double booked"],
        "twin-b": ["double booked"],
    }
    # the free meetings avoid the broken locks' delegates: p2 is away at s1 and p4 in the
    # table-gone meeting at s2, so "free" must move to s3 (T1, T2 taken by the twins);
    # p6 is in "fine" at s2 and in a twin at s3, so "new" fits nowhere
    assert where["free"] == ("s3", "T3")
    assert "new" not in where and "new" in sol.unscheduled
    # placed, as the checker counts: "away" and the twins (slot and table exist), "fine", "free"
    assert (sol.stats["placed"], sol.stats["weighted"]) == (5, 5)
    assert sol.bound == sol.stats["bound_weighted"] >= sol.stats["weighted"]
    report = check(inst, sol)
    assert (report.placed, report.weighted) == (5, 5)
    # the checker is honest: every broken lock is a violation, nothing else is
    assert report.violations_beyond(set(listed)) == []
    named = {m for about in report.concerns for m in about}
    assert named == set(listed)
    assert any("participant 'p2' is unavailable in slot 's1'" in v for v in report.violations)
    assert any("'p5' double-booked in slot 's3'" in v for v in report.violations)
    assert any("unknown slot 's9'" in v for v in report.violations)
    assert any("unknown table 'T9'" in v for v in report.violations)


def test_without_broken_locks_the_stats_say_so_and_the_checker_passes():
    inst = locked_forum([("fine", ("p1", "p2"), at("s1", "T1"), None)])
    sol = replan(inst, time_limit=1)
    assert sol.stats["broken_locks"] == []
    assert check(inst, sol).ok


def test_an_instance_broken_beyond_its_locks_is_still_refused():
    inst = locked_forum([("away", ("p1", "p7"), at("s1", "T1"), None)])
    with pytest.raises(InstanceError, match="unknown participant 'p7'"):
        replan(inst, time_limit=1)


def test_cli_replan_keeps_broken_locks_and_check_reports_them(tmp_path, capsys):
    from forum.scheduling.cli import main
    from forum.scheduling.model import dumps

    inst_path, sol_path = tmp_path / "locked.json", tmp_path / "plan.json"
    inst_path.write_text(dumps(every_kind()), encoding="utf-8")
    assert main(["replan", str(inst_path), "--time-limit", "1"]) == 0
    out = capsys.readouterr().out
    assert [b["meeting"] for b in json.loads(out)["stats"]["broken_locks"]] == [
        "away",
        "gone-slot",
        "gone-table",
        "twin-a",
        "twin-b",
    ]
    sol_path.write_text(out, encoding="utf-8")
    assert main(["check", str(inst_path), str(sol_path)]) == 1
    report = capsys.readouterr().out.splitlines()
    assert "VIOLATION: meeting 'away': participant 'p2' is unavailable in slot 's1'" in report
    assert "VIOLATION: meeting 'gone-slot' assigned to unknown slot 's9'" in report
    assert "VIOLATION: participant 'p5' double-booked in slot 's3': twin-a, twin-b" in report
    assert main(["solve", str(inst_path)]) == 2  # solve keeps its strict validation
    assert "fixed in 's1' but 'p2' is unavailable" in capsys.readouterr().err
