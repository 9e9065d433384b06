"""How fast the directory, the desk's list and the project catalogue answer a search, and how
many queries each makes, on a 300- and a 3,000-delegate event side by side.

Builds both events from the Peru demo's delegates repeated (bulk inserts:
tests/directory/bulk.py; a twentieth as many accepted projects), then times each page as the
events' organizer through the test client and prints the median of the runs, the target for
the directory (300 ms at 3,000 delegates) and the query count of each size.

    python benchmarks/directory_bench.py [--sizes 300,3000] [--runs 7] [--database-url URL]

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
from tests.directory.bulk import grow  # noqa: E402
from tests.factories import PASSWORD, create_event, create_user  # noqa: E402

TARGET_MS = 300
PAGES = (
    ("directory, first page", "/events/{slug}/delegates"),
    ("directory, one word", "/events/{slug}/delegates?q=cajamarca"),
    ("directory, two words", "/events/{slug}/delegates?q=cooperativa+cafetalera"),
    ("directory, words any order", "/events/{slug}/delegates?q=cajamarca+gobierno"),
    ("directory, a filter", "/events/{slug}/delegates?type=investor"),
    ("desk list, two words", "/events/{slug}/manage/registrations?q=gobierno+cajamarca"),
    ("catalogue, two words", "/events/{slug}/projects?q=cafe+jaen"),
)


def _config(url: str) -> type:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]

    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url
        RATELIMIT_ENABLED = False

    return BenchConfig


def _timed(client, path: str) -> tuple[float, int]:
    statements: list[int] = []

    def count(*_args):
        statements.append(1)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    sa.event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200, (path, response.status_code)
    return elapsed, len(statements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,3000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='dir-bench-')}/bench.db"
    app = create_app(_config(url))
    results: dict[tuple[str, int], tuple[float, int]] = {}
    with app.app_context():
        db.drop_all()
        db.create_all()
        organizer = create_user(email="organizer@bench.example")
        slugs = {}
        for size in sizes:
            event = create_event([organizer], slug=f"bench-{size}")
            started = time.perf_counter()
            grow(event, size, prefix=f"s{size}-")
            print(f"{size:,} delegates built in {time.perf_counter() - started:.1f} s")
            slugs[size] = event.slug
        engine = db.engine.dialect.name
        client = app.test_client()
        client.post("/login", data={"email": organizer.email, "password": PASSWORD})
        for name, path in PAGES:
            for size in sizes:
                page = path.format(slug=slugs[size])
                _timed(client, page)  # warm-up: templates compiled, caches filled
                runs = [_timed(client, page) for _ in range(args.runs)]
                queries = max(n for _t, n in runs)
                results[name, size] = statistics.median(t for t, _n in runs), queries
        db.session.remove()
        db.drop_all()
    print(f"{engine}, median of {args.runs} runs (ms) and queries per page:")
    header = "".join(f"{f'{size:,} delegates':>22}" for size in sizes)
    print(f"{'GET':<30}{header}")
    for name, _path in PAGES:
        cells = "".join(
            f"{results[name, size][0] * 1000:>10.0f} ms{results[name, size][1]:>5} q    "
            for size in sizes
        )
        print(f"  {name:<28}{cells}")
    largest = max(sizes)
    slow = [
        n
        for n, _p in PAGES
        if n.startswith("directory") and results[n, largest][0] * 1000 > TARGET_MS
    ]
    verdict = "ok" if not slow else "SLOW: " + ", ".join(slow)
    print(f"directory target {TARGET_MS} ms at {largest:,} delegates: {verdict}")


if __name__ == "__main__":
    main()
