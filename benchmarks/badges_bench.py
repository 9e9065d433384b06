"""Badge benchmark on the demo Peru forum grown to --delegates approved delegates (115 by
default, the size that took 7-12 s inside the request).

    .venv/bin/python benchmarks/badges_bench.py [--delegates 115] [--runs 3]

Prints one markdown table: the badge PDF rendered in one piece (what GET badges.pdf did
for every event), the same in chunks with progress (what the print-run job does), and how
long the request that starts a run takes to answer (the job itself runs in a thread).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.pdf_bench import PASSWORD, SLUG, bench_config, median_of, prepare, row, timed  # noqa: E402
from forum import create_app  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.events.models import Event  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.registration.services import badges  # noqa: E402


def join_runs() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("document-job-"):
            thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=115)
    parser.add_argument("--runs", type=int, default=3, help="runs per median")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="foro-badges-bench-")
    app = create_app(bench_config(f"sqlite:///{folder}/bench.sqlite3"))
    app.instance_path = folder
    event_id, _email, summary = prepare(app, None, args.delegates)
    print(f"{summary}; {os.cpu_count()} CPUs\n")
    print(row(["measure", "time"]))
    print(row(["---", "---:"]))
    results = Printed()  # each figure printed as soon as it is measured

    def in_app(work):
        def run():
            with app.app_context():
                event = db.session.get(Event, event_id)
                return work(event, badges.approved_registrations(event))

        return run

    for layout in ("sheet", "single"):

        def whole(event, chosen, layout=layout):
            return badges.badge_pdf(event, chosen, layout=layout, chunk=max(len(chosen), 1))

        def chunked(event, chosen, layout=layout):
            return badges.badge_pdf(event, chosen, layout=layout, progress=lambda *_: None)

        for label, work in (("in one piece", whole), ("in chunks with progress", chunked)):
            median = median_of(in_app(work), args.runs)
            results.append(
                [f"{layout}: badge_pdf {label} (median of {args.runs})", f"{median:.2f} s"]
            )

    client = app.test_client()
    organizer = "badges-bench-admin@example.org"
    with app.app_context():
        admin = User(email=organizer, name="Bench admin", is_admin=True)
        admin.set_password(PASSWORD)
        db.session.add(admin)
        db.session.commit()
    client.post("/login", data={"email": organizer, "password": PASSWORD})
    url = f"/events/{SLUG}/manage/badges.pdf"
    answer = timed(lambda: client.get(url))
    results.append(["GET badges.pdf: time to answer", f"{answer:.2f} s"])
    started = timed(lambda: client.post(f"/events/{SLUG}/manage/badges", data={"layout": "sheet"}))
    results.append(["POST manage/badges (start a print run): time to answer", f"{started:.2f} s"])
    finished = timed(join_runs)
    results.append(["... the run, finishing in its thread after that", f"{finished:.2f} s"])


class Printed(list):
    def append(self, result: list[object]) -> None:
        super().append(result)
        print(row(result), flush=True)


if __name__ == "__main__":
    main()
