"""What a delegate's personal agenda holds: seats, placed meetings and pitch slots, in time order.

`agendas_for` loads everything for many delegates in a few queries (bulk print); the
documents and calendars of one delegate use `agenda_of`.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.core.timerange import to_local
from forum.events.models import Event, ProgrammeSession
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingRequest,
    MeetingStatus,
    MeetingTable,
)
from forum.projects.services.pitches import organisation_pitches
from forum.registration.models import Registration, SeatStatus, SessionSeat
from forum.registration.services.badges import badge_code

CHUNK = 500  # ids per IN (...) list, well under every database's limit


@dataclass(frozen=True)
class Person:
    """A delegate as printed: name, organisation and its ISO country code."""

    name: str
    organisation: str = ""
    country: str = ""


@dataclass(frozen=True)
class AgendaEntry:
    """One line of an agenda: a session seat, a meeting or a pitch of the delegate's side."""

    kind: str  # "session", "meeting" or "pitch"
    starts_at: datetime
    ends_at: datetime
    title: str = ""  # session or project title
    room: str = ""
    table: str = ""  # a meeting's table number
    table_label: str = ""  # the table's name, when the organizers gave it one
    meeting_kind: str = ""  # "B2B" or "B2G"
    counterparts: tuple[Person, ...] = ()
    colleagues: tuple[Person, ...] = ()  # the delegate's own side in a meeting
    video_url: str = ""
    session_title: str = ""  # the pitch session a project is presented in


@dataclass(frozen=True)
class Agenda:
    """One delegate's agenda, grouped by local day of the event."""

    registration_id: int
    delegate: Person
    job_title: str
    badge_code: str
    days: tuple[tuple[date, tuple[AgendaEntry, ...]], ...]

    @property
    def entries(self) -> Iterator[AgendaEntry]:
        for _day, entries in self.days:
            yield from entries


def person(registration: Registration) -> Person:
    """The printed identity of a registration."""
    organisation = registration.organisation
    return Person(
        name=registration.user.name or "",
        organisation=organisation.name if organisation else "",
        country=organisation.country if organisation else "",
    )


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _room_of(table: MeetingTable | None) -> str:
    return table.room.name if table is not None and table.room is not None else ""


def _session_entries(ids: Sequence[int]) -> dict[int, list[AgendaEntry]]:
    found: dict[int, list[AgendaEntry]] = defaultdict(list)
    for chunk in _chunks(ids):
        seats = db.session.scalars(
            sa.select(SessionSeat)
            .where(SessionSeat.registration_id.in_(chunk), SessionSeat.status == SeatStatus.SEATED)
            .options(selectinload(SessionSeat.session).selectinload(ProgrammeSession.room))
        )
        for seat in seats:
            session = seat.session
            found[seat.registration_id].append(
                AgendaEntry(
                    kind="session",
                    starts_at=session.starts_at,
                    ends_at=session.ends_at,
                    title=session.title,
                    room=session.room.name if session.room else "",
                    video_url=session.stream_url,
                )
            )
    return found


def meeting_sides(
    meeting: Meeting, me: int, order: Callable[[Registration], Any] = attrgetter("id")
) -> tuple[list[Registration], list[Registration]]:
    """The other side of the table, and the delegate's own colleagues, each sorted by `order`."""
    requesters = meeting.request.requester_side
    people = sorted((p.registration for p in meeting.participants), key=order)
    mine = requesters if me in requesters else {r.id for r in people} - requesters
    others = [r for r in people if r.id not in mine]
    return others, [r for r in people if r.id in mine and r.id != me]


def _meeting_entry(meeting: Meeting, me: int) -> AgendaEntry:
    request = meeting.request
    others, colleagues = meeting_sides(meeting, me)
    table = meeting.table
    return AgendaEntry(
        kind="meeting",
        starts_at=meeting.slot.starts_at,
        ends_at=meeting.slot.ends_at,
        room=_room_of(table),
        table=str(table.number) if table is not None else "",
        table_label=table.label if table is not None else "",
        meeting_kind=request.kind.value.upper(),
        counterparts=tuple(person(r) for r in others),
        colleagues=tuple(person(r) for r in colleagues),
        video_url=table.video_url if table is not None and table.is_virtual else "",
    )


def announced_meetings(event: Event) -> sa.ColumnElement[bool]:
    """Meetings with a time delegates can rely on: placed and published, or placed at all
    where delegates book their own times. A draft plan stays off agendas, feeds and signs."""
    placed = sa.and_(Meeting.slot_id.is_not(None), Meeting.status != MeetingStatus.CANCELLED)
    if event.self_booking:
        return placed
    return sa.and_(placed, Meeting.status == MeetingStatus.PUBLISHED)


def placed_meetings_query(event: Event) -> sa.Select:
    """The event's announced meetings, with all an agenda or a sign shows."""
    participant = selectinload(Meeting.participants).selectinload(MeetingParticipant.registration)
    return (
        sa.select(Meeting)
        .where(Meeting.event_id == event.id, announced_meetings(event))
        .options(
            selectinload(Meeting.slot),
            selectinload(Meeting.table).selectinload(MeetingTable.room),
            selectinload(Meeting.request).selectinload(MeetingRequest.colleagues),
            participant.selectinload(Registration.user),
            participant.selectinload(Registration.organisation),
        )
    )


def _meeting_entries(event: Event, ids: Sequence[int]) -> dict[int, list[AgendaEntry]]:
    found: dict[int, list[AgendaEntry]] = defaultdict(list)
    for chunk in _chunks(ids):
        wanted = set(chunk)  # a meeting of two delegates in two chunks counts once for each
        meetings = db.session.scalars(
            placed_meetings_query(event)
            .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
            .where(MeetingParticipant.registration_id.in_(chunk))
            .distinct()
        )
        for meeting in meetings:
            for participant in meeting.participants:
                if participant.registration_id in wanted:
                    entry = _meeting_entry(meeting, participant.registration_id)
                    found[participant.registration_id].append(entry)
    return found


def _pitch_entries(event: Event, organisation_ids: set[int]) -> dict[int, list[AgendaEntry]]:
    found: dict[int, list[AgendaEntry]] = defaultdict(list)
    pitches = organisation_pitches(event, organisation_ids)
    for pitch in pitches:
        session = pitch.session
        found[pitch.project.organisation_id].append(
            AgendaEntry(
                kind="pitch",
                starts_at=pitch.starts_at,
                ends_at=pitch.ends_at,
                title=pitch.project.title,
                room=session.room.name if session.room else "",
                session_title=session.title,
            )
        )
    return found


def _by_day(
    entries: list[AgendaEntry], event: Event
) -> tuple[tuple[date, tuple[AgendaEntry, ...]], ...]:
    order = {"session": 0, "pitch": 1, "meeting": 2}
    days: dict[date, list[AgendaEntry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: (e.starts_at, e.ends_at, order[e.kind], e.title)):
        days[to_local(entry.starts_at, event.tz).date()].append(entry)
    return tuple((day, tuple(items)) for day, items in sorted(days.items()))


def agendas_for(event: Event, registrations: Sequence[Registration]) -> list[Agenda]:
    """The agendas of these registrations of the event, in the same order, in a few queries."""
    ids = [r.id for r in registrations]
    sessions = _session_entries(ids)
    meetings = _meeting_entries(event, ids)
    org_ids = {r.organisation_id for r in registrations if r.organisation_id is not None}
    pitches = _pitch_entries(event, org_ids)
    agendas = []
    for registration in registrations:
        entries = sessions.get(registration.id, []) + meetings.get(registration.id, [])
        if registration.organisation_id is not None:
            entries += pitches.get(registration.organisation_id, [])
        agendas.append(
            Agenda(
                registration_id=registration.id,
                delegate=person(registration),
                job_title=registration.job_title,
                badge_code=badge_code(registration),
                days=_by_day(entries, event),
            )
        )
    return agendas


def agenda_of(registration: Registration) -> Agenda:
    """One delegate's agenda."""
    return agendas_for(registration.event, [registration])[0]
