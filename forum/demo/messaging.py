"""Demo messages between delegates: the `messages` section of a forum's forum.yaml, written
through the messaging service (so its rules and limits hold for the demo too).

Each item: `from` and `to` (delegates' e-mails), `at` (an instant in the event's zone,
"2023-11-27 09:30"), `text`. A message to someone who is not an approved delegate stops the
load with the reason.
"""

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.events.models import Event
from forum.extensions import db
from forum.messaging.services.conversations import send
from forum.registration.models import Registration


def _delegate(event: Event, email: str) -> Registration:
    registration = db.session.scalar(
        sa.select(Registration)
        .join(User, User.id == Registration.user_id)
        .where(Registration.event_id == event.id, sa.func.lower(User.email) == email.lower())
    )
    if registration is None:
        raise DomainError(f"messages: no delegate {email} in {event.slug}")
    return registration


def load_messages(event: Event, items: list[dict] | None, echo: Callable[[str], None] = print):
    """Write the demo conversations of `event`; the number of messages written."""
    for item in items or []:
        at = datetime.strptime(str(item["at"]), "%Y-%m-%d %H:%M").replace(tzinfo=event.tz)
        send(
            _delegate(event, item["from"]),
            item["text"],
            to=_delegate(event, item["to"]),
            now=at,
        )
    if items:
        echo(f"    messages: {len(items)} between delegates")
    return len(items or [])
