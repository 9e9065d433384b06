"""What a delegate's personal agenda holds: seats, placed meetings and pitch slots, in time order.

`agendas_for` loads everything for many delegates in a few queries (bulk print); the
documents and calendars of one delegate use `agenda_of`.
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from forum.core.timerange import to_local
from forum.events.models import Event, ProgrammeSession
from forum.events.services.links import session_link
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingParticipant, MeetingRequest, MeetingTable
from forum.meetings.services.agenda import (
    AgendaEntry,
    Person,
    announced_meetings,
    chunks,
    meeting_entries,
    person,
)
from forum.projects.services.pitches import organisation_pitches
from forum.registration.models import Registration, SeatStatus, SessionSeat
from forum.registration.services.badges import badge_code

CHUNK = 500  # delegates per IN (...) list, well under every database's limit


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


def _session_entries(readers: dict[int, Registration]) -> dict[int, list[AgendaEntry]]:
    found: dict[int, list[AgendaEntry]] = defaultdict(list)
    for chunk in chunks(list(readers), CHUNK):
        seats = db.session.scalars(
            sa.select(SessionSeat)
            .where(SessionSeat.registration_id.in_(chunk), SessionSeat.status == SeatStatus.SEATED)
            .options(joinedload(SessionSeat.session).joinedload(ProgrammeSession.room))
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
                    video_url=session_link(session, readers[seat.registration_id]).url,
                )
            )
    return found


def _meeting_entries(
    event: Event, readers: dict[int, Registration]
) -> dict[int, list[AgendaEntry]]:
    """Each delegate's meetings (a virtual table's link only for an approved delegate: the
    rule is applied by meetings.services.agenda.meeting_entry)."""
    return meeting_entries(_placed_meetings(event), list(readers), CHUNK)


def _placed_meetings(event: Event) -> sa.Select:
    """meetings.services.agenda.placed_meetings_query's meetings with the same data, in 3
    statements instead of 9: each meeting's slot, table, room and request joined to it (one
    of each per meeting), each participant's registration, user and organisation joined to
    the participant; only the request's colleagues come apart. A personal agenda is
    downloaded again and again (its HTML is built each time to find its PDF in Redis): each
    statement is a round trip to a busy database."""
    participant = selectinload(Meeting.participants).joinedload(MeetingParticipant.registration)
    return (
        sa.select(Meeting)
        .where(Meeting.event_id == event.id, announced_meetings(event))
        .options(
            joinedload(Meeting.slot),
            joinedload(Meeting.table).joinedload(MeetingTable.room),
            joinedload(Meeting.request).selectinload(MeetingRequest.colleagues),
            participant.joinedload(Registration.user),
            participant.joinedload(Registration.organisation),
        )
    )


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
    readers = {r.id: r for r in registrations}
    sessions = _session_entries(readers)
    meetings = _meeting_entries(event, readers)
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
