"""Reported messages: a delegate shows one message to the organizers, who dismiss the report
or turn messaging off for its sender. Organizers read no other private message: the pages
they have list reported messages only.
"""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from forum.audit.services import record
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.text import without_control
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.messaging.models import Message, MessageReport, ReportStatus
from forum.registration.models import Registration

MAX_REASON = 1000


def _subject(registration: Registration) -> str:
    organisation = registration.organisation
    return registration.display_name + (f" ({organisation.name})" if organisation else "")


def report(
    message: Message, reporter: Registration, reason: str, now: datetime | None = None
) -> MessageReport:
    """The reporter (the other side of the conversation) shows the message to the organizers."""
    # The reason gets the message's own rules: no control characters (a NUL would not even
    # reach PostgreSQL).
    reason = without_control(reason or "").strip()
    if message.sender_id == reporter.id:
        raise DomainError(_("You cannot report your own message."))
    if len(reason) > MAX_REASON:
        raise DomainError(_("Say why in at most %(max)d characters.", max=MAX_REASON), "reason")
    lock_row(Registration, reporter.id)  # a double click waits here, then finds the first
    existing = db.session.scalar(
        sa.select(MessageReport).where(
            MessageReport.message_id == message.id, MessageReport.reporter_id == reporter.id
        )
    )
    if existing is not None:
        raise DomainError(_("You have already reported this message to the organizers."))
    item = MessageReport(
        event_id=reporter.event_id,
        message_id=message.id,
        reporter_id=reporter.id,
        reason=reason,
        created_at=now or utcnow(),
    )
    db.session.add(item)
    db.session.flush()
    return item


def reports_query(event: Event) -> sa.Select:
    """The event's reports, open ones first, newest first, with the message, its sender and
    the reporter (their names come from their users) loaded with them: one page of 50 in a
    fixed number of queries."""
    return (
        sa.select(MessageReport)
        .where(MessageReport.event_id == event.id)
        .options(
            selectinload(MessageReport.message)
            .selectinload(Message.sender)
            .joinedload(Registration.user),
            selectinload(MessageReport.reporter).joinedload(Registration.user),
        )
        .order_by(
            (MessageReport.status == ReportStatus.OPEN).desc(),
            MessageReport.created_at.desc(),
            MessageReport.id.desc(),
        )
    )


def reports_of(event: Event) -> list[MessageReport]:
    return db.session.scalars(reports_query(event)).all()


def suspended_senders(event: Event) -> list[Registration]:
    return db.session.scalars(
        sa.select(Registration)
        .where(Registration.event_id == event.id, Registration.messaging_suspended)
        .options(joinedload(Registration.user), joinedload(Registration.organisation))
        .order_by(Registration.id)
    ).all()


def _handle(item: MessageReport, status: ReportStatus, by) -> None:
    lock_row(MessageReport, item.id)  # two organizers at once: the second finds it handled
    db.session.refresh(item)
    if not item.is_open:
        raise DomainError(_("This report has already been handled."))
    item.status = status
    item.handled_at = utcnow()
    item.handled_by_id = by.id if by is not None else None


def dismiss(item: MessageReport, by=None) -> None:
    """Nothing to do about the message: the report is closed."""
    _handle(item, ReportStatus.DISMISSED, by)
    db.session.flush()
    sender = item.message.sender
    record(
        sender.event,
        "message_report.dismissed",
        _subject(sender),
        actor=by,
    )


def suspend_sender(item: MessageReport, by=None) -> None:
    """Turn messaging off for the reported message's sender in this event."""
    _handle(item, ReportStatus.SENDER_SUSPENDED, by)
    sender = item.message.sender
    sender.messaging_suspended = True
    db.session.flush()
    record(
        sender.event,
        "message_report.sender_suspended",
        _subject(sender),
        actor=by,
    )


def restore_sender(sender: Registration, by=None) -> None:
    """Let a suspended delegate write again."""
    if not sender.messaging_suspended:
        raise DomainError(_("This delegate may already write messages."))
    sender.messaging_suspended = False
    db.session.flush()
    record(sender.event, "messaging.sender_restored", _subject(sender), actor=by)
