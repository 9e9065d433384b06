"""Publishing the meeting plan and the first "My meetings" after request deadlines passed,
on a large event: time and SQL statements.

Builds an event with N delegates (tests/reports/bulk.py: one placed meeting per pair, a
pending request every sixth delegate), then

- publish: forum.meetings.services.schedule.publish, first publication (every delegate with
  a placed meeting gets one mail), then committed as the CLI does;
- My meetings: every pending request's deadline set in the past, then GET
  /events/<slug>/meetings as a delegate (the page used to expire the whole event's requests);
- tick: `forum tick`'s sweep of the expired requests (bounded batches).

    python benchmarks/publish_bench.py [--delegates 3000] [--database-url URL]

Without --database-url (or TEST_DATABASE_URL) it uses a throwaway SQLite file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.core.types import utcnow  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus  # noqa: E402
from forum.meetings.services import schedule  # noqa: E402
from forum.notifications.models import Mail  # noqa: E402
from forum.registration.models import Registration, RegistrationStatus  # noqa: E402
from tests.factories import PASSWORD, create_event, create_user  # noqa: E402
from tests.factories.accounts import password_hash  # noqa: E402
from tests.query_count import count_statements  # noqa: E402
from tests.reports.bulk import grow  # noqa: E402


def _config(url: str) -> type:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]

    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url
        RATELIMIT_ENABLED = False

    return BenchConfig


def _mails() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Mail))


def _publish(event) -> tuple[float, int, int]:
    db.session.execute(
        sa.update(Meeting)
        .where(Meeting.status == MeetingStatus.PUBLISHED)
        .values(status=MeetingStatus.SCHEDULED)
    )
    event.schedule_published_at = None
    db.session.commit()
    started = time.perf_counter()
    with count_statements(db) as counted:
        mails = schedule.publish(event)
        db.session.commit()
    return time.perf_counter() - started, counted.total, mails


def _my_meetings(app, event) -> tuple[float, int, int]:
    db.session.execute(
        sa.update(MeetingRequest)
        .where(MeetingRequest.status == RequestStatus.PENDING)
        .values(expires_at=utcnow() - timedelta(hours=1))
    )
    me = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.APPROVED,
        )
        .order_by(Registration.id)
    ).first()
    me.user.password_hash = password_hash()
    db.session.commit()
    client = app.test_client()
    client.post("/login", data={"email": me.user.email, "password": PASSWORD})
    before = _mails()
    started = time.perf_counter()
    with count_statements(db) as counted:
        response = client.get(f"/events/{event.slug}/meetings")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return elapsed, counted.total, _mails() - before


def _tick() -> tuple[float, int, int]:
    from forum.notifications.tick import tick

    started = time.perf_counter()
    with count_statements(db) as counted:
        report = tick()
    expired = getattr(report, "expired", 0)
    return time.perf_counter() - started, counted.total, expired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='publish-bench-')}/bench.db"
    app = create_app(_config(url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        organizer = create_user(email="organizer@bench.example")
        event = create_event([organizer], slug="bench")
        grow(event, args.delegates, prefix="b")
        engine = db.engine.dialect.name
        published = _publish(event)
        page = _my_meetings(app, event)
        swept = _tick()
        db.session.remove()
        db.drop_all()
    print(f"{engine}, {args.delegates:,} delegates")
    for name, (seconds, queries, count), unit in (
        ("publish", published, "mails"),
        ("first My meetings", page, "mails"),
        ("tick", swept, "expired"),
    ):
        print(f"  {name:<18} {seconds:7.2f} s {queries:>7} queries {count:>6} {unit}")


if __name__ == "__main__":
    main()
