"""Approved delegates for a benchmark, in two bulk inserts: accounts alternating Spanish and
English (mails are rendered per language), one approved registration each."""

from datetime import datetime

import sqlalchemy as sa

from forum.accounts.models import User
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration, RegistrationStatus


def approved_delegates(event: Event, count: int, now: datetime) -> list[int]:
    """Add `count` approved delegates to the event; their registration ids, in order."""
    emails = [f"d{n}@bench.example" for n in range(count)]
    db.session.execute(
        sa.insert(User),
        [
            {"email": email, "name": f"Delegada {n}", "locale": "es" if n % 2 else "en",
             "password_hash": "", "created_at": now}
            for n, email in enumerate(emails)
        ],
    )  # fmt: skip
    user_ids = db.session.scalars(
        sa.select(User.id).where(User.email.in_(emails)).order_by(User.id)
    ).all()
    db.session.execute(
        sa.insert(Registration),
        [
            {"event_id": event.id, "user_id": user_id, "status": RegistrationStatus.APPROVED,
             "created_at": now, "updated_at": now, "status_changed_at": now}
            for user_id in user_ids
        ],
    )  # fmt: skip
    return db.session.scalars(
        sa.select(Registration.id)
        .where(Registration.event_id == event.id)
        .order_by(Registration.id)
    ).all()
