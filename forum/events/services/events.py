"""Creating and editing events, rooms and tracks, and granting organizer roles."""

import re
from datetime import date
from zoneinfo import available_timezones

import pycountry
import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from forum.accounts.models import User
from forum.core.bilingual import checked_names
from forum.core.errors import DomainError
from forum.core.timerange import day_range
from forum.events.models import Event, EventRole, ProgrammeSession, Room, Track
from forum.extensions import db

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EVENT_FIELDS = (
    "name", "slug", "series", "organiser_name", "description", "city", "country", "venue",
    "timezone", "start_date", "end_date", "format", "language_codes", "status",
)  # fmt: skip


def _check_event(data: dict, event: Event | None) -> None:
    errors: dict[str, list[str]] = {}
    slug = data.get("slug", "")
    if not SLUG_RE.match(slug):
        errors.setdefault("slug", []).append(
            _("Use lower-case letters, digits and hyphens only, e.g. foro-peru-2024.")
        )
    else:
        taken = db.session.scalar(sa.select(Event.id).where(Event.slug == slug))
        if taken and (event is None or taken != event.id):
            errors.setdefault("slug", []).append(_("Another event already uses this address."))
    if data.get("timezone") not in available_timezones():
        errors.setdefault("timezone", []).append(_("Choose a time zone from the list."))
    country = data.get("country") or ""
    if country and pycountry.countries.get(alpha_2=country) is None:
        errors.setdefault("country", []).append(_("Unknown country code."))
    start, end = data.get("start_date"), data.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.setdefault("end_date", []).append(_("The event cannot end before it starts."))
    if event is not None and not errors:
        outside = _sessions_outside(event, start, end, data["timezone"])
        if outside:
            errors.setdefault("", []).append(
                ngettext(
                    "%(num)d session would fall outside the new dates: “%(title)s”. Move it first.",
                    "%(num)d sessions would fall outside the new dates, e.g. “%(title)s”. "
                    "Move them first.",
                    len(outside),
                    title=outside[0].title,
                )
            )
    if errors:
        raise DomainError(errors)


def _sessions_outside(event: Event, start: date, end: date, zone: str) -> list[ProgrammeSession]:
    first, last = day_range(start, zone).start, day_range(end, zone).end
    return [s for s in event.sessions if s.starts_at < first or s.ends_at > last]


def create_event(data: dict, organizer: User | None = None) -> Event:
    """Create an event from form data; the creator becomes its organizer."""
    _check_event(data, None)
    event = Event(**{k: data[k] for k in EVENT_FIELDS if k in data})
    db.session.add(event)
    if organizer is not None and not organizer.is_admin:
        db.session.add(EventRole(event=event, user=organizer))
    db.session.flush()
    return event


def update_event(event: Event, data: dict) -> Event:
    """Apply edited fields, refusing dates that would strand sessions."""
    _check_event(data, event)
    for key in EVENT_FIELDS:
        if key in data:
            setattr(event, key, data[key])
    db.session.flush()
    return event


def delete_event(event: Event) -> None:
    db.session.delete(event)
    db.session.flush()


def add_organizer(event: Event, user: User) -> EventRole:
    """Make a user an organizer of the event, silently (the demo loader; the team page and
    `forum add-organizer` go through services/team.py, which mails and audits)."""
    role = db.session.scalar(sa.select(EventRole).filter_by(event_id=event.id, user_id=user.id))
    if role is None:
        role = EventRole(event=event, user=user, role="organizer")
        db.session.add(role)
    role.role = "organizer"
    db.session.flush()
    return role


def _unique_name(model, event: Event, name: str, current_id: int | None) -> None:
    clash = db.session.scalar(sa.select(model.id).filter_by(event_id=event.id, name=name))
    if clash and clash != current_id:
        raise DomainError(_("This event already has one called “%(name)s”.", name=name), "name")


def save_room(event: Event, data: dict, room: Room | None = None) -> Room:
    """Create or update a room of an event."""
    name = (data.get("name") or "").strip()
    _unique_name(Room, event, name, room.id if room else None)
    room = room or Room(event=event)
    room.name, room.capacity = name, data.get("capacity")
    room.floor, room.notes = data.get("floor") or "", data.get("notes") or ""
    db.session.add(room)
    db.session.flush()
    return room


TRACK_NAME_MAX = 200


def save_track(event: Event, data: dict, track: Track | None = None) -> Track:
    """Create or update a track (theme) of an event."""
    name_es, name_en = checked_names(
        data,
        event.tracks,
        track.id if track else None,
        TRACK_NAME_MAX,
        lambda name: _("This event already has one called “%(name)s”.", name=name),
    )
    if track is None:
        track = Track(event=event, position=len(event.tracks))
    track.name_es, track.name_en = name_es, name_en
    track.description = data.get("description") or ""
    track.color = data.get("color") or "#1b6ca8"
    db.session.add(track)
    db.session.flush()
    return track


def delete_item(item: Room | Track) -> None:
    """Delete a room or track; sessions keep existing without it."""
    db.session.delete(item)
    db.session.flush()
