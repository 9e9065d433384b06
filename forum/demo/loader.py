"""Load the demo fora through the same services the organizer pages use."""

from collections.abc import Callable
from datetime import date, time

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from forum.accounts.models import User
from forum.demo.matchmaking import load_matchmaking
from forum.demo.projects import load_projects
from forum.events.models import Event, EventFormat, EventStatus, SessionKind
from forum.events.services import events as event_service
from forum.events.services.programme import SessionInput, save_session
from forum.extensions import db
from forum.registration.models import (
    Gender,
    Organisation,
    OrganisationSize,
    OrganisationType,
    ParticipantType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)

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


def load_delegates(event: Event, password_hash: str) -> int:
    """Tags, participant types and delegates of one demo event; skips those already there."""
    from forum.demo.delegates import DELEGATES, ORGANISATIONS, PARTICIPANT_TYPES, TAGS

    tags = {t.name: t for t in event.tags}
    for name in TAGS.get(event.slug, []):
        if name not in tags:
            tags[name] = Tag(event=event, name=name)
            db.session.add(tags[name])
    types = {t.name: t for t in event.participant_types}
    for position, spec in enumerate(PARTICIPANT_TYPES.get(event.slug, [])):
        if spec["name"] not in types:
            types[spec["name"]] = ParticipantType(event=event, position=position, **spec)
            db.session.add(types[spec["name"]])
    organisations = {spec["key"]: spec for spec in ORGANISATIONS}
    registered = set(
        db.session.scalars(
            sa.select(User.email).join(Registration).where(Registration.event_id == event.id)
        )
    )
    added = 0
    for spec in DELEGATES:
        if spec["event"] != event.slug or spec["email"] in registered:
            continue
        user = db.session.scalar(sa.select(User).where(User.email == spec["email"]))
        if user is None:
            user = User(
                email=spec["email"],
                name=spec["name"],
                password_hash=password_hash,
                locale=event.main_language,
            )
            db.session.add(user)
        registration = Registration(
            event=event,
            user=user,
            organisation=_organisation(organisations[spec["organisation"]]),
            participant_type=types.get(spec.get("participant_type")),
            status=RegistrationStatus(spec["status"]),
            job_title=spec.get("job_title", ""),
            gender=Gender(spec["gender"]) if spec.get("gender") else None,
            spoken_languages=",".join(spec.get("languages", [])),
            offers=spec.get("offers", ""),
            seeks=spec.get("seeks", ""),
            ticket_min=spec.get("ticket_min"),
            ticket_max=spec.get("ticket_max"),
            ticket_currency=spec.get("ticket_currency") or "USD",
        )
        registration.tag_links = [
            RegistrationTag(tag=tags[name], role=role)
            for role, key in (
                (TagRole.SECTOR, "sectors"),
                (TagRole.OFFER, "offer_tags"),
                (TagRole.SEEK, "seek_tags"),
            )
            for name in dict.fromkeys(spec.get(key, []))
        ]
        db.session.add(registration)
        added += 1
    db.session.commit()
    return added


def _organisation(spec: dict) -> Organisation:
    found = db.session.scalar(
        sa.select(Organisation).filter_by(name=spec["name"], country=spec["country"])
    )
    if found is None:
        found = Organisation(
            name=spec["name"],
            type=OrganisationType(spec["type"]),
            country=spec["country"],
            region=spec.get("region") or "",
            website=spec.get("website") or "",
            size=OrganisationSize(spec["size"]) if spec.get("size") else None,
        )
        db.session.add(found)
        db.session.flush()
    return found


def load_demo(password: str, echo: Callable[[str], None] = print) -> list[Event]:
    """Load every demo forum that is not there yet, with an organizer for each."""
    from forum.demo.programmes import EVENTS

    ensure_user(DEMO_ADMIN, "Foro admin", password, admin=True)
    password_hash = generate_password_hash(password)  # one hash for all demo delegates: fast
    created = []
    for spec in EVENTS:
        event = load_event(spec)
        if event is None:
            event = db.session.scalar(sa.select(Event).where(Event.slug == spec["slug"]))
            echo(f"  {spec['slug']}: already there")
        else:
            created.append(event)
            echo(f"  {event.slug}: {len(event.sessions)} sessions")
        organizer = ensure_user(
            f"organizer@{event.slug}.example", f"Secretaría {event.name}", password
        )
        event_service.add_organizer(event, organizer)
        added = load_delegates(event, password_hash)
        echo(f"    organizer {organizer.email}; {added} new delegates")
        load_matchmaking(event, echo)
        load_projects(event, echo)
    return created
