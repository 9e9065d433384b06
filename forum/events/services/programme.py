"""Programme sessions: local times in the event's zone, and the clash rules."""

from dataclasses import dataclass, field
from datetime import date, time

import sqlalchemy as sa
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.savepoint import all_or_nothing
from forum.core.timerange import (
    AmbiguousTimeError,
    NonExistentTimeError,
    TimeRange,
    to_local,
    to_utc,
)
from forum.events.models import (
    Event,
    LinkAudience,
    ProgrammeSession,
    Room,
    SessionKind,
    SessionSpeaker,
    Track,
)
from forum.extensions import db
from forum.projects.services.pitches import reflow, session_pitches


@dataclass
class SessionInput:
    """What an organizer typed for a session, in the event's local time."""

    title: str
    day: date
    start: time
    end: time
    kind: SessionKind = SessionKind.PLENARY
    description: str = ""
    room_id: int | None = None
    track_id: int | None = None
    stream_url: str = ""
    link_audience: LinkAudience = LinkAudience.PARTICIPANTS
    capacity: int | None = None
    language: str = "es"
    fold: int | None = None  # which of two equal wall times, on the night clocks go back
    speakers: list[dict] = field(default_factory=list)


def _speaker_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _hm(instant, event: Event) -> str:
    return to_local(instant, event.tz).strftime("%H:%M")


def _local_instant(event: Event, data: SessionInput, wall: time, field_name: str):
    try:
        return to_utc(data.day, wall, event.tz, data.fold)
    except NonExistentTimeError:
        message = _(
            "%(time)s does not exist on %(date)s in %(zone)s: clocks move forward that night. "
            "Choose another time.",
            time=wall.strftime("%H:%M"),
            date=format_date(data.day),
            zone=event.timezone,
        )
    except AmbiguousTimeError:
        message = _(
            "%(time)s happens twice on %(date)s in %(zone)s because clocks go back that night. "
            "Say which one you mean under “Repeated hour”.",
            time=wall.strftime("%H:%M"),
            date=format_date(data.day),
            zone=event.timezone,
        )
    raise DomainError(message, field_name)


def _check_belongs(event: Event, data: SessionInput) -> None:
    if data.room_id is not None and db.session.get(Room, data.room_id) not in event.rooms:
        raise DomainError(_("Choose a room of this event."), "room_id")
    if data.track_id is not None and db.session.get(Track, data.track_id) not in event.tracks:
        raise DomainError(_("Choose a track of this event."), "track_id")


def session_range(event: Event, data: SessionInput) -> TimeRange:
    """Validate a session's day and times and return its UTC range."""
    if not event.start_date <= data.day <= event.end_date:
        raise DomainError(
            _(
                "The session falls outside the event's dates (%(start)s – %(end)s).",
                start=format_date(event.start_date),
                end=format_date(event.end_date),
            ),
            "day",
        )
    starts = _local_instant(event, data, data.start, "start")
    ends = _local_instant(event, data, data.end, "end")
    if ends <= starts:
        raise DomainError(_("The session must end after it starts."), "end")
    return TimeRange(starts, ends)


def find_clashes(
    event: Event, span: TimeRange, room_id: int | None, speakers: list[str], ignore_id=None
) -> dict[str, list[str]]:
    """Messages for every room or speaker already busy during span."""
    errors: dict[str, list[str]] = {}
    wanted = {_speaker_key(n): n for n in speakers if n.strip()}
    query = sa.select(ProgrammeSession).where(
        ProgrammeSession.event_id == event.id,
        ProgrammeSession.starts_at < span.end,
        ProgrammeSession.ends_at > span.start,
    )
    if ignore_id is not None:
        query = query.where(ProgrammeSession.id != ignore_id)
    for other in db.session.scalars(query):
        when = {"start": _hm(other.starts_at, event), "end": _hm(other.ends_at, event)}
        if room_id is not None and other.room_id == room_id:
            errors.setdefault("room_id", []).append(
                _(
                    "%(room)s is already used by “%(session)s” (%(start)s–%(end)s).",
                    room=other.room.name,
                    session=other.title,
                    **when,
                )
            )
        for speaker in other.speakers:
            if _speaker_key(speaker.name) in wanted:
                errors.setdefault("speakers", []).append(
                    _(
                        "%(speaker)s already speaks in “%(session)s” (%(start)s–%(end)s).",
                        speaker=wanted[_speaker_key(speaker.name)],
                        session=other.title,
                        **when,
                    )
                )
    return errors


@all_or_nothing
def save_session(
    event: Event, data: SessionInput, session: ProgrammeSession | None = None
) -> ProgrammeSession:
    """Create or update a session after checking dates, DST and clashes."""
    lock_row(Event, event.id)  # one programme edit of an event at a time: clash checks hold
    span = session_range(event, data)
    _check_belongs(event, data)
    speakers = [s for s in data.speakers if (s.get("name") or "").strip()]
    keys = [_speaker_key(s["name"]) for s in speakers]
    if len(set(keys)) != len(keys):
        raise DomainError(_("The same speaker is listed twice."), "speakers")
    clashes = find_clashes(
        event, span, data.room_id, [s["name"] for s in speakers], session.id if session else None
    )
    if clashes:
        raise DomainError(clashes)
    held_pitches = session_pitches(session) if session is not None else []
    if held_pitches and data.kind != SessionKind.PITCH:
        raise DomainError(
            _("This session holds pitches: take them out before changing its kind."), "kind"
        )
    if session is None:
        session = ProgrammeSession(event=event)
        db.session.add(session)
    elif (session.starts_at, session.ends_at, session.room_id) != (
        span.start,
        span.end,
        data.room_id,
    ):
        session.sequence += 1
    session.title, session.description, session.kind = data.title, data.description, data.kind
    session.starts_at, session.ends_at = span.start, span.end
    session.room_id, session.track_id = data.room_id, data.track_id
    session.stream_url, session.capacity = data.stream_url or "", data.capacity
    session.link_audience = LinkAudience(data.link_audience)
    session.language = data.language
    session.speakers = [
        SessionSpeaker(
            name=s["name"].strip(),
            organisation=(s.get("organisation") or "").strip(),
            role=(s.get("role") or "").strip(),
            position=i,
        )
        for i, s in enumerate(speakers)
    ]
    if held_pitches:  # the running order follows the session, or the change is refused
        reflow(session)
        return session
    db.session.flush()
    return session


def delete_session(session: ProgrammeSession) -> None:
    db.session.delete(session)
    db.session.flush()


def programme_size(event: Event) -> tuple[int, int]:
    """How many sessions the programme has, over how many local days (the event page's
    summary): their start times only, not the sessions with their speakers."""
    starts = db.session.scalars(
        sa.select(ProgrammeSession.starts_at).where(ProgrammeSession.event_id == event.id)
    ).all()
    return len(starts), len({to_local(start, event.tz).date() for start in starts})


def programme_days(event: Event, track_id: int | None = None) -> list[tuple[date, list]]:
    """The event's sessions grouped by local day, optionally for one track."""
    # One query for the sessions with their speakers, room and track: a programme of 120
    # sessions was 120 more queries, one for each session's speakers.
    statement = (
        sa.select(ProgrammeSession)
        .where(ProgrammeSession.event_id == event.id)
        .options(
            selectinload(ProgrammeSession.speakers),
            joinedload(ProgrammeSession.room),
            joinedload(ProgrammeSession.track),
        )
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.id)
    )
    if track_id is not None:
        statement = statement.where(ProgrammeSession.track_id == track_id)
    days: dict[date, list[ProgrammeSession]] = {}
    for session in db.session.scalars(statement):
        days.setdefault(to_local(session.starts_at, event.tz).date(), []).append(session)
    return sorted(days.items())
