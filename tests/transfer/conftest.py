"""A small event with a bit of everything the document links (shared by the transfer tests)."""

from dataclasses import dataclass

import pytest

from forum.events.models import Event, Room
from forum.registration.models import ParticipantType, RegistrationTag, Tag, TagRole
from forum.transfer.services.export import export_event
from tests.factories import (
    create_block,
    create_event,
    create_meeting,
    create_registration,
    create_session,
    create_tables,
    create_track,
    create_user,
)


@dataclass
class SmallForum:
    event: Event
    organizer: object
    admin: object


@pytest.fixture
def small_forum(db) -> SmallForum:
    """hih-2023 with a room, a track, a session with a speaker, a type, a tag, two delegates,
    a block of slots, tables and one meeting between the delegates."""
    organizer = create_user("organizer@example.org", "Olga Organizer")
    admin = create_user("admin@example.org", "Ada Admin", admin=True)
    event = create_event(organizers=[organizer])
    room = Room(event=event, name="Sala Roma", capacity=80)
    db.session.add(room)
    db.session.commit()
    track = create_track(event, "Café")
    create_session(
        event,
        "Apertura",
        room_id=room.id,
        track_id=track.id,
        speakers=[{"name": "Máximo Torero", "organisation": "FAO", "role": "Economista jefe"}],
    )
    investor = ParticipantType(event=event, name_es="Inversionista", name_en="Investor")
    coffee = Tag(event=event, name_es="café", name_en="coffee")
    db.session.add_all([investor, coffee])
    db.session.commit()
    ana = create_registration(event, "Ana Quispe", participant_type=investor)
    luis = create_registration(event, "Luis Mamani", "Banco Andino")
    db.session.add(RegistrationTag(registration_id=ana.id, tag_id=coffee.id, role=TagRole.SEEK))
    db.session.commit()
    block = create_block(event)
    tables = create_tables(event, 2)
    create_meeting(ana, luis, slot=block.slots[0], table=tables[0])
    return SmallForum(event=event, organizer=organizer, admin=admin)


@pytest.fixture
def small_document(small_forum) -> dict:
    return export_event(small_forum.event)
