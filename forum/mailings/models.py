"""A mailing: one text (Spanish and English) written by an organizer to a filtered audience.

The audience is stored as data (the filter, not the list of people), so a draft always
counts and previews against today's registrations; once sent, the outbox rows it produced
(Mail.mailing_id) are the record of who received it.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.types import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class MailingStatus(enum.StrEnum):
    DRAFT = "draft"
    SENT = "sent"


class Mailing(db.Model):
    __tablename__ = "mailings"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    subject_es: Mapped[str] = mapped_column(sa.String(300), server_default="")
    body_es: Mapped[str] = mapped_column(sa.Text, server_default="")
    subject_en: Mapped[str] = mapped_column(sa.String(300), server_default="")
    body_en: Mapped[str] = mapped_column(sa.Text, server_default="")
    # forum.mailings.services.audience.Audience as a dict: {"statuses": [...], ...}
    audience: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    status: Mapped[MailingStatus] = mapped_column(
        enum_type(MailingStatus, "mailing_status"), server_default=MailingStatus.DRAFT.value
    )
    recipient_count: Mapped[int] = mapped_column(server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event = relationship("Event")
    author = relationship("User")

    @property
    def is_draft(self) -> bool:
        return self.status == MailingStatus.DRAFT

    def subject(self, locale: str) -> str:
        return self.subject_es if locale == "es" else self.subject_en

    def __str__(self) -> str:
        return self.subject_es or self.subject_en or f"#{self.id}"
