"""Writing to the audit log, in the same transaction as the change it records.

Services that make an auditable change call `record(...)` right after it; the row is
committed or rolled back with the change, so the log never tells of something undone.
The actor is the logged-in user of the request, or none (the command line, a job).
"""

import sqlalchemy as sa
from flask import has_request_context
from flask_login import current_user

from forum.audit.models import AuditEntry
from forum.core.text_search import all_words
from forum.core.timerange import to_local
from forum.extensions import db


def _current_actor():
    if has_request_context() and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def record(
    event,
    action: str,
    subject: str = "",
    *,
    before: dict | None = None,
    after: dict | None = None,
    actor=None,
) -> AuditEntry:
    """Log `action` (e.g. "registration.approved") on `subject` (what a reader recognises:
    "Ana Quispe (Cooperativa Agraria Cafetalera Jaén)"), with the values that changed."""
    actor = actor or _current_actor()
    entry = AuditEntry(
        event_id=event.id if event is not None else None,
        actor_id=actor.id if actor is not None else None,
        actor_name=(actor.name or actor.email) if actor is not None else "",
        action=action,
        subject=subject[:300],
        before=before,
        after=after,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


# What a reader recognises, built from objects the caller has already loaded (duck-typed, so
# that this module imports no other feature and every feature may call it).


def person(registration) -> str:
    """ "Ana Quispe (Cooperativa Agraria Cafetalera Jaén)": a delegate and their organisation."""
    user, organisation = registration.user, registration.organisation
    name = (user.name or user.email) if user is not None else f"#{registration.id}"
    return f"{name} ({organisation.name})" if organisation is not None else name


def place(event, slot, table) -> dict | None:
    """A meeting's place as stored in the log: its table number and its start on the event's
    clock (ISO 8601 with the offset); None when it has none."""
    if slot is None or table is None:
        return None
    return {
        "table": str(table.number),
        "time": to_local(slot.starts_at, event.tz).isoformat(timespec="minutes"),
    }


# Reading the log


def entries_query(event, action: str = "", text: str = "") -> sa.Select:
    """The event's entries, newest first; of one action code, and whose subject or actor holds
    `text` (case and accents ignored), when given."""
    query = sa.select(AuditEntry).where(AuditEntry.event_id == event.id)
    if action:
        query = query.where(AuditEntry.action == action)
    query = query.where(all_words((AuditEntry.subject, AuditEntry.actor_name), text))
    return query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
