"""Generated forums, before and after a change, side by side: placed weight vs the LP bound,
breaks, wall time vs the limit, peak memory.

    python benchmarks/generated_bench.py --before /path/to/old/checkout [--load] [--sizes ...]

Each solve runs in its own process under /usr/bin/time -v (peak RSS); the wall time is taken
inside that process from the solve() call to its answer, so it includes building the model,
the bounds and the reasons. The LP bound (forum/scheduling/bounds.py) is computed once per
instance by this checkout. --load keeps one CPU-bound process running throughout, as on a
busy machine. Every answer is checked by forum/scheduling/check.py.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.instance_generator import generate_size  # noqa: E402
from forum.scheduling.bounds import best_bound  # noqa: E402
from forum.scheduling.core import Problem  # noqa: E402
from forum.scheduling.model import instance_from_dict  # noqa: E402

LIMITS = {"small": 10.0, "medium": 10.0, "loose": 10.0, "large": 20.0, "forum3000": 20.0}

# runs in a fresh interpreter with the checkout under test first on sys.path
RUNNER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from forum.scheduling.check import check
from forum.scheduling.model import load_instance
from forum.scheduling.solver import solve
inst = load_instance(sys.argv[2])
t0 = time.monotonic()
sol = solve(inst, time_limit=float(sys.argv[3]))
wall = time.monotonic() - t0
rep = check(inst, sol)
print(json.dumps({"wall": wall, "ok": rep.ok, "placed": rep.placed, "weighted": rep.weighted,
                  "breaks": rep.total_gaps, "max_breaks": rep.max_gaps,
                  "method": sol.stats.get("method", "")}))
"""


def _row(cells: list[object]) -> str:
    """One markdown table row."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def run_one(tree: Path, instance: Path, limit: float) -> dict[str, object]:
    """Solve one instance with the checkout at tree; add the peak RSS in MB."""
    cmd = ["/usr/bin/time", "-v", sys.executable, "-c", RUNNER, str(tree), str(instance)]
    proc = subprocess.run([*cmd, str(limit)], capture_output=True, text=True, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{tree} failed on {instance}: {proc.stderr[-2000:]}")
    out: dict[str, object] = json.loads(lines[-1])
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    out["rss_mb"] = int(rss.group(1)) / 1024 if rss else float("nan")
    return out


def main(argv: list[str] | None = None) -> int:
    """Generate the instances, run every checkout on each, print one table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", nargs="*", default=list(LIMITS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--before", type=Path, help="checkout of the code before the change")
    ap.add_argument("--load", action="store_true", help="one CPU-bound process alongside")
    ap.add_argument("--time-limit", type=float, help="for every size (default: LIMITS)")
    args = ap.parse_args(argv)
    trees = [("before", args.before)] if args.before else []
    trees.append(("after", ROOT))
    burner = None
    if args.load:
        burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    head = ["size", "code", "limit s", "wall s", "placed", "weighted", "LP bound", "% of bound"]
    head += ["breaks", "max breaks", "peak RSS MB", "method"]
    print(_row(head))
    print(_row(["---"] * len(head)))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for size in args.sizes:
                data = generate_size(size, args.seed)
                path = Path(tmp) / f"{size}.json"
                path.write_text(json.dumps(data), encoding="utf-8")
                bound, _ = best_bound(Problem(instance_from_dict(data)))
                limit = args.time_limit or LIMITS.get(size, 10.0)
                for name, tree in trees:
                    r = run_one(tree, path, limit)
                    assert r["ok"], f"{name} broke a rule on {size}"
                    w = int(r["weighted"])  # type: ignore[call-overload]
                    cells = [size, name, f"{limit:.0f}", f"{r['wall']:.1f}"]
                    cells += [f"{r['placed']}/{len(data['meetings'])}", w, bound]
                    cells += [f"{100 * w / bound:.2f}" if bound else "-"]
                    cells += [r["breaks"], r["max_breaks"], f"{r['rss_mb']:.0f}", r["method"]]
                    print(_row(cells), flush=True)
    finally:
        if burner is not None:
            burner.kill()
            burner.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
