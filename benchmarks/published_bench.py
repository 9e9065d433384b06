"""Published B2B instances: the old default and the new default side by side, one run.

    python benchmarks/published_bench.py --time-limit 10 [--only NAME ...] [--methods old auto]

Prints one markdown row per instance and method: breaks found vs the published optimum,
proven or not, every meeting placed, spread of breaks, wall seconds (call to answer), and the
CPU seconds the SAT stage's workers got together (at most 2 x their wall time on 2 cores:
a loaded machine shows here; each worker's search itself repeats exactly). Every
answer is checked by the independent checker. "at opt" needs every meeting placed, the
published number of breaks and a spread <= 2 (the paper's fairness). Methods: "old" is the
previous default (auto without the SAT stage: heuristic, annealing and CP-SAT), "auto" the
default now (the SAT stage when every meeting fits), or any solve() method (sat, exact, ...).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scheduling_bench import PUBLISHED  # noqa: E402
from forum.scheduling import solver  # noqa: E402
from forum.scheduling.check import check  # noqa: E402
from forum.scheduling.model import load_instance  # noqa: E402
from forum.scheduling.solver import solve  # noqa: E402


def _solve(inst: object, method: str, limit: float) -> object:
    """solve() with method; "old" = auto with the SAT stage switched off."""
    if method != "old":
        return solve(inst, time_limit=limit, method=method)  # type: ignore[arg-type]
    keep = solver.SAT_MAX_VARS
    solver.SAT_MAX_VARS = -1
    try:
        return solve(inst, time_limit=limit, method="auto")  # type: ignore[arg-type]
    finally:
        solver.SAT_MAX_VARS = keep


def _worker_cpu(stats: dict) -> str:
    """CPU seconds of the SAT workers together ("-" without a SAT stage)."""
    cpus = [e["cpu"] for e in stats.get("sat", []) if e.get("stage") == "workers"]
    return f"{cpus[0]:.1f}" if cpus else "-"


def _row(cells: list[object]) -> str:
    """One markdown table row."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main(argv: list[str] | None = None) -> int:
    """Run the chosen methods on the published instances and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--only", nargs="*", help="instance names")
    ap.add_argument("--methods", nargs="*", default=["old", "auto"])
    args = ap.parse_args(argv)
    with open(PUBLISHED / "published-optima.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if not args.only or r["instance"] in args.only]
    head = ["instance", "published"]
    for m in args.methods:
        head += [f"{m} breaks", f"{m} proven", f"{m} all placed", f"{m} spread", f"{m} s"]
        head += [f"{m} workers cpu s"]
    print(_row(head))
    print(_row(["---"] * len(head)))
    at_opt = dict.fromkeys(args.methods, 0)
    proven = dict.fromkeys(args.methods, 0)
    worst = dict.fromkeys(args.methods, 0.0)
    for r in rows:
        inst = load_instance(PUBLISHED / f"{r['instance']}.json")
        best = int(r["best_breaks"])
        cells: list[object] = [r["instance"], best]
        for m in args.methods:
            t0 = time.monotonic()
            sol = _solve(inst, m, args.time_limit)
            took = time.monotonic() - t0
            rep = check(inst, sol)
            if not rep.ok:
                print(f"INVALID {r['instance']} {m}: {rep.violations[:3]}", file=sys.stderr)
                return 1
            spread = rep.max_gaps - min(rep.gaps.values(), default=0)
            all_placed = rep.placed == len(inst.meetings)
            ok = all_placed and rep.total_gaps <= best and spread <= 2
            at_opt[m] += ok
            is_proven = sol.stats.get("gaps_status") == "optimal"
            proven[m] += is_proven and ok
            worst[m] = max(worst[m], took)
            cells += [
                rep.total_gaps,
                "yes" if is_proven else "no",
                "yes" if all_placed else f"no ({rep.placed})",
                spread,
                f"{took:.1f}",
                _worker_cpu(sol.stats),
            ]
        print(_row(cells), flush=True)
    print()
    for m in args.methods:
        print(
            f"{m}: at the published optimum {at_opt[m]}/{len(rows)}, proven there {proven[m]}, "
            f"slowest {worst[m]:.1f} s for a {args.time_limit:g} s limit"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
