"""All models, importable from one place (and seen by Alembic)."""

from forum.models.events import Event, EventFormat, EventRole, EventStatus, Room, Track
from forum.models.mail import Mail, MailStatus
from forum.models.people import User, UserSession
from forum.models.programme import ProgrammeSession, SessionKind, SessionSpeaker
from forum.models.registration import (
    Gender,
    Organisation,
    OrganisationSize,
    OrganisationType,
    ParticipantType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    SeatStatus,
    SessionSeat,
    Tag,
    TagRole,
)

__all__ = [
    "Event",
    "EventFormat",
    "EventRole",
    "EventStatus",
    "Gender",
    "Mail",
    "MailStatus",
    "Organisation",
    "OrganisationSize",
    "OrganisationType",
    "ParticipantType",
    "ProgrammeSession",
    "Registration",
    "RegistrationStatus",
    "RegistrationTag",
    "Room",
    "SeatStatus",
    "SessionKind",
    "SessionSeat",
    "SessionSpeaker",
    "Tag",
    "TagRole",
    "Track",
    "User",
    "UserSession",
]
