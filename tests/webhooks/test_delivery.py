"""Delivery: signed POSTs to the receiver, retries with backoff for 24 hours, replay, and the
address checked again (and pinned) at delivery time."""

import hashlib
import hmac
import json
import re
import socket
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from forum.extensions import db
from forum.webhooks import addresses, delivery, services
from forum.webhooks.delivery import attempt, retry_delay, send_due
from forum.webhooks.emit import emit
from forum.webhooks.models import DeliveryStatus, WebhookDelivery
from tests.webhooks.conftest import load_example_receiver

T0 = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def _deliveries() -> list[WebhookDelivery]:
    return list(db.session.scalars(sa.select(WebhookDelivery).order_by(WebhookDelivery.id)))


def _one(hooks, when=T0) -> WebhookDelivery:
    [delivery_id] = emit(hooks.event, "schedule.published", {"schedule": {"meetings": 3}})
    item = db.session.get(WebhookDelivery, delivery_id)
    item.created_at = item.next_attempt_at = when
    db.session.commit()
    return item


def test_a_delivery_is_signed_and_an_independent_receiver_verifies_it(hooks, receiver):
    item = _one(hooks)
    before = int(time.time())
    assert attempt(item.id, T0) == DeliveryStatus.DELIVERED

    [request] = receiver.requests
    assert request.path == "/hooks?source=foro"
    headers = request.headers
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Foro-Event"] == "schedule.published"
    assert headers["X-Foro-Delivery"] == str(item.id)
    timestamp = int(headers["X-Foro-Timestamp"])
    assert before <= timestamp <= int(time.time())
    # The receiver's own HMAC, computed here without Foro's code:
    mac = hmac.new(b"whsec_test", f"{timestamp}.".encode() + request.body, hashlib.sha256)
    assert headers["X-Foro-Signature"] == "sha256=" + mac.hexdigest()
    body = json.loads(request.body)
    assert body["kind"] == "schedule.published"
    assert body["event"] == {"id": hooks.event.id, "slug": "hih-2023", "time_zone": "America/Lima"}
    assert body["data"] == {"schedule": {"meetings": 3}}
    # The example receiver agrees, and refuses a changed body, another secret, an old stamp.
    example = load_example_receiver()
    assert example.verify("whsec_test", headers, request.body)
    assert not example.verify("whsec_test", headers, request.body.replace(b"3", b"4"))
    assert not example.verify("whsec_other", headers, request.body)
    assert not example.verify("whsec_test", headers, request.body, now=timestamp + 301)
    assert example.verify("whsec_test", headers, request.body, now=timestamp + 299)

    db.session.expire_all()
    item = db.session.get(WebhookDelivery, item.id)
    assert (item.status, item.attempts, item.last_status, item.error) == (
        DeliveryStatus.DELIVERED,
        1,
        204,
        "",
    )
    assert item.delivered_at == T0 and item.next_attempt_at is None
    assert 0 <= item.response_ms < 5000
    assert attempt(item.id, T0) is None  # delivered: never sent again
    assert len(receiver.requests) == 1


def test_the_example_receiver_accepts_a_real_delivery(hooks, receiver):
    from http.server import ThreadingHTTPServer
    from threading import Thread

    example = load_example_receiver()
    received: list = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), example.make_handler("whsec_test", received))
    Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        hooks.endpoint.url = f"http://127.0.0.1:{server.server_address[1]}/"
        db.session.commit()
        item = _one(hooks)
        assert attempt(item.id, T0) == DeliveryStatus.DELIVERED
        hooks.endpoint.secret = "whsec_rotated_but_receiver_not_told"
        db.session.commit()
        refused = _one(hooks)
        assert attempt(refused.id, T0) == DeliveryStatus.PENDING
    finally:
        server.shutdown()
        server.server_close()
    assert [(r["id"], r["kind"]) for r in received] == [(str(item.id), "schedule.published")]
    assert db.session.get(WebhookDelivery, refused.id).error == "HTTP 401"


def test_failures_are_retried_with_exponential_backoff_then_given_up_after_24_hours(
    hooks, receiver
):
    receiver.status = 500
    item = _one(hooks)
    now, waits = T0, []
    while True:
        assert attempt(item.id, now) is not None
        db.session.expire_all()
        item = db.session.get(WebhookDelivery, item.id)
        if item.status == DeliveryStatus.FAILED:
            break
        assert (item.status, item.last_status, item.error) == (
            DeliveryStatus.PENDING,
            500,
            "HTTP 500",
        )
        waits.append(item.next_attempt_at - now)
        assert attempt(item.id, item.next_attempt_at - timedelta(seconds=1)) is None  # not due
        now = item.next_attempt_at

    minutes = [int(w.total_seconds() // 60) for w in waits]
    assert minutes == [1, 2, 4, 8, 16, 32, 64, 128] + [240] * 4
    # 1+2+...+128 = 255 min, + 4 x 4 h = 20 h 15 min; the next wait (4 h) would pass 24 h.
    assert now == T0 + timedelta(hours=20, minutes=15)
    assert item.attempts == 13 and item.next_attempt_at is None
    assert len(receiver.requests) == 13
    assert [retry_delay(n) for n in (1, 2, 9, 20)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(hours=4),
        timedelta(hours=4),
    ]


def test_a_retry_that_succeeds_is_delivered(hooks, receiver):
    receiver.status = 503
    item = _one(hooks)
    assert send_due(T0) == (0, 1)
    receiver.status = 200
    assert send_due(T0 + timedelta(seconds=30)) == (0, 0)  # not due yet
    assert send_due(T0 + timedelta(minutes=1)) == (1, 0)
    db.session.expire_all()
    item = db.session.get(WebhookDelivery, item.id)
    assert (item.status, item.attempts, item.last_status) == (DeliveryStatus.DELIVERED, 2, 200)
    assert [r.headers["X-Foro-Delivery"] for r in receiver.requests] == [str(item.id)] * 2


def test_a_redirect_is_not_followed(hooks, receiver):
    receiver.status, receiver.headers = 302, {"Location": "http://169.254.169.254/"}
    item = _one(hooks)
    assert attempt(item.id, T0) == DeliveryStatus.PENDING
    assert db.session.get(WebhookDelivery, item.id).error == "HTTP 302"
    assert len(receiver.requests) == 1


def test_an_unreachable_receiver_is_logged_and_retried(hooks, receiver):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    hooks.endpoint.url = f"http://127.0.0.1:{closed_port}/"
    db.session.commit()
    item = _one(hooks)
    assert attempt(item.id, T0) == DeliveryStatus.PENDING
    item = db.session.get(WebhookDelivery, item.id)
    assert item.error.startswith("ConnectionRefusedError:")
    assert item.last_status is None and item.next_attempt_at == T0 + timedelta(minutes=1)


def test_a_slow_receiver_times_out(app, hooks, receiver, monkeypatch):
    app.config["WEBHOOKS_TIMEOUT"] = 0.2
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts the connection, never answers
    try:
        hooks.endpoint.url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        db.session.commit()
        item = _one(hooks)
        assert attempt(item.id, T0) == DeliveryStatus.PENDING
    finally:
        listener.close()
        app.config["WEBHOOKS_TIMEOUT"] = 5
    item = db.session.get(WebhookDelivery, item.id)
    assert item.error.startswith(("TimeoutError:", "timeout:")) and 150 <= item.response_ms < 2000


def test_the_address_is_checked_again_at_delivery(app, hooks, receiver, monkeypatch):
    """Saved while it resolved to a public address; now the name leads to 127.0.0.1."""
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    hooks.endpoint.url = "https://hooks.example.org/in"
    db.session.commit()

    def loopback(host, port, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(addresses.socket, "getaddrinfo", loopback)
    item = _one(hooks)
    assert attempt(item.id, T0) == DeliveryStatus.PENDING
    assert db.session.get(WebhookDelivery, item.id).error == (
        "refused: hooks.example.org leads to 127.0.0.1, a private, local or reserved address: "
        "webhooks only go to public addresses."
    )
    assert receiver.requests == []


def test_the_request_goes_to_the_checked_address_with_the_name_as_host(
    hooks, receiver, monkeypatch
):
    """DNS answers once; the connection uses that answer (no second lookup to rebind)."""
    answers = []
    real = socket.getaddrinfo

    def pinned(host, port, *args, **kwargs):
        answers.append(host)
        if host == "receiver.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(addresses.socket, "getaddrinfo", pinned)
    hooks.endpoint.url = f"http://receiver.test:{receiver.port}/in"
    db.session.commit()
    item = _one(hooks)
    assert attempt(item.id, T0) == DeliveryStatus.DELIVERED
    assert answers == ["receiver.test", "127.0.0.1"]  # the name once, then the checked IP
    assert receiver.requests[0].headers["Host"] == f"receiver.test:{receiver.port}"


def test_replay_sends_the_same_body_as_a_new_delivery(app, hooks, receiver):
    item = _one(hooks)
    attempt(item.id, T0)
    with app.test_request_context():
        replay_id = services.replay(db.session.get(WebhookDelivery, item.id))
    db.session.commit()
    replay = db.session.get(WebhookDelivery, replay_id)
    assert (replay.replay_of_id, replay.kind, replay.status) == (
        item.id,
        "schedule.published",
        DeliveryStatus.PENDING,
    )
    assert send_due() == (1, 0)
    first, second = receiver.requests
    assert second.body == first.body
    assert second.headers["X-Foro-Delivery"] == str(replay_id) != first.headers["X-Foro-Delivery"]


def test_a_disabled_endpoint_gets_nothing_and_its_waiting_deliveries_fail(app, hooks, receiver):
    item = _one(hooks)
    with app.test_request_context():
        services.disable(hooks.endpoint)
    db.session.commit()
    assert emit(hooks.event, "schedule.published", {"schedule": {}}) == []
    assert attempt(item.id, T0) == DeliveryStatus.FAILED
    assert db.session.get(WebhookDelivery, item.id).error == "the endpoint is disabled"
    assert receiver.requests == []


def test_after_commit_the_deliveries_leave_without_the_tick(app, hooks, receiver):
    app.config["WEBHOOKS_SEND_AFTER_COMMIT"] = True
    try:
        emit(hooks.event, "schedule.published", {"schedule": {"meetings": 1}})
        assert receiver.requests == []  # nothing leaves before the commit
        db.session.commit()
        delivery.wait_for_deliveries(10)
    finally:
        app.config["WEBHOOKS_SEND_AFTER_COMMIT"] = False
    [request] = receiver.requests
    assert request.headers["X-Foro-Event"] == "schedule.published"
    db.session.expire_all()
    assert [d.status for d in _deliveries()] == [DeliveryStatus.DELIVERED]


def test_the_tick_and_the_command_send_what_is_due(hooks, receiver, runner):
    _one(hooks, when=datetime.now(UTC) - timedelta(minutes=1))
    result = runner.invoke(args=["forum", "send-webhooks"])
    assert result.output == "1 webhook(s) delivered, 0 not delivered (retried later).\n"
    _one(hooks, when=datetime.now(UTC) - timedelta(minutes=1))
    result = runner.invoke(args=["forum", "tick"])
    assert "1 webhook(s) delivered, 0 not" in result.output
    assert len(receiver.requests) == 2


def test_with_a_queue_the_committed_deliveries_are_one_job_for_the_worker(
    app, hooks, receiver, redis_url
):
    from redis import Redis
    from rq import Queue

    app.config["WEBHOOKS_SEND_AFTER_COMMIT"] = True
    try:
        ids = emit(hooks.event, "schedule.published", {"schedule": {"meetings": 1}})
        ids += emit(hooks.event, "project.submitted", {"project": {"id": 1}})
        db.session.commit()
    finally:
        app.config["WEBHOOKS_SEND_AFTER_COMMIT"] = False
    [job] = Queue("forum", connection=Redis.from_url(redis_url)).jobs
    assert job.args == ("forum.webhooks.delivery:send_each", (ids,), {})
    assert receiver.requests == []  # the worker sends them, not the request
    assert delivery.send_each(*job.args[1]) == (2, 0)  # what the worker runs
    assert [r.headers["X-Foro-Event"] for r in receiver.requests] == [
        "schedule.published",
        "project.submitted",
    ]


def test_the_log_is_paginated(client, login, hooks):
    for n in range(53):
        emit(hooks.event, "schedule.published", {"schedule": {"meetings": n}})
    db.session.commit()
    login(hooks.organizer)
    url = "/events/hih-2023/manage/webhooks/deliveries?kind=schedule.published"
    first = client.get(url).get_data(as_text=True)
    second = client.get(url + "&page=2").get_data(as_text=True)
    assert _linked_ids(first) == list(range(53, 3, -1))  # newest first, 50 a page
    assert _linked_ids(second) == [3, 2, 1]


def _linked_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'/manage/webhooks/deliveries/(\d+)"', page)]
