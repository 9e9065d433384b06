"""Emitting webhooks: a delivery row per subscribed endpoint, in the caller's transaction.

Like the mail outbox, a change and its webhooks commit (or roll back) together; the rows
are sent after the commit (forum/webhooks/delivery.py). The services where the changes
happen call `emit(event, kind, build)` or, for many objects at once, `emit_many`.

Cheap when no one listens: the event's active endpoints are read once per transaction (one
query, kept in the session until it commits, rolls back or an endpoint changes), and the
payload is built only when some endpoint wants the kind. `emit_many` writes all its rows
with one INSERT, so publishing 3,000 meetings costs one read and one insert.
"""

from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa

from forum.core.after_commit import after_commit
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.webhooks.models import KINDS, WebhookDelivery, WebhookEndpoint

_CACHE = "forum.webhooks.endpoints"

Builder = Callable[[Any], dict]


def _subscribers(event: Event, kind: str) -> list[int]:
    """The ids of the event's active endpoints that want `kind` (one query a transaction)."""
    cache: dict[int, list[tuple[int, set[str]]]] = db.session.info.setdefault(_CACHE, {})
    if event.id not in cache:
        rows = db.session.execute(
            sa.select(WebhookEndpoint.id, WebhookEndpoint.kinds).where(
                WebhookEndpoint.event_id == event.id, WebhookEndpoint.active.is_(True)
            )
        ).all()
        cache[event.id] = [(row.id, set(row.kinds.split(","))) for row in rows]
    return [endpoint_id for endpoint_id, kinds in cache[event.id] if kind in kinds]


def envelope(event: Event, kind: str, data: dict) -> dict:
    """The JSON body every delivery sends: what happened, where, when, and its data."""
    return {
        "kind": kind,
        "event": {"id": event.id, "slug": event.slug, "time_zone": event.timezone},
        "occurred_at": utcnow().isoformat(),
        "data": data,
    }


def emit(event: Event, kind: str, data: dict | Callable[[], dict]) -> list[int]:
    """Queue `kind` for the endpoints that want it; `data` may be a function (called only
    if one does). The delivery ids (sent after the commit)."""
    if not _subscribers(event, kind):
        return []
    body = data() if callable(data) else data
    return _insert(event, kind, [envelope(event, kind, body)], _subscribers(event, kind))


def emit_many(event: Event, kind: str, items: Iterable[Any], build: Builder) -> list[int]:
    """emit() for many objects at once (one payload each), in one INSERT."""
    endpoints = _subscribers(event, kind)
    if not endpoints:
        return []
    return _insert(event, kind, [envelope(event, kind, build(item)) for item in items], endpoints)


def queue_delivery(endpoint: WebhookEndpoint, kind: str, payload: dict, **extra) -> int:
    """One delivery to one endpoint (a ping, a replay), sent after the commit."""
    return _insert(endpoint.event, kind, [payload], [endpoint.id], **extra)[0]


def _insert(event: Event, kind: str, payloads: list[dict], endpoints: list[int], **extra):
    if kind not in KINDS and kind != "ping":
        raise ValueError(f"unknown webhook kind {kind!r}")
    now = utcnow()
    rows = [
        {
            "event_id": event.id,
            "endpoint_id": endpoint_id,
            "kind": kind,
            "payload": payload,
            "created_at": now,
            "next_attempt_at": now,
            **extra,
        }
        for payload in payloads
        for endpoint_id in endpoints
    ]
    if not rows:
        return []
    ids = list(db.session.scalars(sa.insert(WebhookDelivery).returning(WebhookDelivery.id), rows))
    from forum.webhooks.delivery import send_after_commit  # delivery imports this module

    for delivery_id in ids:
        after_commit(send_after_commit, delivery_id)
    return ids


def forget_endpoints() -> None:
    """Read the endpoints again at the next emit (they changed in this transaction)."""
    db.session.info.pop(_CACHE, None)


def _changed_endpoints(session, _context) -> None:
    if any(
        isinstance(o, WebhookEndpoint) for o in (*session.new, *session.dirty, *session.deleted)
    ):
        session.info.pop(_CACHE, None)


def _transaction_ended(session, transaction) -> None:
    if transaction.parent is None:  # committed or rolled back: other requests may change them
        session.info.pop(_CACHE, None)


sa.event.listen(db.session, "before_flush", lambda s, c, i: _changed_endpoints(s, c))
sa.event.listen(db.session, "after_transaction_end", _transaction_ended)
