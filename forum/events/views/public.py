"""Public pages: the list of events, an event, its programme and one session."""

from datetime import date

import sqlalchemy as sa
from flask import render_template, request
from flask_login import current_user

from forum.directory import services as directory
from forum.events.blueprint import bp
from forum.events.models import Event, EventStatus, ProgrammeSession, SessionKind
from forum.events.registration_window import closed_message, registration_state
from forum.events.services.links import is_participant, session_link, session_links
from forum.events.services.programme import programme_days, programme_size
from forum.extensions import db
from forum.projects.services import catalogue as project_catalogue
from forum.projects.services.pitches import session_pitches
from forum.registration.services import seating
from forum.web.access import event_item, my_registration, visible_event
from forum.web.fragment_cache import per_version, shared_body
from forum.web.public_cache import public_page


@bp.get("/")
def index():
    events = db.session.scalars(
        sa.select(Event).where(Event.status != EventStatus.DRAFT).order_by(Event.start_date)
    ).all()
    today = date.today()
    upcoming = [e for e in events if e.end_date >= today]
    past = sorted((e for e in events if e.end_date < today), key=lambda e: e.start_date)[::-1]
    return render_template("events/index.html", upcoming=upcoming, past=past)


@bp.get("/events/<slug>/")
@public_page()
def event(slug: str):
    event = visible_event(slug)
    window = registration_state(event)
    registration = my_registration(event)
    # the viewer's registration, loaded once, answers both questions below
    can_browse = directory.may_browse(event, current_user, registration)
    # the same for every reader of the event at its version: counted once per worker
    catalogue = event.projects_public or can_browse
    return render_template(
        "events/event.html",
        event=event,
        programme_size=per_version(event, "programme_size", lambda: programme_size(event)),
        registration=registration,
        registration_open=window.is_open,
        registration_closed=closed_message(event, window) if not window.is_open else "",
        can_browse=can_browse,
        # may_view_catalogue's rule: public, or for those who may browse the directory
        show_projects=catalogue
        and per_version(event, "has_catalogue", lambda: project_catalogue.has_catalogue(event)),
    )


@bp.get("/events/<slug>/programme")
@public_page(query=("track",))
def programme(slug: str):
    event = visible_event(slug)
    track_id = request.args.get("track", type=int)
    track = next((t for t in event.tracks if t.id == track_id), None) if track_id else None
    registration = my_registration(event)

    def body() -> str:
        days = programme_days(event, track.id if track else None)
        sessions = (s for _day, day_sessions in days for s in day_sessions)
        return render_template(
            "events/_programme_body.html",
            event=event,
            track=track,
            days=days,
            links=session_links(sessions, registration),
        )

    # The links are all that differs between two signed-in readers' bodies: the same for
    # every approved delegate of the event, the same for everyone else.
    participant = is_participant(registration, event.id)
    shared = shared_body(event, ("programme", track.id if track else "-", participant), body)
    return render_template("events/programme.html", event=event, track=track, body=shared)


def _pitched(session: ProgrammeSession) -> list:
    """The pitches of a pitch session, for those who may see the project catalogue."""
    if session.kind != SessionKind.PITCH:
        return []
    if not project_catalogue.may_view_catalogue(session.event, current_user):
        return []
    return session_pitches(session)


@bp.get("/events/<slug>/sessions/<int:session_id>")
def session_page(slug: str, session_id: int):
    event = visible_event(slug)
    session = event_item(event, ProgrammeSession, session_id)
    registration = my_registration(event)
    seat = seating.find_seat(session, registration) if registration else None
    return render_template(
        "events/session.html",
        pitched=_pitched(session),
        event=event,
        session=session,
        link=session_link(session, registration),
        registration=registration,
        seat=seat,
        seated=seating.seated_count(session),
        position=seating.waiting_position(seat)
        if seat and seat.status.value == "waiting"
        else None,
    )
