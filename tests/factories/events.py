"""Events, their programme sessions and tracks."""

from datetime import date, time, timedelta

from forum.accounts.models import User
from forum.events.models import Event, EventFormat, EventRole, EventStatus, ProgrammeSession, Track
from forum.events.services.programme import SessionInput, save_session
from forum.extensions import db


def create_event(organizers: tuple[User, ...] | list[User] = (), **overrides) -> Event:
    """The Hand-in-Hand forum 2023 in Rome (16–20 Oct, hybrid, published, English and Spanish)."""
    fields = dict(
        slug="hih-2023",
        name="Hand-in-Hand Investment Forum 2023",
        series="Hand-in-Hand Investment Forum",
        city="Rome",
        country="IT",
        venue="FAO headquarters",
        timezone="Europe/Rome",
        start_date=date(2023, 10, 16),
        end_date=date(2023, 10, 20),
        format=EventFormat.HYBRID,
        status=EventStatus.PUBLISHED,
        language_codes="en,es",
    )
    fields.update(overrides)
    event = Event(**fields)
    db.session.add(event)
    for user in organizers:
        db.session.add(EventRole(event=event, user=user))
    db.session.commit()
    return event


def create_session(
    event: Event,
    title: str = "Opening plenary",
    day: date | int | None = None,
    start: time = time(9),
    end: time = time(10),
    **fields,
) -> ProgrammeSession:
    """A programme session at local times on `day`: a date, or the n-th day of the event
    (0 = first); the first day if not given. Saved through the programme service."""
    if day is None:
        day = event.start_date
    elif isinstance(day, int):
        day = event.start_date + timedelta(days=day)
    session = save_session(
        event, SessionInput(title=title, day=day, start=start, end=end, **fields)
    )
    db.session.commit()  # a factory commits, like the others (services only flush)
    return session


def create_track(event: Event, name: str, color: str = "#2e7d32") -> Track:
    track = Track(event=event, name_es=name, color=color)
    db.session.add(track)
    db.session.commit()
    return track
