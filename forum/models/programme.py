"""Programme sessions and their speakers."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.models.types import UTCDateTime, enum_type, utcnow
from forum.timerange import TimeRange


class SessionKind(enum.StrEnum):
    PLENARY = "plenary"
    PANEL = "panel"
    WORKSHOP = "workshop"
    PITCH = "pitch"
    B2B = "b2b"
    NETWORKING = "networking"
    BREAK = "break"


class ProgrammeSession(db.Model):
    __tablename__ = "programme_sessions"
    __table_args__ = (sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, server_default="")
    kind: Mapped[SessionKind] = mapped_column(
        enum_type(SessionKind, "session_kind"), server_default=SessionKind.PLENARY.value
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    room_id: Mapped[int | None] = mapped_column(sa.ForeignKey("rooms.id", ondelete="SET NULL"))
    track_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tracks.id", ondelete="SET NULL"))
    stream_url: Mapped[str] = mapped_column(sa.String(500), server_default="")
    capacity: Mapped[int | None]
    language: Mapped[str] = mapped_column(sa.String(5), server_default="es")
    # Grows every time the session moves, for calendar clients (iCal SEQUENCE).
    sequence: Mapped[int] = mapped_column(server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event = relationship("Event", back_populates="sessions")
    room = relationship("Room")
    track = relationship("Track")
    speakers = relationship(
        "SessionSpeaker",
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="SessionSpeaker.position",
    )

    @property
    def time_range(self) -> TimeRange:
        return TimeRange(self.starts_at, self.ends_at)

    def __str__(self) -> str:
        return self.title


class SessionSpeaker(db.Model):
    __tablename__ = "session_speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("programme_sessions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    organisation: Mapped[str] = mapped_column(sa.String(200), server_default="")
    role: Mapped[str] = mapped_column(sa.String(200), server_default="")
    position: Mapped[int] = mapped_column(server_default="0")

    session = relationship("ProgrammeSession", back_populates="speakers")
