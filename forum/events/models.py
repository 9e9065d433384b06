"""An event (one forum edition), its rooms, tracks and organizers."""

import enum
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.bilingual import TwoLanguageName
from forum.core.timerange import TimeRange
from forum.core.types import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class EventFormat(enum.StrEnum):
    IN_PERSON = "in_person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"


class EventStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (sa.CheckConstraint("end_date >= start_date", name="dates_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    series: Mapped[str] = mapped_column(sa.String(200), server_default="")
    organiser_name: Mapped[str] = mapped_column(sa.String(200), server_default="")
    description: Mapped[str] = mapped_column(sa.Text, server_default="")
    city: Mapped[str] = mapped_column(sa.String(120), server_default="")
    country: Mapped[str] = mapped_column(sa.String(2), server_default="")
    venue: Mapped[str] = mapped_column(sa.String(300), server_default="")
    timezone: Mapped[str] = mapped_column(sa.String(64))
    start_date: Mapped[date]
    end_date: Mapped[date]
    format: Mapped[EventFormat] = mapped_column(
        enum_type(EventFormat, "event_format"), server_default=EventFormat.IN_PERSON.value
    )
    # Comma-separated language codes; the first is the event's main language.
    language_codes: Mapped[str] = mapped_column(sa.String(40), server_default="es")
    status: Mapped[EventStatus] = mapped_column(
        enum_type(EventStatus, "event_status"), server_default=EventStatus.DRAFT.value
    )
    # Registration desk: the form is open between these instants (None = no limit).
    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    capacity: Mapped[int | None]  # approved delegates at most (None = no limit)
    # Promote from the waiting list by itself when a place frees up.
    auto_promote: Mapped[bool] = mapped_column(server_default=sa.true())
    # Matchmaking rules set by the organizers.
    allow_b2b: Mapped[bool] = mapped_column(server_default=sa.true())
    allow_b2g: Mapped[bool] = mapped_column(server_default=sa.true())
    max_requests_per_delegate: Mapped[int | None]
    max_meetings_per_delegate: Mapped[int | None]
    request_expiry_hours: Mapped[int] = mapped_column(server_default="72")
    max_delegation_size: Mapped[int] = mapped_column(server_default="3")
    self_booking: Mapped[bool] = mapped_column(server_default=sa.false())
    schedule_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Projects: who sees the catalogue, whether delegates may submit, the report currency.
    projects_public: Mapped[bool] = mapped_column(server_default=sa.true())
    project_submissions_open: Mapped[bool] = mapped_column(server_default=sa.true())
    report_currency: Mapped[str] = mapped_column(sa.String(3), server_default="USD")
    # The privacy notice delegates accept when they register (forum/privacy): its text in
    # each language and a version that grows on every change, so a consent names what it saw.
    privacy_notice_es: Mapped[str] = mapped_column(sa.Text, server_default="")
    privacy_notice_en: Mapped[str] = mapped_column(sa.Text, server_default="")
    privacy_notice_version: Mapped[int] = mapped_column(server_default="1")
    privacy_notice_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Meeting reminders the worker sends (forum/notifications/reminders.py): the eve's mail
    # with the next day's meetings, at this local hour; and one mail N minutes before each.
    reminder_day_before: Mapped[bool] = mapped_column(server_default=sa.false())
    reminder_day_before_hour: Mapped[int] = mapped_column(server_default="18")
    reminder_minutes_before: Mapped[int | None]  # None: no reminder before each meeting
    # Delegates may write to each other (forum/messaging); off: the history stays readable.
    messaging_enabled: Mapped[bool] = mapped_column(server_default=sa.true())
    # Bumped by every flush that changes what the public pages show of the event (the event,
    # its rooms, tracks, sessions, speakers, projects, pitches): the public page cache keys on
    # it (forum/web/public_cache.py), so no change is ever served stale.
    public_version: Mapped[int] = mapped_column(server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    rooms = relationship(
        "Room", back_populates="event", cascade="all, delete-orphan", order_by="Room.name"
    )
    tracks = relationship(
        "Track", back_populates="event", cascade="all, delete-orphan", order_by="Track.position"
    )
    sessions = relationship(
        "ProgrammeSession",
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="ProgrammeSession.starts_at",
    )
    roles = relationship("EventRole", back_populates="event", cascade="all, delete-orphan")
    participant_types = relationship(
        "ParticipantType",
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="ParticipantType.position",
    )
    tags = relationship(
        "Tag", back_populates="event", cascade="all, delete-orphan", order_by="Tag.name_es"
    )
    registrations = relationship(
        "Registration", back_populates="event", cascade="all, delete-orphan"
    )

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def languages(self) -> list[str]:
        return [code for code in self.language_codes.split(",") if code]

    @property
    def main_language(self) -> str:
        return (self.languages or ["es"])[0]

    @property
    def is_public(self) -> bool:
        return self.status != EventStatus.DRAFT

    def registration_is_open(self, now: datetime) -> bool:
        """Open while published, between the organizer's dates and before the event ends
        (the rule and its reasons: forum/events/registration_window.py)."""
        from forum.events.registration_window import registration_state

        return registration_state(self, now).is_open

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class TeamRole(enum.StrEnum):
    """What a member of an event's team may do (forum/web/access.py enforces it)."""

    ORGANIZER = "organizer"  # everything
    DESK = "desk"  # registrations, check-in, badges, mail to delegates
    REVIEWER = "reviewer"  # projects and pitches
    VIEWER = "viewer"  # dashboards and reports, read-only


class EventRole(db.Model):
    """A user's one role in an event's team."""

    __tablename__ = "event_roles"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "user_id"),
        sa.CheckConstraint("role IN ('organizer', 'desk', 'reviewer', 'viewer')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(sa.String(20), server_default=TeamRole.ORGANIZER.value)
    added_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)

    event = relationship("Event", back_populates="roles")
    user = relationship("User", back_populates="event_roles")


class Room(db.Model):
    __tablename__ = "rooms"
    __table_args__ = (sa.UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(120))
    capacity: Mapped[int | None]
    floor: Mapped[str] = mapped_column(sa.String(120), server_default="")
    notes: Mapped[str] = mapped_column(sa.Text, server_default="")

    event = relationship("Event", back_populates="rooms")

    def __str__(self) -> str:
        return self.name


class Track(TwoLanguageName, db.Model):
    """A track or theme of the programme (the Pacific Alliance forum had five)."""

    __tablename__ = "tracks"
    __table_args__ = (
        # Named as when the column was `name`: SQLite cannot rename a constraint in place.
        sa.UniqueConstraint("event_id", "name_es", name="uq_tracks_event_id_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    name_es: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200), server_default="")
    description: Mapped[str] = mapped_column(sa.Text, server_default="")
    color: Mapped[str] = mapped_column(sa.String(7), server_default="#1b6ca8")
    position: Mapped[int] = mapped_column(server_default="0")

    event = relationship("Event", back_populates="tracks")


# Programme sessions and their speakers.


class SessionKind(enum.StrEnum):
    PLENARY = "plenary"
    PANEL = "panel"
    WORKSHOP = "workshop"
    PITCH = "pitch"
    B2B = "b2b"
    NETWORKING = "networking"
    BREAK = "break"


class LinkAudience(enum.StrEnum):
    """Who may follow a session's online link: anyone (a webcast) or its delegates (a room)."""

    PUBLIC = "public"
    PARTICIPANTS = "participants"


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
    # A link nobody marked stays with the delegates: a meeting room must not leak.
    link_audience: Mapped[LinkAudience] = mapped_column(
        enum_type(LinkAudience, "link_audience"), server_default=LinkAudience.PARTICIPANTS.value
    )
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


class EventJobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class EventJob(db.Model):
    """Whole-event work run outside a request that makes no document (publishing the meeting
    plan), and how far it got; bulk documents have their own rows (documents.DocumentJob,
    which also keep a file). The work runs on RQ or in a thread; this row only reports."""

    __tablename__ = "event_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(40))  # e.g. "schedule.publish"
    status: Mapped[EventJobStatus] = mapped_column(
        enum_type(EventJobStatus, "event_job_status"),
        server_default=EventJobStatus.QUEUED.value,
    )
    done: Mapped[int] = mapped_column(server_default="0")
    total: Mapped[int] = mapped_column(server_default="0")
    result: Mapped[int | None] = mapped_column()  # what it comes to (mails written)
    error: Mapped[str] = mapped_column(sa.Text, server_default="")  # for the organizer to read
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event = relationship("Event")

    @property
    def active(self) -> bool:
        return self.status in (EventJobStatus.QUEUED, EventJobStatus.RUNNING)
