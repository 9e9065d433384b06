"""Mailing benchmark: send one mailing to 3,000 delegates through the page, on SQLite.

Builds an event with N approved delegates (bulk inserts), half reading Spanish and half
English, logs in its organizer and times the POST that sends a mailing using every merge
field (the calendar link makes 3,000 feed tokens): one audience query, one token insert,
one outbox insert, the audit entry and the commit. Delivery is not part of it (no
MAIL_SERVER: the mails wait in the outbox, as they would for the worker).

    python benchmarks/mailing_bench.py [--delegates 3000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.core.types import utcnow  # noqa: E402
from forum.events.models import Event, EventRole, EventStatus  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.mailings.models import Mailing  # noqa: E402
from forum.notifications.models import Mail  # noqa: E402
from forum.registration.models import (  # noqa: E402
    Organisation,
    OrganisationType,
    Registration,
    RegistrationStatus,
)

PASSWORD = "benchmark password"
GOAL_S = 2.0
WARM_UP = 10  # waiting delegates: a first, small mailing warms the server up (a live one is)


def _config(folder: str) -> type:
    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.sqlite3"
        RATELIMIT_ENABLED = False

    return BenchConfig


def build(delegates: int) -> tuple[Event, User, Mailing, Mailing]:
    organizer = User(
        email="olga@bench.example",
        name="Olga Organizer",
        locale="en",
        password_hash=generate_password_hash(PASSWORD),
        email_confirmed_at=utcnow(),
    )
    event = Event(
        slug="bench", name="Foro de inversión 2026", timezone="America/Lima",
        start_date=date(2026, 10, 16), end_date=date(2026, 10, 17), status=EventStatus.PUBLISHED,
    )  # fmt: skip
    db.session.add_all([organizer, event, EventRole(event=event, user=organizer)])
    db.session.flush()
    now = utcnow()
    db.session.execute(
        sa.insert(Organisation),
        [
            {"name": f"Cooperativa {n}", "type": OrganisationType.PRODUCER_ORGANISATION,
             "country": "PE", "created_at": now}
            for n in range(delegates // 10)
        ],
    )  # fmt: skip
    org_ids = db.session.scalars(sa.select(Organisation.id).order_by(Organisation.id)).all()
    db.session.execute(
        sa.insert(User),
        [
            {"email": f"d{n}@bench.example", "name": f"Delegada {n}",
             "locale": "es" if n % 2 else "en", "password_hash": "", "created_at": now}
            for n in range(delegates + WARM_UP)
        ],
    )  # fmt: skip
    user_ids = db.session.scalars(
        sa.select(User.id).where(User.email.like("d%@bench.example")).order_by(User.id)
    ).all()
    db.session.execute(
        sa.insert(Registration),
        [
            {"event_id": event.id, "user_id": user_id,
             "status": RegistrationStatus.WAITING if n < WARM_UP else RegistrationStatus.APPROVED,
             "organisation_id": org_ids[n % len(org_ids)], "created_at": now,
             "updated_at": now, "status_changed_at": now}
            for n, user_id in enumerate(user_ids)
        ],
    )  # fmt: skip
    mailing = Mailing(
        event_id=event.id,
        subject_es="Su agenda, {name}",
        body_es="Estimada/o {name} ({organisation}):\n{agenda_link}\n{calendar_link}\n",
        subject_en="Your agenda, {name}",
        body_en="Dear {name} ({organisation}):\n{agenda_link}\n{calendar_link}\n",
        audience={"statuses": ["approved"]},
    )
    warm_up = Mailing(
        event_id=event.id,
        subject_en=mailing.subject_en,
        body_en=mailing.body_en,
        audience={"statuses": ["waiting"]},
    )
    db.session.add_all([mailing, warm_up])
    db.session.commit()
    return event, organizer, mailing, warm_up


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(_config(folder))
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            event, organizer, mailing, warm_up = build(args.delegates)
            print(f"built {args.delegates} delegates in {time.perf_counter() - started:.1f} s")
            client = app.test_client()
            client.post("/login", data={"email": organizer.email, "password": PASSWORD})
            mailing_id = mailing.id
            manage = f"/events/{event.slug}/manage/mailings"
            url = f"{manage}/{mailing_id}"
            client.get(f"{manage}/{warm_up.id}")
            client.post(f"{manage}/{warm_up.id}/send", data={"expected": str(WARM_UP)})
            started = time.perf_counter()
            page = client.get(url)
            compose = time.perf_counter() - started
            started = time.perf_counter()
            response = client.post(f"{url}/send", data={"expected": str(args.delegates)})
            elapsed = time.perf_counter() - started
            db.session.remove()
            queued = db.session.scalar(
                sa.select(sa.func.count(Mail.id)).where(Mail.mailing_id == mailing_id)
            )
            assert page.status_code == 200 and response.status_code == 302, response.status_code
            assert queued == args.delegates, queued
            print(f"draft page with preview and count: {compose * 1000:.0f} ms")
            verdict = "ok" if elapsed < GOAL_S else "SLOW"
            print(
                f"send to {queued} delegates (POST, one transaction): {elapsed * 1000:.0f} ms "
                f"(goal < {GOAL_S:.0f} s) {verdict}"
            )


if __name__ == "__main__":
    main()
