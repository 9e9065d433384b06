"""Load the demo fora through the same services the organizer pages use."""

from collections.abc import Callable
from datetime import date, time

import sqlalchemy as sa

from forum.extensions import db
from forum.models import Event, EventFormat, EventStatus, SessionKind, User
from forum.services import events as event_service
from forum.services.programme import SessionInput, save_session

DEMO_ADMIN = "admin@foro.example"


def _hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def ensure_user(email: str, name: str, password: str, *, admin: bool = False) -> User:
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, is_admin=admin, locale="es")
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
    return user


def load_event(spec: dict) -> Event | None:
    """Create one demo event with rooms, tracks and sessions; None if it already exists."""
    if db.session.scalar(sa.select(Event.id).where(Event.slug == spec["slug"])):
        return None
    fields = {k: spec[k] for k in event_service.EVENT_FIELDS if k in spec}
    fields.update(
        start_date=date.fromisoformat(spec["start_date"]),
        end_date=date.fromisoformat(spec["end_date"]),
        format=EventFormat(spec["format"]),
        status=EventStatus(spec.get("status", "published")),
        language_codes=",".join(spec["languages"]),
    )
    event = event_service.create_event(fields)
    rooms = {r["name"]: event_service.save_room(event, r) for r in spec.get("rooms", [])}
    tracks = {t["name"]: event_service.save_track(event, t) for t in spec.get("tracks", [])}
    for s in spec.get("sessions", []):
        save_session(
            event,
            SessionInput(
                title=s["title"],
                description=s.get("description", ""),
                kind=SessionKind(s["kind"]),
                day=date.fromisoformat(s["date"]),
                start=_hhmm(s["start"]),
                end=_hhmm(s["end"]),
                room_id=rooms[s["room"]].id if s.get("room") else None,
                track_id=tracks[s["track"]].id if s.get("track") else None,
                stream_url=s.get("stream_url") or "",
                capacity=s.get("capacity"),
                language=s.get("language", event.main_language),
                speakers=s.get("speakers", []),
            ),
        )
    return event


def load_demo(password: str, echo: Callable[[str], None] = print) -> list[Event]:
    """Load every demo forum that is not there yet, with an organizer for each."""
    from forum.demo.programmes import EVENTS

    ensure_user(DEMO_ADMIN, "Foro admin", password, admin=True)
    created = []
    for spec in EVENTS:
        event = load_event(spec)
        if event is None:
            echo(f"  {spec['slug']}: already there, left as it is")
            continue
        organizer = ensure_user(
            f"organizer@{event.slug}.example", f"Secretaría {event.name}", password
        )
        event_service.add_organizer(event, organizer)
        created.append(event)
        echo(f"  {event.slug}: {len(event.sessions)} sessions, organizer {organizer.email}")
    return created
