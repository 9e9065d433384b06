"""An event's webhook endpoints (add, edit, disable, delete, rotate the secret, ping) and
their delivery log (filters, replay). Services flush; the caller commits."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.audit import services as audit
from forum.core.errors import DomainError
from forum.events.models import Event
from forum.extensions import db
from forum.webhooks.addresses import AddressRefused, check_url
from forum.webhooks.emit import envelope, forget_endpoints, queue_delivery
from forum.webhooks.models import KINDS, PING, DeliveryStatus, WebhookDelivery, WebhookEndpoint
from forum.webhooks.signing import new_secret

MAX_ENDPOINTS = 20  # per event


@dataclass
class EndpointInput:
    url: str
    kinds: list[str]
    active: bool = True


def _checked(data: EndpointInput) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    url = (data.url or "").strip()
    try:
        check_url(url, current_app.config.get("WEBHOOKS_ALLOW_PRIVATE", False))
    except AddressRefused as refused:
        errors["url"] = [str(refused)]
    kinds = [k for k in KINDS if k in set(data.kinds)]
    if not kinds or len(kinds) != len(set(data.kinds)):
        errors["kinds"] = [_("Choose at least one of the events listed.")]
    if errors:
        raise DomainError(errors)
    return url, ",".join(kinds)


def endpoints(event: Event) -> list[WebhookEndpoint]:
    return list(
        db.session.scalars(
            sa.select(WebhookEndpoint)
            .where(WebhookEndpoint.event_id == event.id)
            .order_by(WebhookEndpoint.id)
        )
    )


def add_endpoint(event: Event, data: EndpointInput, by: User | None) -> WebhookEndpoint:
    """A new endpoint with a fresh secret; refused for a URL that is not public HTTPS."""
    url, kinds = _checked(data)
    count = db.session.scalar(
        sa.select(sa.func.count()).where(WebhookEndpoint.event_id == event.id)
    )
    if count >= MAX_ENDPOINTS:
        raise DomainError(_("An event can have at most %(num)d webhooks.", num=MAX_ENDPOINTS))
    endpoint = WebhookEndpoint(
        event=event, url=url, kinds=kinds, secret=new_secret(), active=data.active, created_by=by
    )
    db.session.add(endpoint)
    db.session.flush()
    forget_endpoints()
    audit.record(event, "webhook.added", url, after={"kinds": kinds})
    return endpoint


def update_endpoint(endpoint: WebhookEndpoint, data: EndpointInput) -> WebhookEndpoint:
    """Change the URL, the kinds or the active flag (the secret stays)."""
    url, kinds = _checked(data)
    before = {"url": endpoint.url, "kinds": endpoint.kinds, "active": endpoint.active}
    endpoint.url, endpoint.kinds, endpoint.active = url, kinds, data.active
    db.session.flush()
    forget_endpoints()
    after = {"url": url, "kinds": kinds, "active": data.active}
    audit.record(endpoint.event, "webhook.changed", url, before=before, after=after)
    return endpoint


def disable(endpoint: WebhookEndpoint) -> None:
    """Stop sending to the endpoint; what waits for it fails at its next attempt."""
    endpoint.active = False
    db.session.flush()
    forget_endpoints()
    audit.record(endpoint.event, "webhook.disabled", endpoint.url)


def delete(endpoint: WebhookEndpoint) -> None:
    """Remove the endpoint and its delivery log."""
    event, url = endpoint.event, endpoint.url
    db.session.execute(
        sa.delete(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint.id)
        .execution_options(synchronize_session=False)
    )
    db.session.delete(endpoint)
    db.session.flush()
    forget_endpoints()
    audit.record(event, "webhook.deleted", url)


def rotate_secret(endpoint: WebhookEndpoint) -> str:
    """A new secret; deliveries from now on are signed with it. Returns it."""
    endpoint.secret = new_secret()
    db.session.flush()
    audit.record(endpoint.event, "webhook.secret_rotated", endpoint.url)
    return endpoint.secret


def ping(endpoint: WebhookEndpoint) -> int:
    """Queue a test delivery (kind "ping") to the endpoint, active or not; its id."""
    if not endpoint.active:
        raise DomainError(_("This webhook is disabled: enable it before sending a test."))
    data = {"message": "Foro webhook test", "endpoint_id": endpoint.id}
    return queue_delivery(endpoint, PING, envelope(endpoint.event, PING, data))


def replay(delivery: WebhookDelivery) -> int:
    """Send a logged delivery again, as a new delivery with the same body; its id."""
    if not delivery.endpoint.active:
        raise DomainError(_("This webhook is disabled: enable it before replaying a delivery."))
    return queue_delivery(
        delivery.endpoint, delivery.kind, delivery.payload, replay_of_id=delivery.id
    )


@dataclass(frozen=True)
class LogFilter:
    endpoint_id: int | None = None
    kind: str | None = None
    status: DeliveryStatus | None = None


def log_query(event: Event, filters: LogFilter) -> sa.Select:
    """The event's deliveries, newest first, narrowed by the filters."""
    query = sa.select(WebhookDelivery).where(WebhookDelivery.event_id == event.id)
    if filters.endpoint_id:
        query = query.where(WebhookDelivery.endpoint_id == filters.endpoint_id)
    if filters.kind:
        query = query.where(WebhookDelivery.kind == filters.kind)
    if filters.status:
        query = query.where(WebhookDelivery.status == filters.status)
    return query.order_by(WebhookDelivery.id.desc())


def delivery_counts(event: Event) -> dict[int, dict[str, int]]:
    """Per endpoint, how many deliveries are pending, delivered, failed."""
    counts: dict[int, dict[str, int]] = {}
    rows = db.session.execute(
        sa.select(WebhookDelivery.endpoint_id, WebhookDelivery.status, sa.func.count())
        .where(WebhookDelivery.event_id == event.id)
        .group_by(WebhookDelivery.endpoint_id, WebhookDelivery.status)
    )
    for endpoint_id, status, number in rows:
        counts.setdefault(endpoint_id, dict.fromkeys(DeliveryStatus, 0))[status.value] = number
    return counts


def _mentions(value, registration_id: int) -> bool:
    """Whether a payload (or part of one) names this registration."""
    if isinstance(value, dict):
        if value.get("registration_id") == registration_id:
            return True
        inner = value.get("registration")
        if isinstance(inner, dict) and inner.get("id") == registration_id:
            return True
        return any(_mentions(v, registration_id) for v in value.values())
    if isinstance(value, list):
        return any(_mentions(v, registration_id) for v in value)
    return False


def forget_registration(registration) -> int:
    """Delete the event's logged deliveries that name this delegate (their erasure); how many.

    The bodies hold names and addresses; the log of what was sent goes with them.
    """
    rows = db.session.execute(
        sa.select(WebhookDelivery.id, WebhookDelivery.payload).where(
            WebhookDelivery.event_id == registration.event_id
        )
    )
    ids = [row.id for row in rows if _mentions(row.payload, registration.id)]
    for start in range(0, len(ids), 500):
        db.session.execute(
            sa.delete(WebhookDelivery)
            .where(WebhookDelivery.id.in_(ids[start : start + 500]))
            .execution_options(synchronize_session=False)
        )
    return len(ids)
