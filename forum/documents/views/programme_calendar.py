"""The programme and its sessions as iCalendar files."""

from flask import Response, current_app, request

from forum.documents.blueprint import bp
from forum.documents.services import calendars
from forum.documents.services.ical import AgendaEntry, CalendarExporter
from forum.events.models import Event, ProgrammeSession
from forum.events.services.links import is_participant
from forum.web.access import event_item, my_registration, visible_event
from forum.web.public_cache import public_page


def site() -> calendars.Site:
    """Where this request is served: SERVER_NAME if set (stable UIDs), else the request's host."""
    host = current_app.config.get("SERVER_NAME") or request.host
    return calendars.Site(host=host, base_url=request.url_root)


def calendar_response(
    event: Event,
    entries: list[AgendaEntry],
    name: str,
    filename: str,
    cache_control: str,
    inline: bool = False,
) -> Response:
    """An .ics file: attachment for downloads, inline for subscriptions; 304 when unchanged."""
    refresh = calendars.FEED_REFRESH if inline else None
    exporter = CalendarExporter(entries, name, event.timezone, calendars.event_days(event), refresh)
    response = Response(exporter.render(), content_type=exporter.content_type)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = cache_control
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.add_etag()
    return response.make_conditional(request)


def _public_cache(event: Event) -> str:
    return "public, max-age=300" if event.is_public else "private, no-cache"


@bp.get("/events/<slug>/programme.ics")
@public_page(seconds=300, signed_in_too=True)
def programme_ics(slug: str):
    event = visible_event(slug)
    return calendar_response(  # one file for everyone (shared caches): no meeting room
        event,
        calendars.programme_entries(event, site()),
        event.name,
        f"{event.slug}-programme.ics",
        _public_cache(event),
    )


@bp.get("/events/<slug>/sessions/<int:session_id>.ics")
def session_ics(slug: str, session_id: int):
    event = visible_event(slug)
    session = event_item(event, ProgrammeSession, session_id)
    reader = my_registration(event)
    # A delegate's copy may hold the meeting room: theirs alone, never in a shared cache.
    personal = is_participant(reader, event.id)
    return calendar_response(
        event,
        [calendars.session_entry(session, site(), event, reader)],
        event.name,
        f"{event.slug}-session-{session.id}.ics",
        "private, no-cache" if personal else _public_cache(event),
    )
