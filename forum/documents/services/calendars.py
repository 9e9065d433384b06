"""Calendars of an event: the programme, one session, a delegate's agenda; feed tokens.

The entries are plain AgendaEntry values (forum.documents.services.ical renders them). UIDs are
stable (`session-12@host`, `meeting-42@host`, `pitch-7@host`), so a session appears once
in a calendar app that subscribes to both the programme and a personal agenda.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.routing import MapAdapter

from forum.core.labels import SESSION_KIND_LABELS
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.documents.models import CalendarToken, new_calendar_token
from forum.documents.services.ical import AgendaEntry, EntryStatus
from forum.events.models import Event, ProgrammeSession, Room, SessionKind, SessionSpeaker
from forum.events.services.links import ShownLink, session_link
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingRequest,
    MeetingStatus,
    MeetingTable,
)
from forum.meetings.services.agenda import Person, announced_meetings, by_name
from forum.meetings.services.agenda import meeting_entry as agenda_meeting
from forum.projects.models import Pitch
from forum.projects.services.pitches import organisation_pitches
from forum.registration.models import Registration, SeatStatus, SessionSeat

# How often subscribed calendar apps are asked to fetch the feed again.
FEED_REFRESH = timedelta(hours=1)
TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@dataclass(frozen=True)
class Site:
    """Where the calendars are served: the host in UIDs and the root of absolute links."""

    host: str  # SERVER_NAME, or the host of the request
    base_url: str  # e.g. https://foro.example.org/

    @cached_property
    def _adapter(self) -> MapAdapter:
        parts = urlsplit(self.base_url)
        return current_app.url_map.bind(
            parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "https"
        )

    def url(self, endpoint: str, **values: object) -> str:
        """An absolute URL of one of the app's pages, without a request."""
        return self._adapter.build(endpoint, values, force_external=True)

    def session_url(self, slug: str, session_id: int) -> str:
        return self.url("events.session_page", slug=slug, session_id=session_id)

    def meetings_url(self, slug: str) -> str:
        """The delegate's meetings page (their registration while that page does not exist)."""
        if "meetings.mine" in current_app.view_functions:
            return self.url("meetings.mine", slug=slug)
        return self.url("registration.mine", slug=slug)


def event_days(event: Event) -> tuple[date, date]:
    return event.start_date, event.end_date


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _room_label(room: Room | None) -> str:
    if room is None:
        return ""
    return f"{room.name}, {room.floor}" if room.floor else room.name


def _speaker_label(speaker: SessionSpeaker) -> str:
    details = ", ".join(d for d in (speaker.role, speaker.organisation) if d)
    return f"{speaker.name} ({details})" if details else speaker.name


def _session_categories(session: ProgrammeSession) -> tuple[str, ...]:
    kind = str(SESSION_KIND_LABELS.get(session.kind, session.kind.value))
    return (kind, session.track.label()) if session.track else (kind,)


def _online(link: ShownLink) -> str:
    """The online line of a description: the link, or that it is for participants only."""
    if not link:
        return ""
    return _("Online: %(url)s", url=link.url or link.note)


def session_entry(
    session: ProgrammeSession,
    site: Site,
    event: Event | None = None,
    reader: Registration | None = None,
) -> AgendaEntry:
    """One programme session: room, speakers, online link (as `reader` may see it), its page.

    Without a reader (the public programme and session files) a meeting room's link is
    replaced by the words saying it is for registered participants.
    """
    event = event or session.event
    speakers = "; ".join(_speaker_label(s) for s in session.speakers)
    return AgendaEntry(
        uid=f"session-{session.id}@{site.host}",
        title=session.title,
        start=session.starts_at,
        end=session.ends_at,
        tzid=event.timezone,
        changed_at=session.updated_at,
        location=_room_label(session.room),
        url=site.session_url(event.slug, session.id),
        description=_paragraphs(
            session.description,
            _("Speakers: %(names)s", names=speakers) if speakers else "",
            _online(session_link(session, reader)),
        ),
        sequence=session.sequence,
        categories=_session_categories(session),
    )


def _sessions_query():
    return sa.select(ProgrammeSession).options(
        joinedload(ProgrammeSession.room),
        joinedload(ProgrammeSession.track),
        selectinload(ProgrammeSession.speakers),
    )


def programme_entries(event: Event, site: Site) -> list[AgendaEntry]:
    """Every session of the event (the views show the calendar only where the event is)."""
    sessions = db.session.scalars(
        _sessions_query()
        .where(ProgrammeSession.event_id == event.id)
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.id)
    ).unique()
    return [session_entry(s, site, event) for s in sessions]


def _person_label(person: Person) -> str:
    return f"{person.name} ({person.organisation})" if person.organisation else person.name


def _table_location(meeting: Meeting, video_url: str) -> str:
    table = None if meeting.status == MeetingStatus.CANCELLED else meeting.table
    if table is None:
        return ""
    parts = [_("Table %(table)s", table=str(table)), _room_label(table.room)]
    if table.is_virtual:
        parts += [_("Virtual"), video_url]
    return ", ".join(p for p in parts if p)


def meeting_entry(meeting: Meeting, me: Registration, site: Site, event: Event) -> AgendaEntry:
    """A delegate's meeting: who with (and their organisation), where, the video link."""
    line = agenda_meeting(meeting, me.id, order=by_name)
    names = ", ".join(p.name for p in line.counterparts)
    together = ", ".join(_person_label(p) for p in line.colleagues)
    return AgendaEntry(
        uid=f"meeting-{meeting.id}@{site.host}",
        title=_("Meeting with %(names)s", names=names) if names else _("Meeting"),
        start=line.starts_at,
        end=line.ends_at,
        tzid=event.timezone,
        changed_at=meeting.updated_at,
        location=_table_location(meeting, line.video_url),
        url=site.meetings_url(event.slug),
        description=_paragraphs(
            "\n".join(_person_label(p) for p in line.counterparts),
            _("With your colleagues: %(names)s", names=together) if together else "",
            _("Video link: %(url)s", url=line.video_url) if line.video_url else "",
        ),
        sequence=meeting.sequence,
        status=EntryStatus.CANCELLED if line.cancelled else EntryStatus.CONFIRMED,
        categories=(line.meeting_kind,),
    )


def pitch_entry(pitch: Pitch, site: Site, event: Event) -> AgendaEntry:
    """A project's pitch slot inside its pitch session."""
    session = pitch.session
    return AgendaEntry(
        uid=f"pitch-{pitch.id}@{site.host}",
        title=_("Pitch: %(project)s", project=pitch.project.title),
        start=pitch.starts_at,
        end=pitch.ends_at,
        tzid=event.timezone,
        changed_at=max(session.updated_at, pitch.project.updated_at),
        location=_room_label(session.room),
        url=site.session_url(event.slug, session.id),
        description=session.title,
        sequence=pitch.sequence,
        categories=(str(SESSION_KIND_LABELS[SessionKind.PITCH]),),
    )


def _seated_sessions(registration: Registration) -> list[ProgrammeSession]:
    return list(
        db.session.scalars(
            _sessions_query()
            .join(SessionSeat, SessionSeat.session_id == ProgrammeSession.id)
            .where(
                SessionSeat.registration_id == registration.id,
                SessionSeat.status == SeatStatus.SEATED,
            )
        ).unique()
    )


def _calendar_meetings(registration: Registration, event: Event) -> list[Meeting]:
    """Meetings with a time the delegate can rely on, and cancelled ones with their old time."""
    cancelled = sa.and_(
        Meeting.status == MeetingStatus.CANCELLED,
        Meeting.cancelled_starts_at.is_not(None),
        Meeting.cancelled_ends_at.is_not(None),
    )
    people = selectinload(Meeting.participants).joinedload(MeetingParticipant.registration)
    return list(
        db.session.scalars(
            sa.select(Meeting)
            .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
            .where(MeetingParticipant.registration_id == registration.id)
            .where(sa.or_(announced_meetings(event), cancelled))
            .options(
                joinedload(Meeting.slot),
                joinedload(Meeting.table).joinedload(MeetingTable.room),
                joinedload(Meeting.request).selectinload(MeetingRequest.colleagues),
                people.joinedload(Registration.user),
                people.joinedload(Registration.organisation),
            )
        ).unique()
    )


def _pitches(registration: Registration) -> list[Pitch]:
    if registration.organisation_id is None:
        return []
    return organisation_pitches(registration.event, [registration.organisation_id])


def personal_entries(registration: Registration, site: Site) -> list[AgendaEntry]:
    """A delegate's agenda: seated sessions, meetings and their organisation's pitches.

    Only an approved registration has one; the others get an empty agenda, so that a
    subscribed calendar empties itself when a registration is cancelled.
    """
    if not registration.is_approved:
        return []
    event = registration.event
    seated = _seated_sessions(registration)
    entries = [session_entry(s, site, event, registration) for s in seated]
    entries += [
        meeting_entry(m, registration, site, event) for m in _calendar_meetings(registration, event)
    ]
    entries += [pitch_entry(p, site, event) for p in _pitches(registration)]
    return sorted(entries, key=lambda e: (e.start, e.end, e.uid))


def active_token(registration: Registration) -> CalendarToken | None:
    """The delegate's live feed token, if any."""
    return db.session.scalar(
        sa.select(CalendarToken)
        .where(
            CalendarToken.registration_id == registration.id,
            CalendarToken.revoked_at.is_(None),
        )
        .order_by(CalendarToken.id.desc())
        .limit(1)
    )


def _revoke_all(registration: Registration) -> int:
    result = db.session.execute(
        sa.update(CalendarToken)
        .where(
            CalendarToken.registration_id == registration.id,
            CalendarToken.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    )
    return result.rowcount


def _new_token(registration: Registration) -> CalendarToken:
    token = CalendarToken(registration_id=registration.id, token=new_calendar_token())
    db.session.add(token)
    return token


def calendar_token(registration: Registration) -> CalendarToken:
    """The delegate's live feed token, made on first use."""
    lock_row(Registration, registration.id)  # two first clicks make one token
    token = active_token(registration) or _new_token(registration)
    db.session.flush()
    return token


def regenerate(registration: Registration) -> CalendarToken:
    """Revoke the delegate's feed token and make a new one (the old URL gives 404)."""
    lock_row(Registration, registration.id)
    _revoke_all(registration)
    token = _new_token(registration)
    db.session.flush()
    return token


def revoke(registration: Registration) -> int:
    """Revoke the delegate's feed token; returns how many were live."""
    lock_row(Registration, registration.id)
    count = _revoke_all(registration)
    db.session.flush()
    return count


def registration_for_token(event: Event, token: str) -> Registration | None:
    """The registration a live token of this event belongs to; None if revoked or unknown."""
    if not token or len(token) > 64 or not set(token) <= TOKEN_ALPHABET:
        return None
    return db.session.scalar(
        sa.select(Registration)
        .join(CalendarToken, CalendarToken.registration_id == Registration.id)
        .where(
            CalendarToken.token == token,
            CalendarToken.revoked_at.is_(None),
            Registration.event_id == event.id,
        )
    )
