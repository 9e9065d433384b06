"""The forum benchmarks/load.py puts under load, and the check after the run.

    load_event.py --delegates N --plan plan.json        prepare (DATABASE_URL's database)
    load_event.py --check acks.jsonl --plan plan.json   print what was acknowledged and found

Prepare: the event of benchmarks/scale.py (scale_event.build: N approved delegates, the
programme, tables and slots, requests, placed meetings) a month ahead, so that meeting
requests are open, every delegate with one known password, and a side event whose
registration is open. The plan names the accounts the simulated delegates log in with and,
for each, counterparts it has no request with yet (so each acknowledged request is new).
"""

import argparse
import json
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import scale_event  # noqa: E402
from forum import create_app  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.events.models import Event, EventFormat, EventStatus  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.meetings.models import MeetingRequest  # noqa: E402
from forum.registration.models import Registration, RegistrationStatus  # noqa: E402

PASSWORD = "foro-load-2027"
ACCOUNTS = 400  # more than the simulated delegates: each takes its own
TARGETS_EACH = 4


def _event(slug: str, name: str, start: date) -> Event:
    event = Event(
        slug=slug, name=name, series="Foro de carga", city="Lima", country="PE",
        venue="Centro de Convenciones de Lima", timezone="America/Lima", start_date=start,
        end_date=start + timedelta(days=2), format=EventFormat.IN_PERSON,
        status=EventStatus.PUBLISHED, language_codes="es,en",
    )  # fmt: skip
    db.session.add(event)
    db.session.flush()
    return event


def prepare(delegates: int, plan_file: Path) -> None:
    start = date.today() + timedelta(days=30)
    event = _event("foro-carga-2027", "Foro de inversiones bajo carga 2027", start)
    people = scale_event.build(event, delegates, "carga")
    side = _event("foro-carga-anexo-2027", "Rueda de negocios anexa 2027", start)
    side.registration_opens_at = datetime.now(UTC) - timedelta(days=1)
    password_hash = User(email="x@example.org", name="x")
    password_hash.set_password(PASSWORD)  # one scrypt run: every account shares the hash
    user_ids = db.session.scalars(
        sa.select(Registration.user_id).where(Registration.id.in_(people[:ACCOUNTS]))
    ).all()
    db.session.execute(
        sa.update(User)
        .where(User.id.in_(user_ids))
        .values(password_hash=password_hash.password_hash)
    )
    db.session.commit()
    plan = {
        "slug": event.slug, "side_slug": side.slug, "password": PASSWORD,
        "accounts": _accounts(people[:ACCOUNTS], people),
        "profiles": people[:: max(1, len(people) // 500)],
    }  # fmt: skip
    plan_file.write_text(json.dumps(plan))


def _accounts(accounts: list[int], people: list[int]) -> list[dict]:
    pairs = {
        frozenset(pair)
        for pair in db.session.execute(
            sa.select(MeetingRequest.requester_id, MeetingRequest.recipient_id)
        )
    }
    rows = db.session.execute(
        sa.select(Registration.id, User.email, User.name)
        .join(User, User.id == Registration.user_id)
        .where(Registration.id.in_(accounts))
    ).all()
    plan = []
    for number, (registration_id, email, name) in enumerate(rows):
        targets, start = [], (number * 997) % len(people)
        # every other delegate once at most, from a spread-out start: a bounded walk
        for offset in range(1, len(people)):
            other = people[(start + offset) % len(people)]
            pair = frozenset((registration_id, other))
            if other != registration_id and pair not in pairs:
                pairs.add(pair)  # nobody else is sent to this pair either
                targets.append(other)
                if len(targets) == TARGETS_EACH:
                    break
        plan.append({"registration_id": registration_id, "email": email, "name": name,
                     "targets": targets})  # fmt: skip
    return plan


def check(acks_file: Path, plan_file: Path) -> dict:
    """Every acknowledged registration and request, found exactly once."""
    plan = json.loads(plan_file.read_text())
    acks = [json.loads(line) for line in acks_file.read_text().splitlines() if line.strip()]
    side = db.session.scalar(sa.select(Event).where(Event.slug == plan["side_slug"]))
    found = Counter()
    missing = duplicated = 0
    registrations = [a for a in acks if a["kind"] == "registration"]
    requests = [a for a in acks if a["kind"] == "request"]
    server_errors = sum(a["count"] for a in acks if a["kind"] == "server_errors")
    # the mixed run's logins (scrypt, by design the costliest request), while delegates arrive
    logins = [a for a in acks if a["kind"] == "logins" and a["count"]]
    for ack in registrations:
        count = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Registration)
            .join(User, User.id == Registration.user_id)
            .where(
                Registration.event_id == side.id,
                User.email == ack["email"],
                Registration.status != RegistrationStatus.CANCELLED,
            )
        )
        found[count] += 1
    for ack in requests:
        count = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(MeetingRequest)
            .where(
                MeetingRequest.requester_id == ack["requester"],
                MeetingRequest.recipient_id == ack["recipient"],
            )
        )
        found[count] += 1
    missing, duplicated = found[0], sum(n for count, n in found.items() if count > 1)
    return {
        "registrations": len(registrations), "requests": len(requests), "missing": missing,
        "duplicated": duplicated, "server_errors": server_errors,
        "logins": logins[-1] if logins else {},
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument("--plan", type=Path, required=True)
    parser.add_argument("--check", type=Path)
    args = parser.parse_args()
    with create_app().app_context():
        if args.check:
            print(json.dumps(check(args.check, args.plan)))
        else:
            prepare(args.delegates, args.plan)


if __name__ == "__main__":
    main()
