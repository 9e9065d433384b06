"""Delivery of the outbox, after the transaction that wrote the mails has committed.

This is the job side of notifications: it commits, once per mail, so that each mail's
row lock is released and its outcome is kept even if a later one fails. With a job queue
(REDIS_URL) each mail is one job for the worker; without one, a daemon thread of this
process sends a committed transaction's mails one after another, in its own app context
and session, while the request that queued them has already answered.
"""

import threading
from collections.abc import Iterable

from flask import Flask, current_app

from forum.core import jobs
from forum.extensions import db
from forum.notifications.models import Mail, MailStatus
from forum.notifications.services import deliver_locked, pending_mails

# Errors (as deliver() records them in last_error) that say the server cannot be reached or
# does not answer: the next mails of the batch would wait as long for the same answer, so
# they stay queued for `forum send-mail` instead.
UNREACHABLE = (
    "TimeoutError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "ConnectionAbortedError",
    "BrokenPipeError",
    "gaierror",
    "OSError",
    "SMTPConnectError",
    "SMTPServerDisconnected",
)

_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()


def deliver_later(mail_ids: list[int], one_job: bool = False) -> None:
    """Send committed mails outside the request: enqueue one job each (or, with `one_job`, one
    for them all: a mailing of 3,000), or start one thread."""
    if not current_app.config.get("MAIL_SERVER"):
        return  # they stay in the outbox; organizers read them there
    if jobs.queued():  # a worker sends them: publishing a plan must not wait for 300 SMTP calls
        work = (
            [(deliver_batch, list(mail_ids))]
            if one_job
            else [(deliver_queued, i) for i in mail_ids]
        )
        for func, argument in work:
            try:
                jobs.run_job(func, argument)
            except Exception:  # the queue is down: the mails wait for `forum send-mail`
                current_app.logger.exception("mails %s stay queued", argument)
        return
    app = current_app._get_current_object()
    thread = threading.Thread(
        target=_deliver_in_thread, args=(app, list(mail_ids)), name="mail-delivery", daemon=True
    )
    with _threads_lock:
        _threads.add(thread)
    thread.start()


def deliver_queued(mail_id: int) -> bool:
    """Job: send one mail unless it has gone already (send-mail may have sent it)."""
    return deliver_each([mail_id]) == (1, 0)


def deliver_batch(mail_ids: list[int]) -> tuple[int, int]:
    """Job: send the mails one by one (each commits); the rest wait for send-mail when the
    server stops answering."""
    return deliver_each(mail_ids, stop_when_unreachable=True)


def _deliver_in_thread(app: Flask, mail_ids: list[int]) -> None:
    try:
        with app.app_context():  # a new context: its own database session
            try:
                deliver_each(mail_ids, stop_when_unreachable=True)
            except Exception:
                db.session.rollback()
                app.logger.exception("mail delivery stopped; the rest stays queued")
    finally:
        with _threads_lock:
            _threads.discard(threading.current_thread())


def deliver_each(mail_ids: Iterable[int], stop_when_unreachable: bool = False) -> tuple[int, int]:
    """Send each mail under its row lock, committing after each one; return (sent, failed)."""
    sent = failed = 0
    for mail_id in mail_ids:
        status = deliver_locked(mail_id)  # another sender may be sending the same mail
        db.session.commit()  # keeps the outcome and releases the row lock
        sent += status == MailStatus.SENT
        failed += status == MailStatus.FAILED
        if status == MailStatus.FAILED and stop_when_unreachable and _unreachable(mail_id):
            break
    return sent, failed


def _unreachable(mail_id: int) -> bool:
    mail = db.session.get(Mail, mail_id)
    return mail is not None and mail.last_error.startswith(tuple(f"{n}:" for n in UNREACHABLE))


def send_pending(limit: int | None = None) -> tuple[int, int]:
    """Try every queued or failed mail, oldest first; return (sent, failed).

    Without MAIL_SERVER nothing is tried: the mails stay in the outbox.
    """
    if not current_app.config.get("MAIL_SERVER"):
        current_app.logger.info("MAIL_SERVER is not set: mails stay in the outbox")
        return 0, 0
    return deliver_each([mail.id for mail in pending_mails(limit)])


def wait_for_deliveries(timeout: float | None = None) -> None:
    """Wait until the delivery threads started so far have finished (for tests and shutdown)."""
    with _threads_lock:
        running = list(_threads)
    for thread in running:
        thread.join(timeout)
