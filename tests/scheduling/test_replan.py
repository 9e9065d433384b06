"""Re-planning with few moves: kept places, forced moves, minimal moves against brute force."""

from __future__ import annotations

import itertools
import json
import random
import time

import pytest

from forum.scheduling import check
from forum.scheduling.check import participant_gaps
from forum.scheduling.model import Instance, instance_from_dict, instance_to_dict
from forum.scheduling.replan import replan

pytest.importorskip("ortools")


def at(slot: str, table: str) -> dict[str, str]:
    return {"slot": slot, "table": table}


def meeting(mid: str, *people: str, current=None, priority: int = 1, fixed=None) -> dict:
    return {
        "id": mid,
        "participants": list(people),
        "priority": priority,
        "current": current,
        "fixed": fixed,
    }


def instance(slots=3, tables=1, people=4, meetings=(), unavailable=None, closed=None) -> Instance:
    """Slots s1.., tables T1.., participants p1..; `closed` maps a table to its closed slots."""
    unavailable, closed = unavailable or {}, closed or {}
    return instance_from_dict(
        {
            "slots": [{"id": f"s{i + 1}", "block": "am"} for i in range(slots)],
            "tables": [
                {"id": f"T{i + 1}", "unavailable_slots": closed.get(f"T{i + 1}", [])}
                for i in range(tables)
            ],
            "participants": [
                {"id": f"p{i + 1}", "unavailable_slots": unavailable.get(f"p{i + 1}", [])}
                for i in range(people)
            ],
            "meetings": list(meetings),
        }
    )


def places(sol) -> dict[str, tuple[str, str]]:
    return {a.meeting: (a.slot, a.table) for a in sol.assignments}


def test_current_place_round_trips_through_json():
    inst = instance(meetings=[meeting("m1", "p1", "p2", current=at("s2", "T1"))])
    again = instance_from_dict(instance_to_dict(inst))
    assert again.meetings[0].current == inst.meetings[0].current
    assert again.meetings[0].current.slot == "s2"


def test_a_cancellation_frees_a_slot_and_the_new_request_takes_it_without_moves():
    # m2 (p3-p4, s2) was cancelled: it is gone from the instance; m3 (p1-p3) is new
    inst = instance(
        slots=2,
        meetings=[
            meeting("m1", "p1", "p2", current=at("s1", "T1")),
            meeting("m3", "p1", "p3"),
        ],
    )
    sol = replan(inst, time_limit=2)
    assert check(inst, sol).ok
    assert places(sol) == {"m1": ("s1", "T1"), "m3": ("s2", "T1")}
    assert (sol.stats["moved"], sol.stats["delegates_affected"]) == (0, 0)


def test_a_blocked_slot_moves_exactly_that_meeting():
    blocked = instance(
        slots=3,
        tables=1,
        people=6,
        meetings=[
            meeting("m1", "p1", "p2", current=at("s1", "T1")),
            meeting("m2", "p3", "p4", current=at("s2", "T1")),
            meeting("m3", "p5", "p6"),
        ],
        unavailable={"p4": ["s2"]},  # p4 now blocks s2, where m2 sits
    )
    for allow in (False, True):
        sol = replan(blocked, time_limit=2, allow_moves=allow)
        assert check(blocked, sol).ok
        assert places(sol) == {"m1": ("s1", "T1"), "m2": ("s3", "T1"), "m3": ("s2", "T1")}
        assert sol.stats["moved_meetings"] == ["m2"]
        assert sol.stats["forced_moves"] == 1
        assert sol.stats["delegates_affected"] == 2


def test_a_removed_table_moves_its_meeting_to_another_table():
    inst = instance(
        slots=2,
        tables=2,
        meetings=[
            meeting("m1", "p1", "p2", current=at("s1", "T1")),
            meeting("m2", "p3", "p4", current=at("s1", "T2")),
        ],
        closed={"T2": ["s1", "s2"]},  # table 2 is gone
    )
    sol = replan(inst, time_limit=2)
    assert check(inst, sol).ok
    got = places(sol)
    assert got["m1"] == ("s1", "T1")
    assert got["m2"] == ("s2", "T1")
    assert sol.stats["moved_meetings"] == ["m2"]


def crowded() -> Instance:
    """One table, two slots, both taken by published meetings; a must-meet arrives for p1."""
    return instance(
        slots=2,
        tables=1,
        people=6,
        meetings=[
            meeting("m1", "p1", "p2", current=at("s1", "T1")),
            meeting("m2", "p3", "p4", current=at("s2", "T1")),
            meeting("m3", "p1", "p5", priority=3),
        ],
    )


def test_with_moves_disallowed_no_published_meeting_moves():
    inst = crowded()
    sol = replan(inst, time_limit=2, allow_moves=False)
    assert check(inst, sol).ok
    assert places(sol) == {"m1": ("s1", "T1"), "m2": ("s2", "T1")}
    assert sol.unscheduled == ["m3"]
    assert sol.stats["moved"] == 0


def test_with_moves_allowed_the_higher_priority_meeting_displaces_one():
    inst = crowded()
    sol = replan(inst, time_limit=3, allow_moves=True)
    assert check(inst, sol).ok
    got = places(sol)
    assert "m3" in got
    assert sol.stats["weighted"] == 4  # m3 (3) and one of m1, m2: the table holds two
    assert sol.stats["moved"] == 1
    assert sol.stats["delegates_affected"] == 2


def brute_force(inst: Instance) -> tuple[int, int, int, int]:
    """Best (-weight, moves, delegates affected, breaks) over every slot assignment."""
    slots = [s.id for s in inst.slots]
    ntables = {s: sum(1 for t in inst.tables if s not in t.unavailable_slots) for s in slots}
    away = {p.id: set(p.unavailable_slots) for p in inst.participants}
    table_open = {(t.id, s) for t in inst.tables for s in slots if s not in t.unavailable_slots}
    options = []
    for m in inst.meetings:
        ok = [s for s in slots if not any(s in away[p] for p in m.participants)]
        options.append([None, *ok])
    best = None
    for choice in itertools.product(*options):
        load: dict[str, int] = {}
        busy: set[tuple[str, str]] = set()
        fine = True
        for m, s in zip(inst.meetings, choice, strict=True):
            if s is None:
                continue
            load[s] = load.get(s, 0) + 1
            for p in m.participants:
                if (p, s) in busy:
                    fine = False
                busy.add((p, s))
        if not fine or any(load[s] > ntables[s] for s in load):
            continue
        weight = sum(m.priority for m, s in zip(inst.meetings, choice, strict=True) if s)
        moved = [
            m
            for m, s in zip(inst.meetings, choice, strict=True)
            if m.current is not None
            and not (
                s == m.current.slot
                and (m.current.table, s) in table_open
                and not any(m.current.slot in away[p] for p in m.participants)
            )
        ]
        people = {p for m in moved for p in m.participants}
        pos = {s: i for i, s in enumerate(slots)}
        breaks = sum(
            participant_gaps(
                sorted(
                    pos[s]
                    for m, s in zip(inst.meetings, choice, strict=True)
                    if s and p in m.participants
                ),
                {i: "am" for i in range(len(slots))},
            )
            for p in away
        )
        key = (-weight, len(moved), len(people), breaks)
        best = key if best is None or key < best else best
    return best


def random_instance(rng: random.Random) -> Instance:
    """4 slots, 1-2 tables, 6 people, 7 meetings; some published, then availability changes."""
    slots, tables = 4, rng.choice([1, 2])
    people = [f"p{i + 1}" for i in range(6)]
    pairs = rng.sample(list(itertools.combinations(people, 2)), 7)
    meetings, used, busy = [], set(), set()
    for i, (a, b) in enumerate(pairs):
        current = None
        if i < 5:
            for s in rng.sample(range(1, slots + 1), slots):
                t = next((t for t in range(1, tables + 1) if (s, t) not in used), None)
                if t and (a, s) not in busy and (b, s) not in busy:
                    used.add((s, t))
                    busy |= {(a, s), (b, s)}
                    current = at(f"s{s}", f"T{t}")
                    break
        meetings.append(meeting(f"m{i + 1}", a, b, current=current, priority=rng.choice([1, 3])))
    unavailable = {rng.choice(people): [f"s{rng.randint(1, slots)}"]}
    return instance(slots, tables, 6, meetings, unavailable=unavailable)


@pytest.mark.parametrize("seed", range(6))
def test_moves_are_minimal_against_brute_force(seed):
    inst = random_instance(random.Random(seed))
    sol = replan(inst, time_limit=3, allow_moves=True)
    assert check(inst, sol).ok
    s = sol.stats
    assert s["status"] == "optimal"
    assert (-s["weighted"], s["moved"], s["delegates_affected"], s["total_gaps"]) == brute_force(
        inst
    )


def test_greedy_repair_frees_the_fewest_meetings_and_stays_valid():
    inst = crowded()
    sol = replan(inst, time_limit=2, allow_moves=True, method="greedy")
    assert check(inst, sol).ok
    assert sol.stats["method"] == "replan: keep+repair+neighbourhoods"
    assert sol.stats["weighted"] == 4
    assert sol.stats["moved"] == 1


def test_cli_replan_prints_a_checked_solution_with_its_moves(tmp_path, capsys):
    from forum.scheduling.cli import main
    from forum.scheduling.model import dumps, solution_from_dict

    inst = crowded()
    path = tmp_path / "crowded.json"
    path.write_text(dumps(inst), encoding="utf-8")
    assert main(["replan", str(path), "--time-limit", "2"]) == 0
    kept = solution_from_dict(json.loads(capsys.readouterr().out))
    assert check(inst, kept).ok and kept.unscheduled == ["m3"] and kept.stats["moved"] == 0
    assert main(["replan", str(path), "--time-limit", "2", "--allow-moves"]) == 0
    moved = solution_from_dict(json.loads(capsys.readouterr().out))
    assert check(inst, moved).ok
    assert (moved.stats["weighted"], moved.stats["moved"]) == (4, 1)


def test_a_neighbourhood_around_an_unplaced_meeting_places_it_with_one_move():
    from forum.scheduling.core import Problem
    from forum.scheduling.replan import find_stays, moves_of
    from forum.scheduling.replan_repair import neighbourhood_search

    pb = Problem(crowded())
    stays = find_stays(pb)
    kept = [0, 1, -1]  # m1 in s1, m2 in s2, the must-meet m3 out
    found, gains = neighbourhood_search(pb, stays, kept, time.monotonic() + 2)
    moved, people = moves_of(pb, stays, found)
    assert gains == 1
    assert found[2] >= 0 and sum(pb.weight[m] for m in range(3) if found[m] >= 0) == 4
    assert (len(moved), len(people)) == (1, 2)


@pytest.mark.parametrize("method", ["exact", "greedy"])
def test_on_a_generated_forum_moves_only_buy_priority(method):
    from benchmarks.instance_generator import generate_size
    from benchmarks.replan_bench import perturbed
    from forum.scheduling.solver import solve

    base = instance_from_dict(generate_size("tiny", 3))
    inst = perturbed(base, solve(base, time_limit=1, method="heuristic"), 0.05, 3)
    kept = replan(inst, time_limit=2)
    moved = replan(inst, time_limit=3, allow_moves=True, method=method)
    for sol in (kept, moved):
        assert check(inst, sol).ok
    assert kept.stats["moved"] == kept.stats["forced_moves"] == 0
    assert moved.stats["weighted"] >= kept.stats["weighted"]
    if moved.stats["weighted"] == kept.stats["weighted"]:
        assert moved.stats["moved"] == 0
    else:
        assert 0 < moved.stats["moved"] <= kept.stats["had_place"]
