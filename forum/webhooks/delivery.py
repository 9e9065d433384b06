"""Sending webhook deliveries, after the transaction that wrote them has committed.

Each attempt claims its row first (moves its next attempt a lease ahead and commits), so a
worker, a `forum tick` and a replay never send the same attempt twice at once. The URL is
checked again (DNS can change since it was saved) and the request goes to the address that
was checked. A 2xx answer delivers it; anything else (another status, a redirect, a
timeout, a refused address) is logged with the status, the time taken and the error, and
retried with exponential backoff (1, 2, 4... minutes, at most 4 hours apart) until 24 hours
after it was written; then it is marked failed.

With a job queue (REDIS_URL) the committed deliveries are one job for the worker; without
one, a daemon thread of this process sends them. WEBHOOKS_SEND_AFTER_COMMIT off (the tests)
leaves them to `forum tick` and `forum send-webhooks`.
"""

import http.client
import json
import socket
import ssl
import threading
import time
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app

from forum.core import jobs
from forum.core.types import utcnow
from forum.extensions import db
from forum.webhooks.addresses import AddressRefused, Target, check_url
from forum.webhooks.models import DeliveryStatus, WebhookDelivery
from forum.webhooks.signing import signature

GIVE_UP_AFTER = timedelta(hours=24)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=4)
LEASE = timedelta(minutes=2)  # a claimed attempt is not claimed again before this
MAX_ERROR = 1000
MAX_BATCH = 200  # deliveries a tick sends at most
LOG_DAYS = 30  # finished deliveries are kept this long (forum tick deletes older ones)
USER_AGENT = "Foro-Webhooks/1"

_threads: set[threading.Thread] = set()
_lock = threading.Lock()


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: 1, 2, 4... minutes, capped."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def next_attempt(delivery: WebhookDelivery, now: datetime) -> datetime | None:
    """When to try again after a failure, or None when the 24 hours are over."""
    when = now + retry_delay(delivery.attempts)
    return when if when <= delivery.created_at + GIVE_UP_AFTER else None


# ---------------------------------------------------------------------------- HTTP


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the checked address, whatever the host name resolves to now."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._ip = target.ip

    def connect(self):
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address; the certificate is checked against the host name."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self._ip = target.ip

    def connect(self):
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST the body; the answer's status (redirects are not followed)."""
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = kind(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)  # a little of the answer, so the connection closes cleanly
        return response.status
    finally:
        connection.close()


def request_parts(delivery: WebhookDelivery, timestamp: int) -> tuple[bytes, dict[str, str]]:
    """The body and headers of a delivery sent at `timestamp`."""
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Foro-Event": delivery.kind,
        "X-Foro-Delivery": str(delivery.id),
        "X-Foro-Timestamp": str(timestamp),
        "X-Foro-Signature": signature(delivery.endpoint.secret, timestamp, body),
    }
    return body, headers


# ---------------------------------------------------------------------------- attempts


def _claim(delivery_id: int, now: datetime) -> WebhookDelivery | None:
    """Take the delivery for one attempt if it is due and nobody else has; commits."""
    claimed = db.session.execute(
        sa.update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.status == DeliveryStatus.PENDING,
            WebhookDelivery.next_attempt_at <= now,
        )
        .values(next_attempt_at=now + LEASE)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return db.session.get(WebhookDelivery, delivery_id) if claimed else None


def attempt(delivery_id: int, now: datetime | None = None) -> DeliveryStatus | None:
    """One attempt at a due delivery, its outcome committed; None if it was not due."""
    now = now or utcnow()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    config = current_app.config
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status = delivery.response_ms = None
    started = time.monotonic()
    try:
        if not endpoint.active:
            raise _GiveUp("the endpoint is disabled")
        target = check_url(endpoint.url, config.get("WEBHOOKS_ALLOW_PRIVATE", False))
        body, headers = request_parts(delivery, int(time.time()))
        delivery.last_status = post(target, body, headers, config.get("WEBHOOKS_TIMEOUT", 5))
        error = "" if 200 <= delivery.last_status < 300 else f"HTTP {delivery.last_status}"
    except _GiveUp as stop:
        error = str(stop)
    except AddressRefused as refused:
        error = f"refused: {refused}"
    except (OSError, http.client.HTTPException) as failure:  # timeouts, refusals, TLS, DNS
        error = f"{type(failure).__name__}: {failure}"
    delivery.response_ms = round((time.monotonic() - started) * 1000)
    delivery.error = error[:MAX_ERROR]
    if not error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryStatus.DELIVERED,
            now,
            None,
        )
    else:
        retry = None if not endpoint.active else next_attempt(delivery, now)
        delivery.next_attempt_at = retry
        if retry is None:
            delivery.status = DeliveryStatus.FAILED
    db.session.commit()
    return delivery.status


class _GiveUp(Exception):
    """No retry can help."""


def due_ids(now: datetime | None = None, limit: int = MAX_BATCH) -> list[int]:
    """Deliveries whose (next) attempt is due, oldest first."""
    return list(
        db.session.scalars(
            sa.select(WebhookDelivery.id)
            .where(
                WebhookDelivery.status == DeliveryStatus.PENDING,
                WebhookDelivery.next_attempt_at <= (now or utcnow()),
            )
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit)
        )
    )


def send_due(now: datetime | None = None, limit: int = MAX_BATCH) -> tuple[int, int]:
    """Attempt every due delivery (`forum tick`); (delivered, not delivered)."""
    delivered = failed = 0
    for delivery_id in due_ids(now, limit):
        status = attempt(delivery_id, now)
        delivered += status == DeliveryStatus.DELIVERED
        failed += status is not None and status != DeliveryStatus.DELIVERED
    return delivered, failed


def send_each(delivery_ids: list[int]) -> tuple[int, int]:
    """Job: one attempt at each of these deliveries (those still due)."""
    delivered = failed = 0
    for delivery_id in delivery_ids:
        status = attempt(delivery_id)
        delivered += status == DeliveryStatus.DELIVERED
        failed += status is not None and status != DeliveryStatus.DELIVERED
    return delivered, failed


# ---------------------------------------------------------------------------- after commit


def send_after_commit(delivery_ids: list[int]) -> None:
    """The committed deliveries go to the worker (or a thread); never inside the request."""
    if not current_app.config.get("WEBHOOKS_SEND_AFTER_COMMIT", True):
        return  # `forum tick` sends them
    if jobs.queued():
        try:
            jobs.run_job(send_each, list(delivery_ids))
        except Exception:  # the queue is down: the next tick sends them
            current_app.logger.exception("webhook deliveries %s wait for the tick", delivery_ids)
        return
    app = current_app._get_current_object()
    thread = threading.Thread(
        target=_send_in_thread, args=(app, list(delivery_ids)), name="webhooks", daemon=True
    )
    with _lock:
        _threads.add(thread)
    thread.start()


def _send_in_thread(app: Flask, delivery_ids: list[int]) -> None:
    try:
        with app.app_context():
            try:
                send_each(delivery_ids)
            except Exception:
                db.session.rollback()
                app.logger.exception("webhook delivery stopped; the tick retries the rest")
    finally:
        with _lock:
            _threads.discard(threading.current_thread())


def wait_for_deliveries(timeout: float | None = None) -> None:
    """Wait for the delivery threads started so far (tests, shutdown)."""
    with _lock:
        running = list(_threads)
    for thread in running:
        thread.join(timeout)


def prune_log(now: datetime | None = None) -> int:
    """Delete finished deliveries (delivered or failed) older than LOG_DAYS; how many.

    Their bodies name delegates: the log is kept for troubleshooting, not for ever.
    """
    cutoff = (now or utcnow()) - timedelta(days=LOG_DAYS)
    return db.session.execute(
        sa.delete(WebhookDelivery)
        .where(
            WebhookDelivery.status != DeliveryStatus.PENDING,
            WebhookDelivery.created_at < cutoff,
        )
        .execution_options(synchronize_session=False)
    ).rowcount  # a replay of a deleted delivery keeps its body (replay_of_id: SET NULL)
