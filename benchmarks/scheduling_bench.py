"""Scheduler benchmark: generated sizes (quality vs bound) and the published B2B instances."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.instance_generator import generate_size  # noqa: E402
from forum.scheduling.check import check  # noqa: E402
from forum.scheduling.model import instance_from_dict, load_instance  # noqa: E402
from forum.scheduling.solver import solve  # noqa: E402

# ../shared next to the checkout, else the shared folder of the machine the suite was made on
PUBLISHED = next(
    (
        folder / "benchmarks" / "b2b-published"
        for folder in (Path(__file__).resolve().parents[2] / "shared", Path("/work/shared"))
        if (folder / "benchmarks" / "b2b-published").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "b2b-published",
)
HEURISTIC_LIMIT = {"small": 2.0, "medium": 5.0, "large": 9.0}
EXACT_LIMIT = {"small": 10.0, "medium": 20.0}


def _row(cells: list[object]) -> str:
    """One markdown table row."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def bench_generated(sizes: list[str], seed: int) -> None:
    """Heuristic and exact runs on generated instances, compared with the upper bound."""
    head = ["size", "method", "time s", "placed", "weighted", "bound", "ratio", "gaps", "max gaps"]
    print(_row(head))
    print(_row(["---"] * len(head)))
    for size in sizes:
        inst = instance_from_dict(generate_size(size, seed))
        runs = [("heuristic", HEURISTIC_LIMIT[size])]
        if size in EXACT_LIMIT:
            runs.append(("exact", EXACT_LIMIT[size]))
        for method, limit in runs:
            t0 = time.monotonic()
            sol = solve(inst, time_limit=limit, method=method)  # type: ignore[arg-type]
            took = time.monotonic() - t0
            rep = check(inst, sol)
            assert rep.ok, rep.violations[:5]
            bound = sol.bound or 0
            print(
                _row(
                    [
                        size,
                        sol.stats["method"],
                        f"{took:.1f}",
                        f"{rep.placed}/{len(inst.meetings)}",
                        rep.weighted,
                        bound,
                        f"{rep.weighted / bound:.2%}" if bound else "-",
                        rep.total_gaps,
                        rep.max_gaps,
                    ]
                ),
                flush=True,
            )


def bench_published(limit: float, names: list[str] | None) -> None:
    """Run every published instance; compare breaks with the published optimum."""
    with open(PUBLISHED / "published-optima.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    head = ["instance", "all placed", "breaks", "published", "max breaks", "spread", "time s", "st"]
    print(_row(head))
    print(_row(["---"] * len(head)))
    hits = 0
    for r in rows:
        name = r["instance"]
        if names and name not in names:
            continue
        inst = load_instance(PUBLISHED / f"{name}.json")
        t0 = time.monotonic()
        sol = solve(inst, time_limit=limit)
        took = time.monotonic() - t0
        rep = check(inst, sol)
        assert rep.ok, rep.violations[:5]
        spread = rep.max_gaps - min(rep.gaps.values())
        best = int(r["best_breaks"])
        hits += rep.total_gaps <= best
        print(
            _row(
                [
                    name,
                    "yes" if rep.placed == len(inst.meetings) else f"no ({rep.placed})",
                    rep.total_gaps,
                    best,
                    rep.max_gaps,
                    spread,
                    f"{took:.1f}",
                    sol.stats.get("gaps_status", "-"),
                ]
            ),
            flush=True,
        )
    print(f"\npublished optimum reached on {hits} instance(s)")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the chosen benchmark."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("mode", choices=["generated", "published", "all"], nargs="?", default="all")
    ap.add_argument("--sizes", nargs="*", default=["small", "medium", "large"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=5.0, help="per published instance")
    ap.add_argument("--only", nargs="*", help="published instance names")
    args = ap.parse_args(argv)
    if args.mode in ("generated", "all"):
        bench_generated(args.sizes, args.seed)
        print()
    if args.mode in ("published", "all"):
        bench_published(args.time_limit, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
