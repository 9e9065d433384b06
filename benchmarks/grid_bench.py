"""How fast the organizer's meeting grid and a meeting's page answer on a large event, and
how much HTML they send.

Builds the issue's event in bulk: N delegates (3,000 by default), 150 tables, three blocks
of 20 slots, every cell taken (9,000 placed meetings) and 1,000 accepted meetings waiting
for a place; then times, as the organizer, GET .../manage/meetings/grid (first block, first
tables) and GET .../manage/meetings/grid/<id> (a placed meeting in the first block).

    python benchmarks/grid_bench.py [--delegates 3000] [--runs 7] [--database-url URL]

Without --database-url (or TEST_DATABASE_URL) it uses a throwaway SQLite file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.events.models import ProgrammeSession, SessionKind  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.meetings.models import (  # noqa: E402
    Meeting,
    MeetingBlock,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    RequestStatus,
)
from tests.factories import PASSWORD, create_event, create_user  # noqa: E402
from tests.reports.bulk import START, _delegates, _ids  # noqa: E402

TABLES, SLOTS, BLOCKS, WAITING = 150, 20, 3, 1000
TARGETS = {
    "grid": (0.5, 300_000),
    "meeting": (0.3, 300_000),
    "all=1": (0.3, 300_000),
    "swap=": (0.3, 300_000),
}


def _config(url: str) -> type:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]

    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url
        RATELIMIT_ENABLED = False

    return BenchConfig


def build(event, delegates: int) -> None:
    """Full grid: in each slot, 150 pairs of distinct delegates; then the waiting meetings."""
    people = _delegates(event, delegates, "g")
    tables = _ids(MeetingTable, [dict(event_id=event.id, number=n + 1) for n in range(TABLES)])
    slots = []
    for b in range(BLOCKS):
        begins = START + timedelta(days=b)
        session = ProgrammeSession(
            event=event,
            title=f"B2B {b + 1}",
            kind=SessionKind.B2B,
            starts_at=begins,
            ends_at=begins + timedelta(minutes=25 * SLOTS),
        )
        block = MeetingBlock(event=event, session=session)
        db.session.add_all([session, block])
        db.session.flush()
        slots += _ids(
            MeetingSlot,
            [
                dict(
                    block_id=block.id,
                    event_id=event.id,
                    starts_at=begins + timedelta(minutes=25 * n),
                    ends_at=begins + timedelta(minutes=25 * n + 20),
                )
                for n in range(SLOTS)
            ],
        )
    places = [(s, t) for s in slots for t in tables] + [(None, None)] * WAITING
    pairs = []
    for k, _place in enumerate(places):
        first = (k * 2 + (k // len(people)) * 7) % len(people)
        pairs.append((people[first], people[(first + 1) % len(people)]))
    requests = _ids(
        MeetingRequest,
        [
            dict(
                event_id=event.id,
                requester_id=a,
                recipient_id=b,
                kind=MeetingKind.B2B,
                status=RequestStatus.ACCEPTED,
            )
            for a, b in pairs
        ],
    )
    meetings = _ids(
        Meeting,
        [
            dict(
                event_id=event.id,
                request_id=r,
                slot_id=s,
                table_id=t,
                status=MeetingStatus.SCHEDULED,
            )
            for r, (s, t) in zip(requests, places, strict=True)
        ],
    )
    db.session.execute(
        sa.insert(MeetingParticipant),
        [
            dict(meeting_id=m, registration_id=person, slot_id=place[0])
            for m, pair, place in zip(meetings, pairs, places, strict=True)
            for person in pair
        ],
    )
    db.session.commit()


def _timed(client, path: str) -> tuple[float, int, int]:
    statements: list[int] = []

    def count(*_args):
        statements.append(1)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    sa.event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200, response.status_code
    return elapsed, len(statements), len(response.data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='grid-bench-')}/bench.db"
    app = create_app(_config(url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        organizer = create_user(email="organizer@bench.example")
        event = create_event([organizer], slug="bench")
        started = time.perf_counter()
        build(event, args.delegates)
        built = time.perf_counter() - started
        meeting_id = db.session.scalar(
            sa.select(sa.func.min(Meeting.id)).where(Meeting.slot_id.is_not(None))
        )
        engine = db.engine.dialect.name
        client = app.test_client()
        client.post("/login", data={"email": organizer.email, "password": PASSWORD})
        base = f"/events/{event.slug}/manage/meetings/grid"
        pages = {
            "grid": base,
            "meeting": f"{base}/{meeting_id}",
            "all=1": f"{base}/{meeting_id}?all=1",
            "swap=": f"{base}/{meeting_id}?all=1&swap=Delegate+12",
        }
        results = {}
        for name, path in pages.items():
            _timed(client, path)  # warm-up: templates compiled
            results[name] = [_timed(client, path) for _ in range(args.runs)]
        db.session.remove()
        db.drop_all()
    print(f"{engine}: {args.delegates:,} delegates, {TABLES} tables x {SLOTS} slots x {BLOCKS}")
    print(f"blocks, {TABLES * SLOTS * BLOCKS:,} placed and {WAITING:,} waiting meetings,")
    print(f"built in {built:.1f} s; {args.runs} runs each")
    print(f"{'page':<10}{'median':>10}{'target':>10}{'HTML':>12}{'queries':>10}")
    for name, runs in results.items():
        median = statistics.median(t for t, _n, _s in runs)
        size = max(s for _t, _n, s in runs)
        queries = "/".join(map(str, sorted({n for _t, n, _s in runs})))
        target_s, target_size = TARGETS[name]
        verdict = "ok" if median <= target_s and size <= target_size else "SLOW/BIG"
        print(
            f"{name:<10}{median * 1000:>8.0f} ms{target_s * 1000:>7.0f} ms"
            f"{size / 1000:>9.0f} kB{queries:>10}  {verdict}"
        )


if __name__ == "__main__":
    main()
