"""Webhooks on a large event: what they add to publishing the meeting plan, and how fast a
local receiver is served.

Builds an event with N delegates (tests/reports/bulk.py: one placed meeting per pair), then
publishes the plan (first publication) twice: without any webhook, and with one endpoint
subscribed to meeting.placed and schedule.published; prints time, SQL statements and the
deliveries written. Then sends D of those deliveries, one attempt each, to a receiver on
127.0.0.1 started here (signed, checked like any delivery) and prints the time per delivery.

    python benchmarks/webhooks_bench.py [--delegates 3000] [--send 200] [--database-url URL]

Without --database-url (or TEST_DATABASE_URL) it uses a throwaway SQLite file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from benchmarks.publish_bench import _config  # noqa: E402
from forum import create_app  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.meetings.models import Meeting, MeetingStatus  # noqa: E402
from forum.meetings.services import schedule  # noqa: E402
from forum.webhooks.delivery import send_each  # noqa: E402
from forum.webhooks.models import WebhookDelivery, WebhookEndpoint  # noqa: E402
from tests.factories import create_event, create_user  # noqa: E402
from tests.query_count import count_statements  # noqa: E402
from tests.reports.bulk import grow  # noqa: E402


class _Quiet(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def _publish(event) -> tuple[float, int, int]:
    db.session.execute(
        sa.update(Meeting)
        .where(Meeting.status == MeetingStatus.PUBLISHED)
        .values(status=MeetingStatus.SCHEDULED)
    )
    event.schedule_published_at = None
    db.session.execute(sa.delete(WebhookDelivery))
    db.session.commit()
    db.session.expire_all()
    started = time.perf_counter()
    with count_statements(db) as counted:
        schedule.publish(event)
        db.session.commit()
    written = db.session.scalar(sa.select(sa.func.count()).select_from(WebhookDelivery))
    return time.perf_counter() - started, counted.total, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument("--send", type=int, default=200)
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='webhooks-bench-')}/b.db"
    app = create_app(_config(url))
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True  # the receiver is on 127.0.0.1
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with app.app_context():
        db.drop_all()
        db.create_all()
        event = create_event([create_user(email="organizer@bench.example")], slug="bench")
        grow(event, args.delegates, prefix="b")
        engine = db.engine.dialect.name
        without = _publish(event)
        db.session.add(
            WebhookEndpoint(
                event=event,
                url=f"http://127.0.0.1:{server.server_address[1]}/",
                kinds="meeting.placed,schedule.published",
                secret="whsec_bench",
            )
        )
        db.session.commit()
        with_hook = _publish(event)
        ids = list(db.session.scalars(sa.select(WebhookDelivery.id).limit(args.send)))
        started = time.perf_counter()
        delivered, failed = send_each(ids)
        sending = time.perf_counter() - started
        db.session.remove()
        db.drop_all()
    server.shutdown()
    print(f"{engine}, {args.delegates:,} delegates")
    for name, (seconds, queries, written) in (
        ("publish, no webhook", without),
        ("publish, 1 webhook", with_hook),
    ):
        print(f"  {name:<20} {seconds:7.2f} s {queries:>6} queries {written:>6} deliveries")
    print(
        f"  sent {delivered} ({failed} failed) in {sending:.2f} s: "
        f"{1000 * sending / max(len(ids), 1):.1f} ms per delivery"
    )


if __name__ == "__main__":
    main()
