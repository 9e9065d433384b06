"""Conversations between two approved delegates of one event, their messages, and reports.

One conversation per pair of registrations: the pair is stored in a canonical order
(first_id < second_id) under a unique constraint, so two people who start writing to each
other at the same moment end up in the same conversation (the loser of the race re-reads
it). Each side has a ConversationMember row with what only that side knows: how far they
have read, whether they block the other, when they were last mailed a digest.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.types import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class Conversation(db.Model):
    __tablename__ = "conversations"
    __table_args__ = (
        sa.UniqueConstraint("first_id", "second_id"),
        sa.CheckConstraint("first_id < second_id", name="conversation_pair_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    first_id: Mapped[int] = mapped_column(sa.ForeignKey("registrations.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    # Who wrote first: the limit on new conversations a day counts these.
    started_by_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    first = relationship("Registration", foreign_keys=[first_id])
    second = relationship("Registration", foreign_keys=[second_id])
    members = relationship(
        "ConversationMember", back_populates="conversation", cascade="all, delete-orphan"
    )

    def other(self, registration_id: int):
        """The counterpart of `registration_id` in this conversation."""
        return self.second if registration_id == self.first_id else self.first

    def member(self, registration_id: int) -> "ConversationMember":
        return next(m for m in self.members if m.registration_id == registration_id)


class ConversationMember(db.Model):
    """One side of a conversation: what that delegate read, blocks and was mailed."""

    __tablename__ = "conversation_members"

    conversation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # The last message this side has seen (0: none): messages of the other side after it
    # are unread.
    last_read_id: Mapped[int] = mapped_column(server_default="0")
    # This side blocks the other: then neither may write in the conversation.
    blocking: Mapped[bool] = mapped_column(server_default=sa.false())
    # The last digest mailed to this side, and the last message it carried.
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notified_id: Mapped[int] = mapped_column(server_default="0")

    conversation = relationship("Conversation", back_populates="members")
    registration = relationship("Registration")


class Message(db.Model):
    __tablename__ = "messages"
    __table_args__ = (sa.Index("ix_messages_sender_id_created_at", "sender_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    sender_id: Mapped[int] = mapped_column(sa.ForeignKey("registrations.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    conversation = relationship("Conversation")
    sender = relationship("Registration")


class ReportStatus(enum.StrEnum):
    OPEN = "open"
    DISMISSED = "dismissed"
    SENDER_SUSPENDED = "sender_suspended"  # the organizers turned messaging off for the sender


class MessageReport(db.Model):
    """A message one side of a conversation shows to the organizers: the only way an
    organizer ever reads a private message."""

    __tablename__ = "message_reports"
    __table_args__ = (sa.UniqueConstraint("message_id", "reporter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int] = mapped_column(sa.ForeignKey("messages.id", ondelete="CASCADE"))
    reporter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(sa.Text, server_default="")
    status: Mapped[ReportStatus] = mapped_column(
        enum_type(ReportStatus, "message_report_status"), server_default=ReportStatus.OPEN.value
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    message = relationship("Message")
    reporter = relationship("Registration")
    handled_by = relationship("User")

    @property
    def is_open(self) -> bool:
        return self.status == ReportStatus.OPEN
