"""The batch scheduler through the web app on the scale event: preview, plan page, apply.

Builds the event of benchmarks/scale_event.py (n delegates: n/20 tables x 60 slots, 10n/3
accepted meetings of which 3n placed and published: 10,000 and 9,000 at n = 3,000) and
drives the organizer's pages as a browser would: POST the schedule form, follow the job
page until the plan is there, GET the plan page, POST its apply form. Prints, per size:
preview wall (POST until the plan page is shown), the engine's own report, the plan page
(ms of one more GET, KB), apply wall, SQL statements of the preview and of the apply, and
the peak RSS of the process during them.

    .venv/bin/python benchmarks/schedule_glue_bench.py [--sizes 300,3000] [--mode reschedule]
        [--time-limit 10] [--database-url URL] [--root PATH]

--root runs another checkout's code (e.g. a worktree of the branch point) with this script,
so both versions are measured the same way. Without --database-url (or TEST_DATABASE_URL)
it uses a SQLite file under /tmp.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import tempfile
import time
from html import unescape
from pathlib import Path


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,3000")
    parser.add_argument("--mode", default="reschedule", choices=("fill", "reschedule"))
    parser.add_argument("--time-limit", type=int, default=10)
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    return parser.parse_args()


ARGS = _args()
sys.path.insert(0, ARGS.root)


# the helpers of scale.py, which older checkouts (--root) have under the same names
from benchmarks.scale import Counter, _config  # noqa: E402
from benchmarks.scale_event import build  # noqa: E402
from forum import create_app  # noqa: E402
from forum.extensions import db  # noqa: E402
from tests.factories import PASSWORD, create_event, create_user  # noqa: E402
from tests.factories.accounts import password_hash  # noqa: E402

APPLY_FORM = re.compile(r'<form[^>]*action="([^"]*/schedule/apply)"[^>]*>(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')
NAME, VALUE = re.compile(r'name="([^"]*)"'), re.compile(r'value="([^"]*)"')
ENGINE = re.compile(r"(heuristic[^<]{0,80}?\d+(?:\.\d+)? s)")


def _reset_peak() -> None:
    """Start a new peak-RSS measurement (Linux: VmHWM back to the current RSS)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _apply_fields(page: str) -> tuple[str, dict[str, str]] | None:
    found = APPLY_FORM.search(page)
    if not found:
        return None
    fields = {}
    for tag in HIDDEN.findall(found.group(2)):
        name, value = NAME.search(tag), VALUE.search(tag)
        if name:
            fields[unescape(name.group(1))] = unescape(value.group(1)) if value else ""
    return unescape(found.group(1)), fields


def _follow(client, response, deadline: float):
    """Follow redirects and self-refreshing job pages until a page that stays."""
    polls = 0
    while True:
        if response.status_code in (301, 302, 303):
            response = client.get(response.headers["Location"])
            continue
        if "Refresh" in response.headers and time.perf_counter() < deadline:
            polls += 1
            time.sleep(0.5)
            response = client.get(response.request.path)
            continue
        return response, polls


def run(app, size: int, counter: Counter) -> dict:
    with app.app_context():
        organizer = create_user(email=f"organizer{size}@glue.example")
        organizer.password_hash = password_hash()
        event = create_event([organizer], slug=f"glue-{size}", name=f"Glue {size}")
        started = time.perf_counter()
        build(event, size, prefix=f"g{size}-")
        built = time.perf_counter() - started
        slug, email = event.slug, organizer.email
        db.session.commit()
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    base = f"/events/{slug}/manage/meetings/schedule"
    out: dict = {"built": built}
    _reset_peak()
    before = counter.count
    started = time.perf_counter()
    response = client.post(base, data={"mode": ARGS.mode, "time_limit": str(ARGS.time_limit)})
    response, polls = _follow(client, response, started + 600)
    page = response.get_data(as_text=True)
    out["preview_s"] = time.perf_counter() - started
    out["preview_q"] = counter.count - before - polls  # the polls' own statements are few
    out["polls"] = polls
    out["page_kb"] = len(page.encode()) / 1024
    engine = ENGINE.search(page)
    out["engine"] = engine.group(1) if engine else ""
    out["placed"] = re.search(r"(\d+) of (\d+)", page)
    out["placed"] = out["placed"].group(0) if out["placed"] else "?"
    if response.request.method == "GET":  # a plan page with its own address: time a reload
        again = time.perf_counter()
        before = counter.count
        reload = client.get(response.request.path)
        reload.get_data()
        out["page_ms"] = (time.perf_counter() - again) * 1000
        out["page_q"] = counter.count - before
    form = _apply_fields(page)
    if form is None:
        out["apply"] = "no apply form"
        out["peak_mb"] = _peak_mb()
        return out
    action, fields = form
    out["field_kb"] = sum(len(v) for v in fields.values()) / 1024
    before = counter.count
    started = time.perf_counter()
    applied = client.post(action, data=fields)
    applied, _polls = _follow(client, applied, started + 600)
    out["apply_s"] = time.perf_counter() - started
    out["apply_q"] = counter.count - before
    text = applied.get_data(as_text=True)
    said = re.search(r"Schedule applied: [^<]*|[^>]*make a new[^<]*", text)
    out["apply"] = said.group(0).strip() if said else "?"
    out["peak_mb"] = _peak_mb()
    return out


def main() -> None:
    url = ARGS.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='glue-bench-')}/bench.db"
    app = create_app(_config(url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        counter = Counter(db.engine)
        engine = db.engine.dialect.name
    print(f"code {ARGS.root}, {engine}, mode {ARGS.mode}, time limit {ARGS.time_limit} s")
    for size in [int(s) for s in ARGS.sizes.split(",")]:
        r = run(app, size, counter)
        print(f"{size:,} delegates (built in {r['built']:.1f} s)")
        print(f"  preview   {r['preview_s']:6.1f} s  {r['preview_q']:>6} statements  "
              f"polls {r['polls']}  engine: {r['engine']}  placed {r['placed']}")  # fmt: skip
        ms = f"{r['page_ms']:.0f} ms, {r['page_q']} statements" if "page_ms" in r else "(no GET)"
        print(f"  plan page {r['page_kb']:7.0f} KB  reload {ms}  "
              f"apply form fields {r.get('field_kb', 0):.0f} KB")  # fmt: skip
        if "apply_s" in r:
            print(f"  apply     {r['apply_s']:6.1f} s  {r['apply_q']:>6} statements  {r['apply']}")
        else:
            print(f"  apply     {r['apply']}")
        print(f"  total     {r['preview_s'] + r.get('apply_s', 0):6.1f} s  "
              f"peak RSS during preview+apply {r['peak_mb']:.0f} MB")  # fmt: skip
    with app.app_context():
        db.session.remove()
        db.drop_all()


if __name__ == "__main__":
    main()
