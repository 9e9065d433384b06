"""Writing to the audit log, in the same transaction as the change it records.

Services that make an auditable change call `record(...)` right after it; the row is
committed or rolled back with the change, so the log never tells of something undone.
The actor is the logged-in user of the request, or none (the command line, a job).
"""

from flask import has_request_context
from flask_login import current_user

from forum.audit.models import AuditEntry
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
