"""CPU of a delegate's first download of the personal agenda PDF: the worker and the renderer.

    .venv/bin/python benchmarks/agenda_pdf_cpu.py --database-url postgresql://... [--keep] \
        [--delegates 3000] [--documents 40]

The forum of benchmarks/request_cpu.py (built once, --keep reuses it), no Redis: every
GET /events/<slug>/me/agenda.pdf renders its PDF, as a first download does. Logs in
--accounts delegates and downloads each one's agenda in turn (--documents in all; the first
round warms up and is not counted) and prints the medians and means of: this process's CPU
per request (time.process_time: building the HTML, the view), the renderer's CPU per
document (the PDF forkserver and every process under it, from /proc: user + system time
of the live ones and of the ones that ended and were waited for), SQL statements, wall time.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from multiprocessing import forkserver
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.request_cpu import HEADERS, RoundTrips, _config, _prepare  # noqa: E402
from forum import create_app  # noqa: E402
from forum.core.pdf import start_renderer  # noqa: E402
from forum.extensions import db  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd (state) on


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):  # ended meanwhile
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def tree_cpu(pid: int) -> float:
    """CPU seconds of `pid` and everything under it, live or waited for."""
    try:
        fields = _stat(pid)
        # utime, stime, cutime, cstime: fields 14-17 of /proc/pid/stat (11-14 here)
        total = sum(int(f) for f in fields[11:15]) / TICK
        return total + sum(tree_cpu(child) for child in _children(pid))
    except (OSError, ValueError):
        return 0.0  # ended between the listing and the read


def renderer_cpu() -> float:
    pid = forkserver._forkserver._forkserver_pid
    return tree_cpu(pid) if pid else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument("--accounts", type=int, default=10)
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="reuse the forum built last time")
    args = parser.parse_args()
    app = create_app(_config(args.database_url, ""))  # no Redis: every download renders
    plan_file = Path(tempfile.gettempdir()) / f"request-cpu-plan-{args.delegates}.json"
    plan = _prepare(app, args.delegates, args.keep, plan_file)
    with app.app_context():
        engine = db.engine
    start_renderer()
    clients = []
    for account in plan["accounts"][: args.accounts]:
        client = app.test_client()
        answer = client.post(
            "/login", data={"email": account["email"], "password": plan["password"]}
        )
        assert answer.status_code == 302, answer.status_code
        clients.append(client)
    path = f"/events/{plan['slug']}/me/agenda.pdf"
    worker, child, walls, sizes, statements = [], [], [], [], 0
    for n in range(args.documents + len(clients)):
        client = clients[n % len(clients)]
        with RoundTrips(engine) as trips:
            rendered = renderer_cpu()
            wall, started = time.perf_counter(), time.process_time()
            response = client.get(path, headers=HEADERS)
            body = response.get_data()
            cpu, wall = time.process_time() - started, time.perf_counter() - wall
            rendered = renderer_cpu() - rendered
        assert response.status_code == 200 and body.startswith(b"%PDF-"), response.status_code
        if n >= len(clients):  # the first round warms up
            worker.append(cpu * 1000)
            child.append(rendered * 1000)
            walls.append(wall * 1000)
            sizes.append(len(body))
            statements = trips.statements
    print(f"agenda.pdf first downloads: {len(worker)} documents, {len(clients)} delegates")
    print("| | median | mean |\n|---|---|---|")
    for label, values in (("worker CPU ms", worker), ("renderer CPU ms", child),
                          ("wall ms", walls)):  # fmt: skip
        print(f"| {label} | {statistics.median(values):.1f} | {statistics.fmean(values):.1f} |")
    total = [w + c for w, c in zip(worker, child, strict=True)]
    print(f"| worker + renderer CPU ms | {statistics.median(total):.1f} | "
          f"{statistics.fmean(total):.1f} |")  # fmt: skip
    print(f"SQL statements per request: {statements}; PDF {statistics.fmean(sizes) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
