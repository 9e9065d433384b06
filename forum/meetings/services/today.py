"""A delegate's "Today": the meeting now and the next one, the rest of the day, the badge.

Read from the one agenda (forum.documents.services.agenda: seats, placed meetings, pitches)
plus the day's programme sessions open to everyone, at a given instant `now`, so that the
page and its tests agree on what "next" means:

- now: a meeting that has started and not ended;
- next: the first meeting that starts after `now`, whatever its day;
- the day shown: the first event day from today on with something not yet over (before the
  forum, its first such day); after the last day, the forum is over.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.core.timerange import to_local
from forum.documents.services.agenda import Agenda, agenda_of
from forum.events.models import Event, ProgrammeSession, SessionKind
from forum.extensions import db
from forum.meetings.models import Meeting
from forum.meetings.services.agenda import AgendaEntry, by_name, meeting_sides
from forum.registration.models import Registration
from forum.registration.services.badges import badge_qr
from forum.registration.services.checkin_lookup import short_code

BEFORE, DURING, OVER = "before", "during", "over"
DONE, NOW, LATER = "done", "now", "later"


@dataclass(frozen=True)
class Line:
    """One entry of the day shown, and where it stands at `now`."""

    entry: AgendaEntry
    state: str  # DONE, NOW or LATER


@dataclass(frozen=True)
class MeetingCard:
    """A meeting with the people across the table (for their photo, page and conversation)."""

    entry: AgendaEntry
    people: tuple[Registration, ...]


@dataclass(frozen=True)
class Today:
    phase: str  # BEFORE, DURING or OVER the event's days
    local_today: date  # the date on the event's wall clock at `now`
    day: date | None  # the day whose agenda is shown; None once the forum is over
    current: MeetingCard | None
    next: MeetingCard | None
    lines: tuple[Line, ...]
    badge_qr: str  # data: URL of the badge's QR code
    short_code: str  # the code printed under it


def _open_sessions(event: Event, day: date) -> list[AgendaEntry]:
    """The day's sessions anyone may attend without a seat (plenaries, breaks...); meeting
    blocks stand for themselves through the delegate's meetings."""
    start = datetime.combine(day, datetime.min.time(), event.tz)
    sessions = db.session.scalars(
        sa.select(ProgrammeSession)
        .where(
            ProgrammeSession.event_id == event.id,
            ProgrammeSession.capacity.is_(None),
            ProgrammeSession.kind != SessionKind.B2B,
            ProgrammeSession.starts_at >= start,
            ProgrammeSession.starts_at < start + timedelta(days=1),
        )
        .options(selectinload(ProgrammeSession.room))
    )
    return [
        AgendaEntry(
            kind="session",
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            title=s.title,
            room=s.room.name if s.room else "",
        )
        for s in sessions
    ]


def _day_entries(agenda: Agenda, event: Event, day: date) -> list[AgendaEntry]:
    mine = dict(agenda.days).get(day, ())
    seen = {(e.kind, e.title, e.starts_at) for e in mine}
    extra = [e for e in _open_sessions(event, day) if (e.kind, e.title, e.starts_at) not in seen]
    order = {"session": 0, "pitch": 1, "meeting": 2}
    return sorted([*mine, *extra], key=lambda e: (e.starts_at, e.ends_at, order[e.kind], e.title))


def _card(entry: AgendaEntry | None, me: Registration) -> MeetingCard | None:
    if entry is None:
        return None
    meeting = db.session.get(Meeting, entry.meeting_id)
    others, _colleagues = meeting_sides(meeting, me.id, by_name)
    return MeetingCard(entry, tuple(others))


def _shown_day(
    agenda: Agenda, event: Event, local_today: date, now: datetime
) -> tuple[date, list[AgendaEntry]]:
    """The first event day from today on with something not yet over, and its entries (a
    query per day looked at: a forum lasts days, not months)."""
    first = max(local_today, event.start_date)
    shown = None  # all over: the first day looked at, as it was computed
    day = first
    while day <= event.end_date:
        entries = _day_entries(agenda, event, day)
        if any(e.ends_at > now for e in entries):
            return day, entries
        shown = shown or (day, entries)
        day += timedelta(days=1)
    if shown is None:
        day = min(first, event.end_date)
        shown = day, _day_entries(agenda, event, day)
    return shown


def today_of(registration: Registration, now: datetime) -> Today:
    """What the Today page shows to this delegate at the instant `now` (UTC)."""
    event = registration.event
    agenda = agenda_of(registration)
    local_today = to_local(now, event.tz).date()
    meetings = [e for e in agenda.entries if e.kind == "meeting" and not e.cancelled]
    current = next((e for e in meetings if e.starts_at <= now < e.ends_at), None)
    upcoming = next((e for e in meetings if e.starts_at > now), None)
    if local_today > event.end_date:
        phase, day, lines = OVER, None, ()
    else:
        phase = BEFORE if local_today < event.start_date else DURING
        day, entries = _shown_day(agenda, event, local_today, now)
        lines = tuple(
            Line(e, DONE if e.ends_at <= now else NOW if e.starts_at <= now else LATER)
            for e in entries
        )
    return Today(
        phase=phase,
        local_today=local_today,
        day=day,
        current=_card(current, registration),
        next=_card(upcoming, registration),
        lines=lines,
        badge_qr=badge_qr(registration),
        short_code=short_code(registration),
    )
