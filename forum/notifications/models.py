"""The outbox: every mail is stored first, then sent (or kept for retry)."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.types import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class MailStatus(enum.StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"  # last attempt failed; `forum send-mail` retries it


class Mail(db.Model):
    __tablename__ = "mails"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    locale: Mapped[str] = mapped_column(sa.String(5), server_default="es")
    status: Mapped[MailStatus] = mapped_column(
        enum_type(MailStatus, "mail_status"), server_default=MailStatus.QUEUED.value, index=True
    )
    attempts: Mapped[int] = mapped_column(server_default="0")
    last_error: Mapped[str] = mapped_column(sa.Text, server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The organizer's mailing this mail is one copy of (forum/mailings), for its delivery log.
    mailing_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("mailings.id", ondelete="SET NULL"), index=True
    )

    event = relationship("Event")


class ReminderKind(enum.StrEnum):
    DAY_BEFORE = "day_before"  # the eve: the next day's meetings
    BEFORE_MEETING = "before_meeting"  # N minutes before one meeting


class SentReminder(db.Model):
    """A reminder written to the outbox once: the unique key is claimed in the transaction
    that queues the mail, so two ticks (or two machines) never send the same reminder."""

    __tablename__ = "sent_reminders"
    __table_args__ = (sa.UniqueConstraint("registration_id", "kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE")
    )
    kind: Mapped[ReminderKind] = mapped_column(enum_type(ReminderKind, "reminder_kind"))
    # What it reminds of: the day ("2023-10-17") or the meeting ("meeting:42").
    key: Mapped[str] = mapped_column(sa.String(40))
    mail_id: Mapped[int | None] = mapped_column(sa.ForeignKey("mails.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
