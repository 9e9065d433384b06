"""All models, importable from one place (and seen by Alembic)."""

from forum.models.events import Event, EventFormat, EventRole, EventStatus, Room, Track
from forum.models.people import User
from forum.models.programme import ProgrammeSession, SessionKind, SessionSpeaker

__all__ = [
    "Event",
    "EventFormat",
    "EventRole",
    "EventStatus",
    "ProgrammeSession",
    "Room",
    "SessionKind",
    "SessionSpeaker",
    "Track",
    "User",
]
