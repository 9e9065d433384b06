"""How fast the event dashboard answers on a large event, and how many queries it makes.

Builds an event with N delegates (3,000 by default) with meeting requests, placed meetings and
their outcomes, projects, interests and commitments (bulk inserts: tests/reports/bulk.py), then
times GET /events/<slug>/manage/ as its organizer through the test client:

- "charts drawn": each run starts with the chart cache empty (the figures just changed);
- "charts kept": the same figures again (the charts come from the cache, the figures do not).

Prints the median of the runs next to the 1 s target, and the query count.

    python benchmarks/dashboard_bench.py [--delegates 3000] [--runs 7] [--database-url URL]

Without --database-url (or TEST_DATABASE_URL) it uses a throwaway SQLite file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.reports import charts  # noqa: E402
from tests.factories import PASSWORD, create_event, create_user  # noqa: E402
from tests.reports.bulk import grow  # noqa: E402

TARGET_S = 1.0


def _config(url: str) -> type:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]

    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url
        RATELIMIT_ENABLED = False

    return BenchConfig


def _forget_charts() -> None:
    for drawn in (charts._bars, charts._grouped_bars, charts._lines):
        drawn.cache_clear()


def _timed(client, path: str, cold: bool) -> tuple[float, int]:
    statements: list[int] = []

    def count(*_args):
        statements.append(1)

    if cold:
        _forget_charts()
    sa.event.listen(db.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    sa.event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200, response.status_code
    return elapsed, len(statements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='dash-bench-')}/bench.db"
    app = create_app(_config(url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        organizer = create_user(email="organizer@bench.example")
        event = create_event([organizer], slug="bench")
        started = time.perf_counter()
        grow(event, args.delegates, prefix="b")
        built = time.perf_counter() - started
        engine = db.engine.dialect.name
        client = app.test_client()
        client.post("/login", data={"email": organizer.email, "password": PASSWORD})
        path = f"/events/{event.slug}/manage/"
        _timed(client, path, cold=True)  # warm-up: templates compiled, caches filled
        drawn = [_timed(client, path, cold=True) for _ in range(args.runs)]
        kept = [_timed(client, path, cold=False) for _ in range(args.runs)]
        db.session.remove()
        db.drop_all()
    print(f"{engine}: {args.delegates:,} delegates built in {built:.1f} s; {args.runs} runs each")
    print(f"{'GET /events/<slug>/manage/':<32}{'median':>10}{'target':>10}{'queries':>10}")
    for name, runs in (("charts drawn", drawn), ("charts kept", kept)):
        median = statistics.median(t for t, _n in runs)
        queries = sorted({n for _t, n in runs})
        verdict = "ok" if median <= TARGET_S else "SLOW"
        print(
            f"  {name:<30}{median * 1000:>8.0f} ms{TARGET_S * 1000:>7.0f} ms"
            f"{'/'.join(map(str, queries)):>10}  {verdict}"
        )


if __name__ == "__main__":
    main()
