"""Command line: `solve INSTANCE.json` prints a solution, `check INSTANCE.json SOLUTION.json`;
`replan INSTANCE.json [--allow-moves]` re-plans meetings that carry their current place."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .check import check
from .model import InstanceError, dumps, instance_from_dict, load_instance, load_solution
from .replan import replan
from .replan_locks import check_all_but_places, find_broken_locks
from .solver import solve


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    ap = argparse.ArgumentParser(prog="python -m forum.scheduling", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("solve", help="schedule an instance and print the solution JSON")
    sp.add_argument("instance")
    sp.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    sp.add_argument("--method", choices=["auto", "heuristic", "exact", "sat"], default="auto")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument(
        "--workers", type=int, default=2, help="CP-SAT worker threads; sat: worker processes"
    )
    sp.add_argument(
        "--max-breaks", type=int, default=2, help="sat: breaks per participant at most (2)"
    )
    sp.add_argument(
        "--max-spread",
        type=int,
        default=2,
        help="sat: breaks of any two participants differ by at most this (2, as published)",
    )
    sp.add_argument("--verbose", action="store_true", help="progress on stderr")
    rp = sub.add_parser("replan", help="re-plan keeping meetings at their current place")
    rp.add_argument("instance")
    rp.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    rp.add_argument("--allow-moves", action="store_true", help="move as few meetings as possible")
    rp.add_argument("--seed", type=int, default=0)
    rp.add_argument("--verbose", action="store_true", help="progress on stderr")
    cp = sub.add_parser("check", help="check a solution; exit 1 on any violation")
    cp.add_argument("instance")
    cp.add_argument("solution")
    return ap


def _stderr_progress(stage: str, info: dict[str, float]) -> None:
    """Print an engine progress report on stderr."""
    print(f"[{stage}] {info}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the process exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "solve":
            inst = load_instance(args.instance)
        else:  # a locked meeting whose place broke is kept by replan, reported by check
            inst = instance_from_dict(json.loads(Path(args.instance).read_text("utf-8")), False)
            check_all_but_places(inst, find_broken_locks(inst))
    except InstanceError as exc:
        print("\n".join(f"INSTANCE ERROR: {p}" for p in exc.problems), file=sys.stderr)
        return 2
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cannot read instance: {exc}", file=sys.stderr)
        return 2
    if args.command == "replan":
        sol = replan(
            inst,
            time_limit=args.time_limit,
            allow_moves=args.allow_moves,
            progress=_stderr_progress if args.verbose else None,
            seed=args.seed,
        )
        print(dumps(sol))
        return 0
    if args.command == "solve":

        def progress(stage: str, info: dict[str, float]) -> None:
            print(f"[{stage}] {info}", file=sys.stderr)

        sol = solve(
            inst,
            time_limit=args.time_limit,
            method=args.method,
            progress=progress if args.verbose else None,
            seed=args.seed,
            workers=args.workers,
            max_breaks=args.max_breaks,
            max_spread=args.max_spread,
        )
        print(dumps(sol))
        return 0
    try:
        sol = load_solution(args.solution)
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
        print(f"cannot read solution: {exc}", file=sys.stderr)
        return 2
    report = check(inst, sol)
    print(report.summary())
    return 0 if report.ok else 1
