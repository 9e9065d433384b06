"""CPU milliseconds per request of each action of the load mix, in-process (robust to load).

    .venv/bin/python benchmarks/request_cpu.py --database-url postgresql://... \
        [--delegates 3000] [--repeat 15] [--redis-url redis://127.0.0.1:63791/0] [--keep]

Builds the forum of benchmarks/load_event.py (once: --keep reuses it on the next run), logs a
delegate in through the test client, then runs each action of benchmarks/load_locustfile.py
--repeat times and prints the median of `time.process_time()` around the call (this
process's CPU only: the database's own CPU is not counted, nor any wait), the SQL statements
of one run (each a round trip to the database; a COMMIT or ROLLBACK and a pool_pre_ping are
round trips too, counted apart) and the body's size, and the load mix's means weighted by the
locustfile's task weights. The load run's 2 cores divided by the CPU mean is the throughput
the server could reach.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from benchmarks import load_event  # noqa: E402
from config import Config  # noqa: E402
from forum import create_app  # noqa: E402
from forum.events.models import Event  # noqa: E402
from forum.extensions import db  # noqa: E402

# (label, weight in the locustfile's mix, who, method, path); {slug} {side} {profile} {target}
ACTIONS = (
    ("programme, anonymous (page alone)", 0, "anonymous", "GET", "/events/{slug}/programme"),
    ("event page, anonymous (page alone)", 0, "anonymous", "GET", "/events/{slug}/"),
    ("programme", 5, "delegate", "GET", "/events/{slug}/programme"),
    ("event page", 2, "delegate", "GET", "/events/{slug}/"),
    ("directory", 3, "delegate", "GET", "/events/{slug}/delegates"),
    ("directory search", 2, "delegate", "GET", "/events/{slug}/delegates?q=cacao"),
    ("a profile", 2, "delegate", "GET", "/events/{slug}/delegates/{profile}"),
    ("My meetings", 3, "delegate", "GET", "/events/{slug}/meetings"),
    ("programme.ics", 1, "delegate", "GET", "/events/{slug}/programme.ics"),
    ("agenda.pdf", 1, "delegate", "GET", "/events/{slug}/me/agenda.pdf"),
    ("side event register form", 1, "delegate", "GET", "/events/{side}/register"),
    ("meeting request form", 1, "delegate", "GET", "/events/{slug}/delegates/{target}/request"),
    ("meeting request POST", 1, "delegate", "POST", "/events/{slug}/delegates/{target}/request"),
)


# what locust's FastHttpUser (and a browser) sends
HEADERS = {"Accept-Language": "es", "Accept-Encoding": "gzip, deflate"}


def _config(database_url: str, redis_url: str) -> type:
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://") :]

    class CpuConfig(Config):
        SQLALCHEMY_DATABASE_URI = database_url
        SECRET_KEY = "request-cpu-benchmark-" + "x" * 32
        REDIS_URL = redis_url
        RATELIMIT_ENABLED = False
        RATELIMIT_STORAGE_URI = "memory://"
        TRUSTED_HOSTS = None
        WTF_CSRF_ENABLED = False  # the POST is timed, not the token's round trip
        WEBHOOKS_SEND_AFTER_COMMIT = False

    return CpuConfig


def _prepare(app, delegates: int, keep: bool, plan_file: Path) -> dict:
    with app.app_context():
        exists = sa.inspect(db.engine).has_table("events") and db.session.scalar(
            sa.select(Event.id).where(Event.slug == "foro-carga-2027")
        )
        if exists and keep and plan_file.exists():
            return json.loads(plan_file.read_text())
        db.session.close()  # its open transaction would hold drop_all() on PostgreSQL forever
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        load_event.prepare(delegates, plan_file)
        print(f"built {delegates} delegates in {time.perf_counter() - started:.0f} s")
    return json.loads(plan_file.read_text())


class RoundTrips:
    """The SQL statements and the other round trips (COMMIT, ROLLBACK, pings) of a block."""

    def __init__(self, engine) -> None:
        self.statements = self.others = 0
        self.engine = engine

    def _statement(self, *_args) -> None:
        self.statements += 1

    def _other(self, *_args) -> None:
        self.others += 1

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._statement)
        for name in ("commit", "rollback"):
            sa.event.listen(self.engine, name, self._other)
        # pool_pre_ping runs its SELECT 1 on the raw connection: count it at the checkout
        if self.engine.pool._pre_ping:
            sa.event.listen(self.engine.pool, "checkout", self._other)
        return self

    def __exit__(self, *_exc) -> None:
        sa.event.remove(self.engine, "before_cursor_execute", self._statement)
        for name in ("commit", "rollback"):
            sa.event.remove(self.engine, name, self._other)
        if self.engine.pool._pre_ping:
            sa.event.remove(self.engine.pool, "checkout", self._other)


def _cpu(engine, client, method: str, path: str, data: dict | None) -> tuple:
    """CPU ms of this process, wall ms (a PDF renders in a child: only the wall counts it),
    body size, status, SQL statements and other round trips of one request."""
    with RoundTrips(engine) as trips:
        wall, started = time.perf_counter(), time.process_time()
        response = client.open(path, method=method, data=data, headers=HEADERS)
        body = response.get_data()
        cpu, wall = time.process_time() - started, time.perf_counter() - wall
    return cpu * 1000, wall * 1000, len(body), response.status_code, trips


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="reuse the forum built last time")
    parser.add_argument("--only", default="", help="only actions whose label has this")
    args = parser.parse_args()
    app = create_app(_config(args.database_url, args.redis_url))
    plan_file = Path(tempfile.gettempdir()) / f"request-cpu-plan-{args.delegates}.json"
    plan = _prepare(app, args.delegates, args.keep, plan_file)
    with app.app_context():  # no context stays pushed: each request gets its own, as served
        engine = db.engine
    account = plan["accounts"][0]
    targets = [t for a in plan["accounts"][1:] for t in a["targets"]]
    clients = {"anonymous": app.test_client(), "delegate": app.test_client()}
    answer = clients["delegate"].post(
        "/login", data={"email": account["email"], "password": plan["password"]}
    )
    assert answer.status_code == 302, answer.status_code
    fields = {"slug": plan["slug"], "side": plan["side_slug"], "profile": plan["profiles"][3]}
    rows, weighted, weighted_trips, weights = [], 0.0, 0, 0
    for label, weight, who, method, template in ACTIONS:
        if args.only and args.only not in label:
            continue
        times, walls, size, status, trips = [], [], 0, 0, None
        for run in range(args.repeat + 1):  # the first run warms up: not counted
            target = targets.pop() if "{target}" in template else 0
            path = template.format(**fields, target=target)
            data = None
            if method == "POST":
                data = {"message": "Hola", "priority": "2", "preferred_time": ""}
                clients[who].get(path)
            ms, wall, size, status, trips = _cpu(engine, clients[who], method, path, data)
            if run:
                times.append(ms)
                walls.append(wall)
        median = statistics.median(times)
        rows.append((label, weight, median, statistics.median(walls), size, status, trips))
        weighted += weight * median
        weighted_trips += weight * (trips.statements + trips.others)
        weights += weight
    print(f"CPU ms per request (median of {args.repeat}, this process only), "
          f"{args.delegates} delegates, Redis {'on' if args.redis_url else 'off'}")  # fmt: skip
    print("| action | weight | CPU ms | wall ms | statements | other round trips | KB | status |"
          "\n|---|---|---|---|---|---|---|---|")  # fmt: skip
    for label, weight, median, wall, size, status, trips in rows:
        print(f"| {label} | {weight} | {median:.1f} | {wall:.1f} | {trips.statements} | "
              f"{trips.others} | {size / 1024:.0f} | {status} |")  # fmt: skip
    if weights:
        mean = weighted / weights
        print(f"mix mean: {mean:.1f} CPU ms per request -> at most {2000 / mean:.0f} r/s on 2 "
              "cores (the database, locust and gunicorn not counted); "
              f"{weighted_trips / weights:.1f} database round trips per request")  # fmt: skip


if __name__ == "__main__":
    main()
