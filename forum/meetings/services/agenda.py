"""The one agenda model of a meeting, as one delegate sees it: when, where, across the table.

Mails, PDFs, calendars, table signs and the "My meetings" page all read a meeting through
`meeting_entry`: the other side of the table (counterparts) is kept apart from the
delegate's own colleagues, so no document lists a colleague as someone to meet.
`meeting_entries` loads the meetings of many delegates in a constant number of queries.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.events.models import Event
from forum.events.services.links import table_link
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingRequest,
    MeetingStatus,
    MeetingTable,
)
from forum.registration.models import Registration

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
    meeting_id: int | None = None
    cancelled: bool = False  # a cancelled meeting keeps the time it had, for calendars


@dataclass(frozen=True)
class Place:
    """Where and when a meeting is at one moment (to tell its old place after a move)."""

    starts_at: datetime
    ends_at: datetime
    table: str
    table_label: str = ""
    room: str = ""


def person(registration: Registration) -> Person:
    """The printed identity of a registration."""
    organisation = registration.organisation
    return Person(
        name=registration.display_name or "",
        organisation=organisation.name if organisation else "",
        country=organisation.country if organisation else "",
    )


def by_name(registration: Registration) -> tuple[str, int]:
    return (registration.display_name or "").casefold(), registration.id


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def meeting_sides(
    meeting: Meeting, me: int, order: Callable[[Registration], Any] = attrgetter("id")
) -> tuple[list[Registration], list[Registration]]:
    """The other side of the table, and the delegate's own colleagues, each sorted by `order`."""
    requesters = meeting.request.requester_side
    people = sorted((p.registration for p in meeting.participants), key=order)
    mine = requesters if me in requesters else {r.id for r in people} - requesters
    others = [r for r in people if r.id not in mine]
    return others, [r for r in people if r.id in mine and r.id != me]


def table_sides(meeting: Meeting) -> tuple[tuple[Person, ...], ...]:
    """Both sides of the table, the requester's first (for table signs); empty sides left out."""
    requesters = meeting.request.requester_side
    people = sorted(meeting.participants, key=lambda p: p.registration_id)
    first = [p.registration for p in people if p.registration_id in requesters]
    second = [p.registration for p in people if p.registration_id not in requesters]
    return tuple(tuple(person(r) for r in side) for side in (first, second) if side)


def place_of(meeting: Meeting) -> Place | None:
    """The meeting's slot and table now, or None when it has none."""
    slot, table = meeting.slot, meeting.table
    if slot is None or table is None:
        return None
    room = table.room.name if table.room is not None else ""
    return Place(slot.starts_at, slot.ends_at, str(table.number), table.label, room)


def meeting_entry(
    meeting: Meeting, me: int, order: Callable[[Registration], Any] = attrgetter("id")
) -> AgendaEntry:
    """A meeting as delegate `me` reads it; a cancelled one keeps its last time, no table."""
    others, colleagues = meeting_sides(meeting, me, order)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    if cancelled or meeting.slot is None:
        starts_at, ends_at = meeting.cancelled_starts_at, meeting.cancelled_ends_at
    else:
        starts_at, ends_at = meeting.slot.starts_at, meeting.slot.ends_at
    table = None if cancelled else meeting.table
    # The video link only for an approved delegate (events/services/links.py): a delegate
    # rejected after the plan was made still gets the mails about it, without the room.
    reader = next((p.registration for p in meeting.participants if p.registration_id == me), None)
    return AgendaEntry(
        kind="meeting",
        starts_at=starts_at,
        ends_at=ends_at,
        room=table.room.name if table is not None and table.room is not None else "",
        table=str(table.number) if table is not None else "",
        table_label=table.label if table is not None else "",
        meeting_kind=meeting.request.kind.value.upper(),
        counterparts=tuple(person(r) for r in others),
        colleagues=tuple(person(r) for r in colleagues),
        video_url=table_link(table, reader).url,
        meeting_id=meeting.id,
        cancelled=cancelled,
    )


def announced_meetings(event: Event) -> sa.ColumnElement[bool]:
    """Meetings with a time delegates can rely on: placed and published, or placed at all
    where delegates book their own times. A draft plan stays off agendas, feeds and signs."""
    placed = sa.and_(Meeting.slot_id.is_not(None), Meeting.status != MeetingStatus.CANCELLED)
    if event.self_booking:
        return placed
    return sa.and_(placed, Meeting.status == MeetingStatus.PUBLISHED)


def with_agenda_data(query: sa.Select) -> sa.Select:
    """A meeting query that also loads all an agenda line shows (no query per meeting)."""
    participant = selectinload(Meeting.participants).selectinload(MeetingParticipant.registration)
    return query.options(
        selectinload(Meeting.slot),
        selectinload(Meeting.table).selectinload(MeetingTable.room),
        selectinload(Meeting.request).selectinload(MeetingRequest.colleagues),
        participant.selectinload(Registration.user),
        participant.selectinload(Registration.organisation),
    )


def placed_meetings_query(event: Event) -> sa.Select:
    """The event's announced meetings, with all an agenda or a sign shows."""
    return with_agenda_data(
        sa.select(Meeting).where(Meeting.event_id == event.id, announced_meetings(event))
    )


def meeting_entries(
    query: sa.Select, ids: Sequence[int], chunk: int = CHUNK
) -> dict[int, list[AgendaEntry]]:
    """The meetings of `query` each of these delegates is in, as their entries, in time order.

    A constant number of queries per `chunk` delegates, however many delegates and meetings.
    """
    found: dict[int, list[AgendaEntry]] = defaultdict(list)
    for part in chunks(ids, chunk):
        wanted = set(part)  # a meeting of two delegates in two chunks counts once for each
        meetings = db.session.scalars(
            query.join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
            .where(MeetingParticipant.registration_id.in_(part))
            .distinct()
        )
        for meeting in meetings:
            for participant in meeting.participants:
                if participant.registration_id in wanted:
                    entry = meeting_entry(meeting, participant.registration_id)
                    found[participant.registration_id].append(entry)
    for entries in found.values():
        entries.sort(key=lambda e: (e.starts_at, e.meeting_id))
    return found
