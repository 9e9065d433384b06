"""A small forum with a programme, seats, meetings at tables and a pitch, for document tests."""

from dataclasses import dataclass
from datetime import time

from forum.events.models import Event, Room
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingStatus, MeetingTable
from forum.projects.models import ProjectStatus
from forum.registration.models import OrganisationType, Registration, SeatStatus, SessionSeat
from tests.factories.events import create_session
from tests.factories.meetings import create_block, create_meeting, create_tables
from tests.factories.projects import create_pitch
from tests.factories.registration import create_registration


@dataclass
class Forum:
    """What `build_forum` made: the event, its delegates, tables and the meetings by name."""

    event: Event
    ana: Registration
    bruno: Registration
    carla: Registration
    diego: Registration
    tables: list[MeetingTable]
    meetings: dict[str, Meeting]


def build_forum(event: Event) -> Forum:
    """Four delegates; Ana has a seat, two meetings, a draft, a cancelled and an unplaced one,
    and a pitch.

    The meeting block is on the event's second day (hih-2023: 17 Oct 2023, 10:00 in Rome),
    slots at 10:00, 10:25, 10:50 and 11:15.
    """
    ana = create_registration(event, "Ana Ñahui Quispe", "Cooperativa Agraria Cafetalera Oro Verde")
    bruno = create_registration(
        event, "Bruno Ferrari", "Banca Etica Impact Fund", org_type=OrganisationType.INVESTOR
    )
    bruno.organisation.country = "IT"
    carla = create_registration(
        event,
        "Carla Gutiérrez",
        "Gobierno Regional de Cajamarca",
        org_type=OrganisationType.REGIONAL_GOVERNMENT,
    )
    diego = create_registration(event, "Diego Huamán", "Asociación de Productores de Cacao")
    room = Room(event=event, name="Sala Roma")
    virtual_room = Room(event=event, name="Sala Lima")
    db.session.add_all([room, virtual_room])
    db.session.commit()

    block = create_block(event)
    tables = create_tables(event, 3)
    tables[0].room_id = room.id
    tables[2].is_virtual = True
    tables[2].video_url = "https://meet.example.org/mesa-3"
    tables[2].room_id = virtual_room.id
    db.session.commit()
    slots = block.slots
    meetings = {
        "carla": create_meeting(
            carla, ana, slot=slots[0], table=tables[1], status=MeetingStatus.PUBLISHED
        ),
        "bruno": create_meeting(
            ana, bruno, diego, slot=slots[2], table=tables[0], status=MeetingStatus.PUBLISHED
        ),
        "other": create_meeting(
            bruno, carla, slot=slots[1], table=tables[2], status=MeetingStatus.PUBLISHED
        ),
        # placed by a plan not yet published: on nobody's agenda, feed or sign
        "draft": create_meeting(ana, diego, slot=slots[3], table=tables[0]),
        "cancelled": create_meeting(ana, carla, status=MeetingStatus.CANCELLED),
        "unplaced": create_meeting(diego, ana),
    }
    meetings["cancelled"].cancelled_starts_at = slots[3].starts_at
    meetings["cancelled"].cancelled_ends_at = slots[3].ends_at
    db.session.commit()

    workshop = create_session(
        event, "Taller de catación de café", 1, time(9), time(9, 45), room_id=room.id, capacity=20
    )
    panel = create_session(event, "Panel sobre cacao de aroma", 1, time(15), time(16), capacity=1)
    db.session.add_all(
        [
            SessionSeat(session_id=workshop.id, registration_id=ana.id, status=SeatStatus.SEATED),
            SessionSeat(session_id=panel.id, registration_id=diego.id, status=SeatStatus.SEATED),
            SessionSeat(session_id=panel.id, registration_id=ana.id, status=SeatStatus.WAITING),
        ]
    )
    create_pitch(event, ana, "Café agroforestal en Jaén y San Ignacio", ProjectStatus.ACCEPTED)
    create_pitch(event, ana, "Proyecto rechazado", ProjectStatus.REJECTED, minutes_later=20)
    db.session.commit()
    return Forum(event, ana, bruno, carla, diego, tables, meetings)
