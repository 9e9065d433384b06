"""A small forum with a programme, seats, meetings at tables and a pitch, for document tests."""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from forum.events.models import Event, ProgrammeSession, Room, SessionKind, Track
from forum.events.services.programme import SessionInput, save_session
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingStatus, MeetingTable
from forum.projects.models import Pitch, Project, ProjectKind, ProjectStatus
from forum.registration.models import OrganisationType, Registration, SeatStatus, SessionSeat
from tests.meeting_factories import make_block, make_delegate, make_meeting, make_tables


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


def add_session(event: Event, title: str, day: int, start: time, end: time, **kw):
    """A programme session on the event's `day`-th day (0 = first), local times."""
    data = SessionInput(
        title=title,
        day=event.start_date + timedelta(days=day),
        start=start,
        end=end,
        **kw,
    )
    session = save_session(event, data)
    db.session.commit()  # a factory commits (services only flush)
    return session


def build_forum(event: Event) -> Forum:
    """Four delegates; Ana has a seat, two meetings, a draft, a cancelled and an unplaced one,
    and a pitch.

    The meeting block is on the event's second day (hih-2023: 17 Oct 2023, 10:00 in Rome),
    slots at 10:00, 10:25, 10:50 and 11:15.
    """
    ana = make_delegate(event, "Ana Ñahui Quispe", "Cooperativa Agraria Cafetalera Oro Verde")
    bruno = make_delegate(
        event, "Bruno Ferrari", "Banca Etica Impact Fund", kind=OrganisationType.INVESTOR
    )
    bruno.organisation.country = "IT"
    carla = make_delegate(
        event,
        "Carla Gutiérrez",
        "Gobierno Regional de Cajamarca",
        kind=OrganisationType.REGIONAL_GOVERNMENT,
    )
    diego = make_delegate(event, "Diego Huamán", "Asociación de Productores de Cacao")
    room = Room(event=event, name="Sala Roma")
    virtual_room = Room(event=event, name="Sala Lima")
    db.session.add_all([room, virtual_room])
    db.session.commit()

    block = make_block(event)
    tables = make_tables(event, 3)
    tables[0].room_id = room.id
    tables[2].is_virtual = True
    tables[2].video_url = "https://meet.example.org/mesa-3"
    tables[2].room_id = virtual_room.id
    db.session.commit()
    slots = block.slots
    meetings = {
        "carla": make_meeting(
            carla, ana, slot=slots[0], table=tables[1], status=MeetingStatus.PUBLISHED
        ),
        "bruno": make_meeting(
            ana, bruno, diego, slot=slots[2], table=tables[0], status=MeetingStatus.PUBLISHED
        ),
        "other": make_meeting(
            bruno, carla, slot=slots[1], table=tables[2], status=MeetingStatus.PUBLISHED
        ),
        # placed by a plan not yet published: on nobody's agenda, feed or sign
        "draft": make_meeting(ana, diego, slot=slots[3], table=tables[0]),
        "cancelled": make_meeting(ana, carla, status=MeetingStatus.CANCELLED),
        "unplaced": make_meeting(diego, ana),
    }
    meetings["cancelled"].cancelled_starts_at = slots[3].starts_at
    meetings["cancelled"].cancelled_ends_at = slots[3].ends_at
    db.session.commit()

    workshop = add_session(
        event, "Taller de catación de café", 1, time(9), time(9, 45), room_id=room.id, capacity=20
    )
    panel = add_session(event, "Panel sobre cacao de aroma", 1, time(15), time(16), capacity=1)
    db.session.add_all(
        [
            SessionSeat(session_id=workshop.id, registration_id=ana.id, status=SeatStatus.SEATED),
            SessionSeat(session_id=panel.id, registration_id=diego.id, status=SeatStatus.SEATED),
            SessionSeat(session_id=panel.id, registration_id=ana.id, status=SeatStatus.WAITING),
        ]
    )
    add_pitch(event, ana, "Café agroforestal en Jaén y San Ignacio", ProjectStatus.ACCEPTED)
    add_pitch(event, ana, "Proyecto rechazado", ProjectStatus.REJECTED, minutes_later=20)
    db.session.commit()
    return Forum(event, ana, bruno, carla, diego, tables, meetings)


def add_pitch(
    event: Event,
    registration: Registration,
    title: str,
    status: ProjectStatus = ProjectStatus.ACCEPTED,
    minutes_later: int = 0,
    amount: int | None = 250_000_000,
) -> Pitch:
    """A project of the delegate's organisation pitched at 12:00 on the second day (UTC 10:00)."""
    session = db.session.scalar(
        sa.select(ProgrammeSession).filter_by(event_id=event.id, title="Pitches")
    )
    if session is None:
        start = datetime(2023, 10, 17, 10, 0, tzinfo=UTC)
        session = ProgrammeSession(
            event=event,
            title="Pitches",
            kind=SessionKind.PITCH,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
        )
        db.session.add(session)
    project = Project(
        event=event,
        organisation=registration.organisation,
        title=title,
        kind=ProjectKind.INVESTMENT_PLAN,
        country="PE",
        amount_sought=amount,
        currency="USD",
        status=status,
    )
    starts_at = session.starts_at + timedelta(minutes=minutes_later)
    pitch = Pitch(
        project=project,
        session=session,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=10),
    )
    db.session.add_all([project, pitch])
    db.session.commit()
    return pitch


def add_track(event: Event, name: str, color: str = "#2e7d32") -> Track:
    track = Track(event=event, name=name, color=color)
    db.session.add(track)
    db.session.commit()
    return track
