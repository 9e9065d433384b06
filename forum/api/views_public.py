"""The public part of the API: published events, their programme, their public catalogue.

CORS is open here (any site may show the programme); never on the token routes.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.api.blueprint import PUBLIC_ERRORS, dump, json_answer, operation, read_query
from forum.api.errors import ApiError
from forum.api.schemas import (
    EventSchema,
    ListQuerySchema,
    ProgrammeSchema,
    ProjectSchema,
    PublicQuerySchema,
    page_of,
)
from forum.api.services import pages, reads
from forum.events.models import Event, EventStatus
from forum.extensions import db

EventPage = page_of(EventSchema, "EventPage")
ProjectPage = page_of(ProjectSchema, "ProjectPage")


def public_event(slug: str) -> Event:
    event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
    if event is None or event.status == EventStatus.DRAFT:
        raise ApiError(404, "not_found", _l("This event does not exist, or is not public."))
    return event


@operation(
    "/events",
    summary="Published events",
    tag="public",
    response=EventPage,
    query=ListQuerySchema,
    errors=PUBLIC_ERRORS,
)
def events():
    args = read_query(ListQuerySchema)
    found = pages.page(
        reads.public_events(), Event.id, cursor=args.get("cursor"), limit=args["limit"]
    )
    return json_answer(
        {"data": dump(EventSchema, found.rows, many=True), "next_cursor": found.next_cursor},
        public=True,
    )


@operation(
    "/events/<slug>",
    summary="One published event",
    tag="public",
    response=EventSchema,
    query=PublicQuerySchema,
    errors=PUBLIC_ERRORS,
)
def event(slug: str):
    read_query(PublicQuerySchema)
    return json_answer(dump(EventSchema, public_event(slug)), public=True)


@operation(
    "/events/<slug>/programme",
    summary="An event's programme: sessions, rooms, tracks, speakers",
    tag="public",
    response=ProgrammeSchema,
    query=PublicQuerySchema,
    errors=PUBLIC_ERRORS,
    description="Times are ISO 8601 with the event's offset; `timezone` is its IANA zone.",
)
def programme(slug: str):
    read_query(PublicQuerySchema)
    found = public_event(slug)
    payload = {
        "event": found,
        "timezone": found.timezone,
        "rooms": found.rooms,
        "tracks": found.tracks,
        "sessions": reads.programme_sessions(found),
    }
    return json_answer(dump(ProgrammeSchema, payload, found.tz), public=True)


@operation(
    "/events/<slug>/projects",
    summary="The accepted projects of a public catalogue",
    tag="public",
    response=ProjectPage,
    query=ListQuerySchema,
    errors=PUBLIC_ERRORS,
)
def projects(slug: str):
    args = read_query(ListQuerySchema)
    found = public_event(slug)
    if not found.projects_public:
        raise ApiError(404, "catalogue_not_public", _l("This event's catalogue is not public."))
    from forum.projects.models import Project

    listing = pages.page(
        reads.catalogue_projects(found),
        Project.id,
        cursor=args.get("cursor"),
        limit=args["limit"],
        updated_column=Project.updated_at,
        updated_since=args.get("updated_since"),
    )
    return json_answer(
        {"data": dump(ProjectSchema, listing.rows, many=True), "next_cursor": listing.next_cursor},
        public=True,
    )
