"""B2B/B2G matchmaking: the slot grid, tables, requests, meetings and their outcomes.

The database itself refuses double bookings: a table holds one meeting per slot
(unique slot + table on meetings) and a delegate is in one meeting per slot (unique
registration + slot on meeting_participants, whose slot mirrors the meeting's).
"""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.timerange import TimeRange
from forum.core.types import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class MeetingKind(enum.StrEnum):
    B2B = "b2b"
    B2G = "b2g"


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class Priority(enum.IntEnum):
    WOULD_LIKE = 1
    MUST_MEET = 2


class HalfDay(enum.StrEnum):
    MORNING = "am"
    AFTERNOON = "pm"


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"  # placed (or waiting for a place), not yet announced
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class Attendance(enum.StrEnum):
    HELD = "held"
    NO_SHOW = "no_show"  # the other side did not come
    CANCELLED_ON_DAY = "cancelled_on_day"


class OutcomeKind(enum.StrEnum):
    FOLLOW_UP = "follow_up"
    PARTNERSHIP = "partnership"
    INVESTMENT_DISCUSSION = "investment"
    NONE = "none"


class MeetingBlock(db.Model):
    """A run of meeting slots inside a B2B/B2G programme session."""

    __tablename__ = "meeting_blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("programme_sessions.id", ondelete="CASCADE"), unique=True
    )
    slot_minutes: Mapped[int] = mapped_column(server_default="20")
    break_minutes: Mapped[int] = mapped_column(server_default="5")

    event = relationship("Event")
    session = relationship("ProgrammeSession")
    slots = relationship(
        "MeetingSlot",
        back_populates="block",
        cascade="all, delete-orphan",
        order_by="MeetingSlot.starts_at",
    )


class MeetingSlot(db.Model):
    __tablename__ = "meeting_slots"
    __table_args__ = (
        sa.UniqueConstraint("block_id", "starts_at"),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meeting_blocks.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    block = relationship("MeetingBlock", back_populates="slots")

    @property
    def time_range(self) -> TimeRange:
        return TimeRange(self.starts_at, self.ends_at)


class MeetingTable(db.Model):
    """A numbered table (or a virtual room with a video link) where meetings happen."""

    __tablename__ = "meeting_tables"
    __table_args__ = (sa.UniqueConstraint("event_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    label: Mapped[str] = mapped_column(sa.String(120), server_default="")
    room_id: Mapped[int | None] = mapped_column(sa.ForeignKey("rooms.id", ondelete="SET NULL"))
    # Reserved for one host (e.g. a ministry that receives all its meetings there).
    host_registration_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="SET NULL")
    )
    is_virtual: Mapped[bool] = mapped_column(server_default=sa.false())
    video_url: Mapped[str] = mapped_column(sa.String(500), server_default="")

    room = relationship("Room")
    host = relationship("Registration")

    def __str__(self) -> str:
        return self.label or str(self.number)


class Unavailability(db.Model):
    """A slot in which a delegate cannot meet."""

    __tablename__ = "unavailabilities"

    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), primary_key=True
    )
    slot_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meeting_slots.id", ondelete="CASCADE"), primary_key=True
    )


class MeetingRequest(db.Model):
    __tablename__ = "meeting_requests"
    __table_args__ = (
        sa.CheckConstraint("requester_id <> recipient_id", name="not_to_self"),
        sa.Index("ix_meeting_requests_pair", "event_id", "requester_id", "recipient_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    requester_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    recipient_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[MeetingKind] = mapped_column(enum_type(MeetingKind, "meeting_kind"))
    priority: Mapped[int] = mapped_column(server_default=str(int(Priority.WOULD_LIKE)))
    message: Mapped[str] = mapped_column(sa.Text, server_default="")
    preferred_day: Mapped[date | None] = mapped_column(sa.Date)
    preferred_half: Mapped[HalfDay | None] = mapped_column(enum_type(HalfDay, "half_day"))
    status: Mapped[RequestStatus] = mapped_column(
        enum_type(RequestStatus, "request_status"),
        server_default=RequestStatus.PENDING.value,
        index=True,
    )
    decline_reason: Mapped[str] = mapped_column(sa.Text, server_default="")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the request came from interest in a project (the project pitch flow).
    project_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Any change (an answer, a cancellation): the API's updated_since reads it (forum/api).
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event = relationship("Event")
    requester = relationship("Registration", foreign_keys=[requester_id])
    recipient = relationship("Registration", foreign_keys=[recipient_id])
    colleagues = relationship(
        "MeetingRequestColleague", cascade="all, delete-orphan", back_populates="request"
    )
    project = relationship("Project")
    meeting = relationship("Meeting", back_populates="request", uselist=False)

    @property
    def requester_side(self) -> set[int]:
        """Registration ids on the requester's side of the table: the requester's delegation."""
        return {self.requester_id} | {c.registration_id for c in self.colleagues}

    def is_past_deadline(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    def status_at(self, now: datetime) -> RequestStatus:
        """The status a reader sees at `now`: a pending request past its deadline is shown
        expired even before `forum tick` has swept it (pages never expire requests)."""
        if self.status == RequestStatus.PENDING and self.is_past_deadline(now):
            return RequestStatus.EXPIRED
        return self.status

    @property
    def shown_status(self) -> RequestStatus:
        return self.status_at(utcnow())


class MeetingRequestColleague(db.Model):
    """A colleague of the requester's organisation who joins the meeting (a delegation)."""

    __tablename__ = "meeting_request_colleagues"

    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meeting_requests.id", ondelete="CASCADE"), primary_key=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), primary_key=True
    )

    request = relationship("MeetingRequest", back_populates="colleagues")
    registration = relationship("Registration")


class Meeting(db.Model):
    """An accepted request's placement; sequence grows on every move (calendar SEQUENCE)."""

    __tablename__ = "meetings"
    __table_args__ = (sa.UniqueConstraint("slot_id", "table_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meeting_requests.id", ondelete="CASCADE"), unique=True
    )
    slot_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meeting_slots.id", ondelete="SET NULL"), index=True
    )
    table_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meeting_tables.id", ondelete="SET NULL")
    )
    locked: Mapped[bool] = mapped_column(server_default=sa.false())
    status: Mapped[MeetingStatus] = mapped_column(
        enum_type(MeetingStatus, "meeting_status"), server_default=MeetingStatus.SCHEDULED.value
    )
    # Where and when it was when cancelled, so calendars can show it as cancelled.
    cancelled_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sequence: Mapped[int] = mapped_column(server_default="0")
    version: Mapped[int] = mapped_column(server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    event = relationship("Event")
    request = relationship("MeetingRequest", back_populates="meeting")
    slot = relationship("MeetingSlot")
    table = relationship("MeetingTable")
    participants = relationship(
        "MeetingParticipant", back_populates="meeting", cascade="all, delete-orphan"
    )
    outcomes = relationship(
        "MeetingOutcome", back_populates="meeting", cascade="all, delete-orphan"
    )


class MeetingParticipant(db.Model):
    """A delegate in a meeting; slot_id mirrors the meeting's so the database sees clashes."""

    __tablename__ = "meeting_participants"
    __table_args__ = (sa.UniqueConstraint("registration_id", "slot_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meeting_slots.id", ondelete="SET NULL")
    )

    meeting = relationship("Meeting", back_populates="participants")
    registration = relationship("Registration")


class MeetingOutcome(db.Model):
    """What one side says happened, after the meeting."""

    __tablename__ = "meeting_outcomes"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "registration_id"),
        sa.CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE")
    )
    attendance: Mapped[Attendance] = mapped_column(enum_type(Attendance, "attendance"))
    outcome: Mapped[OutcomeKind] = mapped_column(
        enum_type(OutcomeKind, "outcome_kind"), server_default=OutcomeKind.NONE.value
    )
    amount: Mapped[int | None] = mapped_column(sa.BigInteger)  # indicative, whole units
    currency: Mapped[str] = mapped_column(sa.String(3), server_default="USD")
    notes: Mapped[str] = mapped_column(sa.Text, server_default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting = relationship("Meeting", back_populates="outcomes")
    registration = relationship("Registration")


class UnplacedNotice(db.Model):
    """A must-meet meeting a schedule left without a place, and why: its delegates and the
    organizers were told once for that plan (the fingerprint of the meetings it was made from)."""

    __tablename__ = "unplaced_notices"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "plan_fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    plan_fingerprint: Mapped[str] = mapped_column(sa.String(64))
    reason: Mapped[str] = mapped_column(sa.Text, server_default="")  # the engine's English
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ScheduleRun(db.Model):
    """One run of the batch scheduler for an event: how far it got, then its plan.

    The run happens outside the request (RQ or a thread); this row is what the organizer's
    page polls (stage and figures in `progress`) and, when done, the plan itself, kept here
    rather than in the page: 10,000 placements do not travel in a form field. `fingerprint`
    is that of the meetings the plan was made from; apply refuses it once they changed."""

    __tablename__ = "schedule_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    mode: Mapped[str] = mapped_column(sa.String(20))
    time_limit: Mapped[int] = mapped_column()
    allow_moves: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    status: Mapped[str] = mapped_column(sa.String(10), server_default="queued")
    progress: Mapped[dict | None] = mapped_column(sa.JSON)  # stage, placed, breaks...
    fingerprint: Mapped[str] = mapped_column(sa.String(64), server_default="")
    plan: Mapped[dict | None] = mapped_column(sa.JSON)  # assignments, reasons, stats
    error: Mapped[str] = mapped_column(sa.Text, server_default="")
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event = relationship("Event")

    @property
    def active(self) -> bool:
        return self.status in ("queued", "running")
