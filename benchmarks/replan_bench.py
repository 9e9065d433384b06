"""Re-planning benchmark: after cancellations and new requests, re-plan vs a full reschedule.

A generated forum is scheduled (its "published" plan); then 5 % of the placed meetings are
cancelled and as many new requests arrive. Each line is one way to update the plan:
re-plan keeping every placed meeting, re-plan with moves allowed, and a full reschedule
(only locked meetings kept). Moved = meetings that had a place and changed slot or table,
or lost it; for the full reschedule a meeting that keeps its slot is counted as keeping its
table too (the web glue keeps old tables), so its figure is a lower bound.

    python benchmarks/replan_bench.py [--sizes small medium] [--seed 0] [--time-limit 10]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.instance_generator import generate_size  # noqa: E402
from forum.scheduling.check import check  # noqa: E402
from forum.scheduling.model import (  # noqa: E402
    Fixed,
    Instance,
    Meeting,
    Solution,
    instance_from_dict,  # noqa: E402
)
from forum.scheduling.replan import replan  # noqa: E402
from forum.scheduling.solver import solve  # noqa: E402


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def perturbed(inst: Instance, plan: Solution, share: float, seed: int) -> Instance:
    """The instance after cancelling `share` of the placed meetings and adding as many new
    requests; every remaining placed meeting carries its place as `current`."""
    rng = random.Random(seed)
    where = {a.meeting: Fixed(a.slot, a.table) for a in plan.assignments}
    placed = [m.id for m in inst.meetings if m.id in where and m.fixed is None]
    gone = set(rng.sample(placed, round(share * len(placed))))
    meetings = [
        replace(m, current=where.get(m.id) if m.fixed is None else None)
        for m in inst.meetings
        if m.id not in gone
    ]
    pairs = {tuple(sorted(m.participants)) for m in inst.meetings}
    people = [p.id for p in inst.participants]
    priorities = [m.priority for m in inst.meetings]
    added = 0
    while added < len(gone):
        pair = tuple(sorted(rng.sample(people, 2)))
        if pair in pairs:
            continue
        pairs.add(pair)
        added += 1
        meetings.append(Meeting(f"new{added}", pair, rng.choice(priorities)))
    return Instance(inst.slots, inst.tables, inst.participants, meetings)


def moved(inst: Instance, sol: Solution, slot_only: bool) -> tuple[int, int]:
    """Meetings that had a place and lost or changed it, and their delegates."""
    now = {a.meeting: (a.slot, a.table) for a in sol.assignments}
    out = []
    for m in inst.meetings:
        if m.current is None:
            continue
        after = now.get(m.id)
        before = (m.current.slot, m.current.table)
        if after is None or (after[0] != before[0] if slot_only else after != before):
            out.append(m)
    return len(out), len({p for m in out for p in m.participants})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["small", "medium"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--share", type=float, default=0.05, help="meetings cancelled (and added)")
    args = ap.parse_args(argv)
    limit = args.time_limit
    head = ["size", "way", "s", "placed", "weighted", "moved", "delegates affected", "breaks"]
    head.append("check")
    print(_row(head))
    print(_row(["---"] * len(head)))
    for size in args.sizes:
        base = instance_from_dict(generate_size(size, args.seed))
        plan = solve(base, time_limit=limit)
        inst = perturbed(base, plan, args.share, args.seed)
        free = Instance(
            inst.slots,
            inst.tables,
            inst.participants,
            [replace(m, current=None) for m in inst.meetings],
        )
        runs = [
            ("re-plan", lambda i=inst: replan(i, limit)),
            ("re-plan, moves allowed", lambda i=inst: replan(i, limit, allow_moves=True)),
            ("full reschedule", lambda f=free: solve(f, time_limit=limit)),
        ]
        for name, run in runs:
            t0 = time.monotonic()
            sol = run()
            took = time.monotonic() - t0
            rep = check(inst, sol)
            n, people = moved(inst, sol, slot_only=name == "full reschedule")
            print(
                _row(
                    [
                        f"{size} ({len(inst.meetings)} meetings)",
                        name,
                        f"{took:.1f}",
                        rep.placed,
                        rep.weighted,
                        n,
                        people,
                        rep.total_gaps,
                        "ok" if rep.ok else f"{len(rep.violations)} violations",
                    ]
                )
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
