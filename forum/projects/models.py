"""Projects pitched at a forum, investors' interest in them, and what it led to.

Amounts are integers in minor units (cents) with an ISO 4217 currency code.
"""

import enum
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.types import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class ProjectKind(enum.StrEnum):
    INVESTMENT_PLAN = "investment_plan"
    COOPERATION_PROJECT = "cooperation_project"
    BUSINESS_PROPOSAL = "business_proposal"


class Instrument(enum.StrEnum):
    EQUITY = "equity"
    DEBT = "debt"
    GRANT = "grant"
    BLENDED = "blended"
    TECHNICAL_COOPERATION = "technical_cooperation"


class ProjectStage(enum.StrEnum):
    IDEA = "idea"
    PRE_FEASIBILITY = "pre_feasibility"
    FEASIBILITY = "feasibility"
    OPERATING = "operating"


class ProjectStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    NEEDS_CHANGES = "needs_changes"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class InterestLevel(enum.StrEnum):
    FOLLOW = "follow"
    INTERESTED = "interested"
    READY = "ready"  # ready to discuss terms


class CommitmentStatus(enum.StrEnum):
    IN_TALKS = "in_talks"
    TERM_SHEET = "term_sheet"
    COMMITTED = "committed"
    DECLINED = "declined"


class Project(db.Model):
    """An investment plan or cooperation project presented by an organisation at an event."""

    __tablename__ = "projects"
    __table_args__ = (
        sa.CheckConstraint("amount_sought IS NULL OR amount_sought >= 0", name="amount_positive"),
        sa.CheckConstraint(
            "women_share IS NULL OR (women_share >= 0 AND women_share <= 100)", name="women_share"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    submitted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="SET NULL")
    )
    contact_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(sa.String(300))
    summary: Mapped[str] = mapped_column(sa.Text, server_default="")
    description: Mapped[str] = mapped_column(sa.Text, server_default="")
    kind: Mapped[ProjectKind] = mapped_column(enum_type(ProjectKind, "project_kind"))
    country: Mapped[str] = mapped_column(sa.String(2))
    regions: Mapped[str] = mapped_column(sa.String(300), server_default="")  # comma list
    amount_sought: Mapped[int | None] = mapped_column(sa.BigInteger)  # minor units
    currency: Mapped[str] = mapped_column(sa.String(3), server_default="USD")
    instrument: Mapped[Instrument | None] = mapped_column(enum_type(Instrument, "instrument"))
    stage: Mapped[ProjectStage | None] = mapped_column(enum_type(ProjectStage, "project_stage"))
    beneficiaries: Mapped[int | None]
    women_share: Mapped[int | None]  # per cent of beneficiaries
    smallholders: Mapped[int | None]
    area_hectares: Mapped[int | None]
    sdgs: Mapped[str] = mapped_column(sa.String(60), server_default="")  # comma list of 1..17
    status: Mapped[ProjectStatus] = mapped_column(
        enum_type(ProjectStatus, "project_status"),
        server_default=ProjectStatus.SUBMITTED.value,
        index=True,
    )
    review_comment: Mapped[str] = mapped_column(sa.Text, server_default="")
    document_file: Mapped[str | None] = mapped_column(sa.String(80))  # stored name
    document_name: Mapped[str] = mapped_column(sa.String(200), server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event = relationship("Event")
    organisation = relationship("Organisation")
    submitted_by = relationship("Registration", foreign_keys=[submitted_by_id])
    contact = relationship("Registration", foreign_keys=[contact_id])
    tags = relationship("Tag", secondary="project_tags", order_by="Tag.name_es")
    pitches = relationship("Pitch", back_populates="project", cascade="all, delete-orphan")
    interests = relationship("Interest", back_populates="project", cascade="all, delete-orphan")
    presenters = relationship(
        "ProjectPresenter",
        back_populates="project",
        cascade="all, delete-orphan",
        order_by="ProjectPresenter.id",
    )

    def __str__(self) -> str:
        return self.title


class ProjectPresenter(db.Model):
    """A delegate on a project's presenting team: they edit it and see investors' interest.

    The team is explicit (the submitter, then whom the team or an organizer adds) because
    a delegate's organisation is a field they edit themselves: it must not grant access.
    """

    __tablename__ = "project_presenters"
    __table_args__ = (sa.UniqueConstraint("project_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    project = relationship("Project", back_populates="presenters")
    registration = relationship("Registration")


project_tags = sa.Table(
    "project_tags",
    db.metadata,
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class ExchangeRate(db.Model):
    """What one unit of a currency is worth in the event's report currency (set by organizers)."""

    __tablename__ = "exchange_rates"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "currency"),
        sa.CheckConstraint("rate > 0", name="rate_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    currency: Mapped[str] = mapped_column(sa.String(3))
    rate: Mapped[Decimal] = mapped_column(sa.Numeric(18, 8))


class Pitch(db.Model):
    """A project presented in a pitch session, in order, for a number of minutes."""

    __tablename__ = "pitches"
    __table_args__ = (
        sa.UniqueConstraint("project_id", "session_id"),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("programme_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(server_default="0")
    duration_minutes: Mapped[int] = mapped_column(server_default="10")
    # Derived from the session start and the pitches before it; kept for clash queries.
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sequence: Mapped[int] = mapped_column(server_default="0")  # iCal SEQUENCE

    project = relationship("Project", back_populates="pitches")
    session = relationship("ProgrammeSession")


class Interest(db.Model):
    """An investor's (or agency's, or government's) interest in a project."""

    __tablename__ = "interests"
    __table_args__ = (
        sa.UniqueConstraint("project_id", "registration_id"),
        sa.CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[InterestLevel] = mapped_column(enum_type(InterestLevel, "interest_level"))
    amount: Mapped[int | None] = mapped_column(sa.BigInteger)  # indicative, minor units
    currency: Mapped[str] = mapped_column(sa.String(3), server_default="USD")
    instrument: Mapped[Instrument | None] = mapped_column(
        enum_type(Instrument, "interest_instrument")
    )
    note: Mapped[str] = mapped_column(sa.Text, server_default="")  # private to both sides
    meeting_request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meeting_requests.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    project = relationship("Project", back_populates="interests")
    registration = relationship("Registration")
    meeting_request = relationship("MeetingRequest")
    commitments = relationship(
        "Commitment", back_populates="interest", cascade="all, delete-orphan"
    )


class Commitment(db.Model):
    """After the event: where an investor's interest stands, for resource-mobilisation reports."""

    __tablename__ = "commitments"
    __table_args__ = (sa.CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interest_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interests.id", ondelete="CASCADE"), index=True
    )
    amount: Mapped[int | None] = mapped_column(sa.BigInteger)  # minor units
    currency: Mapped[str] = mapped_column(sa.String(3), server_default="USD")
    instrument: Mapped[Instrument | None] = mapped_column(
        enum_type(Instrument, "commitment_instrument")
    )
    status: Mapped[CommitmentStatus] = mapped_column(
        enum_type(CommitmentStatus, "commitment_status")
    )
    notes: Mapped[str] = mapped_column(sa.Text, server_default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Any change (a new status, amount): the API's updated_since reads it (forum/api).
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    interest = relationship("Interest", back_populates="commitments")
