"""The outbox: render mails in the recipient's language, store them, send them by SMTP.

A mail is written to the outbox in the transaction of the change it reports, and is sent
only after that transaction has committed (forum.notifications.delivery): by the worker
when there is a job queue, otherwise by a thread of this process. SMTP never runs inside
a request; a failing or absent SMTP server never loses a registration or a mail:
`forum send-mail` retries later and organizers can read the outbox in the meantime.
"""

import re
import smtplib
import ssl
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from email.headerregistry import Address
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app, has_request_context, render_template
from flask_babel import force_locale

from forum.accounts.models import User
from forum.accounts.services import user_locale
from forum.core.after_commit import after_commit
from forum.core.local_time import reader_zone
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.notifications.models import Mail, MailStatus

DEFAULT_BASE_URL = "http://127.0.0.1:5000"
SMTP_TIMEOUT = 10  # seconds; a stalled server must not hold a delivery (and its row lock) long
SUBJECT_PREFIX = "Subject:"
# Line breaks and other control characters: in a header they would start a new header.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def one_line(value: object) -> str:
    """Text with every line break or control character turned into one space."""
    return _CONTROL.sub(" ", str(value)).strip()


def _column_size(column) -> int:
    return column.property.columns[0].type.length


def mail_locale(user: User) -> str:
    """The user's language if the app offers it, else the app's default."""
    return user_locale(user)


def render_mail(template: str, locale: str, **context) -> tuple[str, str]:
    """Render templates/notifications/mail/<template>.txt in `locale`; return (subject, body)."""
    with mail_context(), force_locale(locale):
        text = render_template(f"notifications/mail/{template}.txt", one_line=one_line, **context)
    first_line, _newline, body = text.lstrip().partition("\n")
    if not first_line.startswith(SUBJECT_PREFIX):
        raise ValueError(
            f"notifications/mail/{template}.txt must begin with a '{SUBJECT_PREFIX}' line"
        )
    subject = one_line(first_line[len(SUBJECT_PREFIX) :])
    return subject, body.strip("\n") + "\n"


@contextmanager
def mail_context() -> Iterator[None]:
    """What rendering a mail needs: a request for url_for(_external=True), even from the CLI
    or a job. Entered once around many mails, it is not made again for each."""
    if has_request_context():
        yield
        return
    base_url = current_app.config.get("BASE_URL", DEFAULT_BASE_URL)
    with current_app.test_request_context(base_url=base_url):
        yield


def queue(user: User, template: str, event: Event | None = None, **context) -> Mail:
    """Add a mail for `user` to the outbox, in the current transaction.

    It is sent once that transaction commits, and never if it rolls back.
    """
    mail = _outbox_row(user, template, event, **context)
    after_commit(deliver_after_commit, mail.id)
    return mail


def rehearse(user: User, template: str, event: Event | None = None, **context) -> None:
    """Do what queue() does, database write included, then take the mail back: nothing is
    kept or sent.

    For an answer that must not reveal whether an address has an account: answering for a
    stranger then costs the same time as mailing a user.
    """
    mail = _outbox_row(user, template, event, **context)
    # One plain DELETE, lighter than a second unit of work, so as not to become the slower one.
    db.session.execute(sa.delete(Mail).where(Mail.id == mail.id))
    db.session.expunge(mail)


def _mail_fields(user: User, template: str, event: Event | None, **context) -> dict:
    """The outbox row of a mail rendered in the user's language, as column values."""
    locale = mail_locale(user)
    with reader_zone(user.timezone):  # the times in the recipient's own zone too
        subject, body = render_mail(template, locale, user=user, event=event, **context)
    return dict(
        event_id=event.id if event is not None else None,
        user_id=user.id,
        recipient=one_line(user.email)[: _column_size(Mail.recipient)],
        subject=subject[: _column_size(Mail.subject)],
        body=body,
        locale=locale,
        status=MailStatus.QUEUED,
        attempts=0,
        last_error="",
    )


def _outbox_row(user: User, template: str, event: Event | None, **context) -> Mail:
    """The mail rendered in the user's language and written (flushed) to the outbox."""
    mail = Mail(**_mail_fields(user, template, event, **context))
    db.session.add(mail)
    db.session.flush()  # its id, for the delivery after commit
    return mail


Progress = Callable[[int, int], None]  # (mails rendered, mails in all)
PROGRESS_EVERY = 100  # mails rendered between two progress reports


def render_mails(
    template: str,
    event: Event | None,
    letters: Sequence[tuple[User, dict]],
    progress: Progress | None = None,
) -> list[dict]:
    """One outbox row per (user, context), rendered in each user's language, not stored yet
    (store_mails does, in one insert). The contexts must be loaded beforehand: rendering must
    not query. `progress` hears how far it got every PROGRESS_EVERY mails and at the end."""
    now, rows = utcnow(), []
    with mail_context():
        for user, context in letters:
            rows.append({**_mail_fields(user, template, event, **context), "created_at": now})
            if progress is not None and (
                len(rows) % PROGRESS_EVERY == 0 or len(rows) == len(letters)
            ):
                progress(len(rows), len(letters))
    return rows


def store_mails(rows: Sequence[dict]) -> list[int]:
    """Add rendered mails to the outbox in ONE insert, in the current transaction; their ids.
    They are sent once it commits (as one delivery job), never if it rolls back."""
    if not rows:
        return []
    mails = Mail.__table__  # a Core insert: thousands of rows, no ORM objects to build
    mail_ids = list(db.session.scalars(sa.insert(mails).returning(mails.c.id), list(rows)))
    after_commit(deliver_many_after_commit, tuple(mail_ids))
    return mail_ids


def queue_many(
    template: str, event: Event | None, letters: Sequence[tuple[User, dict]]
) -> list[int]:
    """What queue() does for each (user, context), without a query per mail: for a whole
    event's mails at once (a batch of expired requests). Their ids."""
    return store_mails(render_mails(template, event, letters))


def deliver_after_commit(mail_ids: list[int]) -> None:
    """Hand the mails of a committed transaction to the worker, or to a delivery thread."""
    from forum.notifications import delivery  # the job side: it imports this module

    delivery.deliver_later(mail_ids)


def deliver_many_after_commit(batches: list[tuple[int, ...]]) -> None:
    """Hand each committed batch of queue_many to the worker as one job (or to one thread)."""
    from forum.notifications import delivery  # the job side: it imports this module

    for mail_ids in batches:
        delivery.deliver_later(list(mail_ids), one_job=True)


def deliver_locked(mail_id: int) -> MailStatus | None:
    """Send the mail under its row lock; its new status, or None when it had gone already.

    The row stays locked until the caller commits, so another sender running at the same
    time (a retry, a worker) waits and then finds the mail sent.
    """
    lock_row(Mail, mail_id)
    mail = db.session.get(Mail, mail_id)
    if mail is not None:
        db.session.refresh(mail)  # another sender may have changed it before the lock was ours
    if mail is None or mail.status == MailStatus.SENT:
        return None
    deliver(mail)
    return mail.status


def build_message(mail: Mail, sender: str) -> EmailMessage:
    """The mail as a text/plain UTF-8 message, with single-line headers and one recipient."""
    message = EmailMessage()
    message["From"] = one_line(sender)
    # Exactly one address, or ValueError: a mangled recipient must not fan out.
    message["To"] = Address(addr_spec=one_line(mail.recipient))
    message["Subject"] = one_line(mail.subject)
    message.set_content(mail.body, subtype="plain", charset="utf-8")
    return message


def _send(message: EmailMessage) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        raise RuntimeError("MAIL_SERVER is not set")
    with smtplib.SMTP(
        config["MAIL_SERVER"], config.get("MAIL_PORT", 587), timeout=SMTP_TIMEOUT
    ) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        smtp.send_message(message)


def deliver(mail: Mail) -> bool:
    """Send one mail now; record the outcome on it (the caller commits); whether it went."""
    mail.attempts = (mail.attempts or 0) + 1
    try:
        _send(build_message(mail, current_app.config["MAIL_DEFAULT_SENDER"]))
    except Exception as error:  # whatever the cause, the mail stays in the outbox for a retry
        mail.status = MailStatus.FAILED
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        current_app.logger.warning("mail %s not sent: %s", mail.id, mail.last_error)
        return False
    mail.status = MailStatus.SENT
    mail.sent_at = utcnow()
    mail.last_error = ""
    return True


def pending_mails(limit: int | None = None) -> list[Mail]:
    """Queued and failed mails, oldest first."""
    query = (
        sa.select(Mail)
        .where(Mail.status.in_([MailStatus.QUEUED, MailStatus.FAILED]))
        .order_by(Mail.created_at, Mail.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def outbox_query(event: Event, status: MailStatus | None = None) -> sa.Select:
    """An event's mails, newest first, optionally of one status only."""
    query = sa.select(Mail).where(Mail.event_id == event.id)
    if status is not None:
        query = query.where(Mail.status == status)
    return query.order_by(Mail.created_at.desc(), Mail.id.desc())


def status_counts(event: Event) -> dict[MailStatus, int]:
    """How many of an event's mails are in each status (every status present)."""
    rows = db.session.execute(
        sa.select(Mail.status, sa.func.count())
        .where(Mail.event_id == event.id)
        .group_by(Mail.status)
    )
    counts = dict.fromkeys(MailStatus, 0)
    counts.update({status: count for status, count in rows})
    return counts


# A link that lets whoever opens it set someone's password (an invitation, a reset).
ACCOUNT_LINK = re.compile(r"\S*/(?:invitation|password/reset)/\S+")


def without_account_links(body: str) -> str:
    """The mail's text with its password links blanked out: the desk reads the outbox, and
    an invitation's link would let a desk member choose an organizer's password."""
    return ACCOUNT_LINK.sub("[…]", body)
