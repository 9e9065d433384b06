"""Survey benchmark: a survey of 3,000 delegates on SQLite, half of whom answered.

Builds an event with N approved delegates (bulk inserts, half reading Spanish), a survey open
today with every fixed question and N/2 responses, logs in its organizer and times the
answers page (figures and free texts), the CSV, the dashboard (the survey's figures among
the others) and "send now" (one invitation per delegate written to the outbox, in one
transaction; delivery is not part of it).

    python benchmarks/survey_bench.py [--delegates 3000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from benchmarks.bulk_delegates import approved_delegates  # noqa: E402
from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.core.types import utcnow  # noqa: E402
from forum.events.models import Event, EventRole, EventStatus  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.notifications.models import Mail  # noqa: E402
from forum.surveys.models import SurveyAnswer, SurveyResponse  # noqa: E402
from forum.surveys.questions import FIXED  # noqa: E402
from forum.surveys.services.setup import SurveyInput, save_survey  # noqa: E402

PASSWORD = "benchmark password"
TEXTS = ("Más tiempo por reunión", "Longer meeting slots", "La sede quedaba lejos", "")


def _config(folder: str) -> type:
    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.sqlite3"
        RATELIMIT_ENABLED = False

    return BenchConfig


def build(delegates: int) -> tuple[Event, User]:
    organizer = User(
        email="olga@bench.example", name="Olga Organizer", locale="en",
        password_hash=generate_password_hash(PASSWORD), email_confirmed_at=utcnow(),
    )  # fmt: skip
    event = Event(
        slug="bench", name="Foro de inversión 2026", timezone="America/Lima",
        start_date=date(2026, 1, 16), end_date=date(2026, 1, 17), status=EventStatus.PUBLISHED,
    )  # fmt: skip
    db.session.add_all([organizer, event, EventRole(event=event, user=organizer)])
    db.session.flush()
    now = utcnow()
    registration_ids = approved_delegates(event, delegates, now)
    today = now.date()
    survey = save_survey(
        event,
        SurveyInput(tuple(q.code for q in FIXED), today, today + timedelta(days=20)),
    )
    answering = registration_ids[::2]
    db.session.execute(
        sa.insert(SurveyResponse),
        [{"survey_id": survey.id, "registration_id": r, "submitted_at": now, "updated_at": now}
         for r in answering],
    )  # fmt: skip
    response_ids = db.session.scalars(sa.select(SurveyResponse.id).order_by(SurveyResponse.id))
    rows = []
    for n, response_id in enumerate(response_ids):
        for question in survey.questions:
            if question.kind.value == "text":
                text = TEXTS[(n + question.position) % len(TEXTS)]
                if text:
                    rows.append({"response_id": response_id, "question_id": question.id,
                                 "value": None, "text": text})  # fmt: skip
            else:
                top = 5 if question.kind.value == "rating" else 1
                rows.append({"response_id": response_id, "question_id": question.id,
                             "value": 1 + (n * 7 + question.position) % top if top == 5
                             else (n % 3 > 0), "text": ""})  # fmt: skip
    db.session.execute(sa.insert(SurveyAnswer), rows)
    db.session.commit()
    return event, organizer


def _timed(client, method: str, url: str) -> tuple[float, object]:
    started = time.perf_counter()
    response = getattr(client, method)(url)
    return time.perf_counter() - started, response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(_config(folder))
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            event, organizer = build(args.delegates)
            print(
                f"built {args.delegates} delegates, {args.delegates // 2} responses "
                f"in {time.perf_counter() - started:.1f} s"
            )
            client = app.test_client()
            client.post("/login", data={"email": organizer.email, "password": PASSWORD})
            manage = f"/events/{event.slug}/manage"
            client.get(f"{manage}/survey")  # warm up
            for label, method, url in (
                ("answers page (figures and free texts)", "get", f"{manage}/survey/answers"),
                ("answers CSV", "get", f"{manage}/survey/answers.csv"),
                ("dashboard (every figure, the survey's too)", "get", f"{manage}/"),
                ("send now (one invitation per delegate)", "post", f"{manage}/survey/send"),
                ("send now again (nobody left)", "post", f"{manage}/survey/send"),
            ):
                elapsed, response = _timed(client, method, url)
                assert response.status_code in (200, 302), (url, response.status_code)
                print(f"{label}: {elapsed * 1000:.0f} ms")
            db.session.remove()
            queued = db.session.scalar(sa.select(sa.func.count(Mail.id)))
            assert queued == args.delegates, queued
            print(f"invitations in the outbox: {queued}")


if __name__ == "__main__":
    main()
