"""Delegates' participation in an event: organisations, registrations, tags, seats."""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import pgettext
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from forum.core.bilingual import TwoLanguageName
from forum.core.text import one_line
from forum.core.text_search import fold
from forum.core.types import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class OrganisationType(enum.StrEnum):
    COMPANY = "company"
    PRODUCER_ORGANISATION = "producer_org"  # producer organisation / cooperative
    INVESTOR = "investor"  # investor / financial institution
    NATIONAL_GOVERNMENT = "national_gov"
    REGIONAL_GOVERNMENT = "regional_gov"  # regional or local government
    COOPERATION_AGENCY = "cooperation"  # cooperation agency / international organisation
    ACADEMIA_NGO = "academia_ngo"

    @property
    def is_government(self) -> bool:
        """Government bodies make a meeting B2G."""
        return self in {OrganisationType.NATIONAL_GOVERNMENT, OrganisationType.REGIONAL_GOVERNMENT}


class OrganisationSize(enum.StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"  # "prefer not to say"


class RegistrationStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WAITING = "waiting"
    CANCELLED = "cancelled"


class TagRole(enum.StrEnum):
    SECTOR = "sector"  # sectors and value chains the delegate works in
    OFFER = "offer"
    SEEK = "seek"


class SeatStatus(enum.StrEnum):
    SEATED = "seated"
    WAITING = "waiting"


NAME_KEY = sa.String(200).with_variant(sa.String(200, collation="C"), "postgresql")


def name_key(name: str | None) -> str:
    """A name as lookups compare it: without control characters, spaces made one, folded."""
    return fold(" ".join(one_line(name or "").split()))


class Organisation(db.Model):
    """Shared across events: the same cooperative comes back every year."""

    __tablename__ = "organisations"
    __table_args__ = (sa.UniqueConstraint("name", "country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    # The name as lookups compare it (core.text_search.fold: lower case, no accents), indexed:
    # the registration form finds an organisation by name among thousands without folding
    # each one (services/organisation_picker). Byte order ("C") on PostgreSQL, so that the
    # index serves "begins with" ranges whatever the database's locale. Set with the name.
    name_key: Mapped[str] = mapped_column(NAME_KEY, server_default="", index=True)
    type: Mapped[OrganisationType] = mapped_column(enum_type(OrganisationType, "org_type"))
    country: Mapped[str] = mapped_column(sa.String(2))
    region: Mapped[str] = mapped_column(sa.String(120), server_default="")
    website: Mapped[str] = mapped_column(sa.String(300), server_default="")
    size: Mapped[OrganisationSize | None] = mapped_column(enum_type(OrganisationSize, "org_size"))
    # Led by women (the organisation says so): funders count these apart.
    women_led: Mapped[bool] = mapped_column(server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __str__(self) -> str:
        return self.name

    @validates("name")
    def _keep_name_key(self, _key: str, name: str) -> str:
        self.name_key = name_key(name)
        return name


class ParticipantType(TwoLanguageName, db.Model):
    """A kind of participant in one event (investor, producer, government...), with a quota."""

    __tablename__ = "participant_types"
    __table_args__ = (
        # Named as when the column was `name`: SQLite cannot rename a constraint in place.
        sa.UniqueConstraint("event_id", "name_es", name="uq_participant_types_event_id_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    name_es: Mapped[str] = mapped_column(sa.String(120))
    name_en: Mapped[str] = mapped_column(sa.String(120), server_default="")
    color: Mapped[str] = mapped_column(sa.String(7), server_default="#1b6ca8")
    capacity: Mapped[int | None]
    position: Mapped[int] = mapped_column(server_default="0")

    event = relationship("Event", back_populates="participant_types")


class Tag(TwoLanguageName, db.Model):
    """A value chain or sector (café, cacao, lácteos...), managed per event by organizers."""

    __tablename__ = "tags"
    __table_args__ = (
        # Named as when the column was `name`: SQLite cannot rename a constraint in place.
        sa.UniqueConstraint("event_id", "name_es", name="uq_tags_event_id_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    name_es: Mapped[str] = mapped_column(sa.String(80))
    name_en: Mapped[str] = mapped_column(sa.String(80), server_default="")

    event = relationship("Event", back_populates="tags")


class RegistrationTag(db.Model):
    __tablename__ = "registration_tags"
    # who has a given tag in a given role: the recommendations' candidates (match_candidates)
    __table_args__ = (sa.Index("ix_registration_tags_tag_role", "tag_id", "role"),)

    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[TagRole] = mapped_column(enum_type(TagRole, "tag_role"), primary_key=True)

    tag = relationship("Tag")


class Registration(db.Model):
    """A delegate's participation in one event; most permissions hang off this."""

    __tablename__ = "registrations"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "user_id"),
        sa.CheckConstraint("ticket_min IS NULL OR ticket_min >= 0", name="ticket_min_positive"),
        sa.CheckConstraint(
            "ticket_max IS NULL OR ticket_min IS NULL OR ticket_max >= ticket_min",
            name="ticket_range_in_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL")
    )
    participant_type_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participant_types.id", ondelete="SET NULL")
    )
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_type(RegistrationStatus, "registration_status"),
        server_default=RegistrationStatus.SUBMITTED.value,
        index=True,
    )
    job_title: Mapped[str] = mapped_column(sa.String(200), server_default="")
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender, "gender"))
    # Comma-separated ISO 639-1 codes of the languages the delegate speaks.
    spoken_languages: Mapped[str] = mapped_column(sa.String(60), server_default="")
    offers: Mapped[str] = mapped_column(sa.Text, server_default="")
    seeks: Mapped[str] = mapped_column(sa.Text, server_default="")
    # Investors' ticket range in whole units of ticket_currency.
    ticket_min: Mapped[int | None] = mapped_column(sa.BigInteger)
    ticket_max: Mapped[int | None] = mapped_column(sa.BigInteger)
    ticket_currency: Mapped[str] = mapped_column(sa.String(3), server_default="USD")
    photo_file: Mapped[str | None] = mapped_column(sa.String(80))
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When a finished badge print run last included this delegate ("not printed yet" runs).
    badge_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The privacy notice version the delegate accepted, and when (forum/privacy); None for
    # registrations made by the desk or an import until the delegate accepts it.
    consent_version: Mapped[int | None]
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Personal data erased on request (forum/privacy/services/erasure.py): the row stays
    # for the event's figures, the person is "a former delegate".
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The organizers turned messaging off for this delegate after a report (forum/messaging).
    messaging_suspended: Mapped[bool] = mapped_column(server_default=sa.false())

    event = relationship("Event", back_populates="registrations")
    user = relationship("User", back_populates="registrations")
    organisation = relationship("Organisation")
    participant_type = relationship("ParticipantType")
    tag_links = relationship("RegistrationTag", cascade="all, delete-orphan")

    def tags(self, role: TagRole = TagRole.SECTOR) -> list[Tag]:
        return sorted((link.tag for link in self.tag_links if link.role == role), key=str)

    @property
    def languages(self) -> list[str]:
        return [code for code in self.spoken_languages.split(",") if code]

    @property
    def is_approved(self) -> bool:
        return self.status == RegistrationStatus.APPROVED

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None or self.user.erased_at is not None

    @property
    def display_name(self) -> str:
        """The delegate's name as pages, exports and PDFs show it: "a former delegate" once
        their personal data has been erased (the meeting and its figures stay)."""
        if self.is_erased:
            return pgettext("person", "a former delegate")
        return self.user.name


class SessionSeat(db.Model):
    """A registration's seat, or place on the waiting list, in a session with a capacity."""

    __tablename__ = "session_seats"
    __table_args__ = (sa.UniqueConstraint("session_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("programme_sessions.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[SeatStatus] = mapped_column(enum_type(SeatStatus, "seat_status"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session = relationship("ProgrammeSession")
    registration = relationship("Registration")
