"""An event's data with a token: lists for sync, one registration, and the desk's writes."""

from flask import g
from flask_babel import lazy_gettext as _l

from forum.api.auth import token_required
from forum.api.blueprint import TOKEN_ERRORS, dump, json_answer, operation, read_body, read_query
from forum.api.bodies import EmptySchema, RegistrationCreateSchema, RegistrationUpdateSchema
from forum.api.errors import ApiError
from forum.api.schemas import (
    CommitmentSchema,
    DecisionSchema,
    InterestSchema,
    ListQuerySchema,
    MeetingRequestSchema,
    MeetingSchema,
    OrganisationSchema,
    OutcomeSchema,
    PublicQuerySchema,
    RegistrationSchema,
    page_of,
)
from forum.api.services import pages, reads, writes
from forum.events.models import Event
from forum.registration.models import Registration

# path -> (area of forum/api/auth.py, item schema, summary)
LISTS = {
    "registrations": ("registrations", RegistrationSchema, "Registrations of the event"),
    "organisations": ("registrations", OrganisationSchema, "Organisations of its delegates"),
    "meeting-requests": ("meetings", MeetingRequestSchema, "Meeting requests"),
    "meetings": ("meetings", MeetingSchema, "Meetings: slot, table and both sides"),
    "outcomes": ("meetings", OutcomeSchema, "Meeting outcomes"),
    "interests": ("projects", InterestSchema, "Investors' interest in projects"),
    "commitments": ("projects", CommitmentSchema, "Commitments after the event"),
}


def _list_view(path: str, area: str, schema, summary: str):
    page_schema = page_of(schema, schema.__name__.removesuffix("Schema") + "Page")

    def view(event: Event):
        args = read_query(ListQuerySchema)
        listing = reads.LISTINGS[path](event)
        since = args.get("updated_since")
        if since is not None and listing.updated_column is None:
            raise ApiError(
                422,
                "updated_since_unsupported",
                _l("This list has no update time: leave out updated_since."),
                "updated_since",
            )
        found = pages.page(
            listing.query,
            listing.id_column,
            cursor=args.get("cursor"),
            limit=args["limit"],
            updated_column=listing.updated_column,
            updated_since=since,
        )
        rows = dump(schema, found.rows, event.tz, many=True)
        return json_answer({"data": rows, "next_cursor": found.next_cursor})

    view.__name__ = "list_" + path.replace("-", "_")
    operation(
        f"/events/<slug>/{path}",
        summary=summary,
        tag="event data",
        response=page_schema,
        query=ListQuerySchema,
        token=True,
        errors=TOKEN_ERRORS,
    )(token_required(area)(view))


for _path, (_area, _schema, _summary) in LISTS.items():
    _list_view(_path, _area, _schema, _summary)


def _registration(event: Event, registration_id: int) -> Registration:
    registration = reads.registration(event, registration_id)
    if registration is None:
        raise ApiError(404, "not_found", _l("This registration does not exist in this event."))
    return registration


@operation(
    "/events/<slug>/registrations/<int:registration_id>",
    summary="One registration",
    tag="event data",
    response=RegistrationSchema,
    query=PublicQuerySchema,
    token=True,
    errors=TOKEN_ERRORS,
)
@token_required("registrations")
def registration(event: Event, registration_id: int):
    read_query(PublicQuerySchema)
    return json_answer(dump(RegistrationSchema, _registration(event, registration_id), event.tz))


@operation(
    "/events/<slug>/registrations",
    "POST",
    summary="Add a delegate (as the desk's form: an account and an invitation if new)",
    tag="writes",
    response=RegistrationSchema,
    status=201,
    body=RegistrationCreateSchema,
    token=True,
    errors=TOKEN_ERRORS,
)
@token_required("registrations", write=True)
def create_registration(event: Event):
    data = read_body(RegistrationCreateSchema)
    created = writes.create_registration(event, data, inviter=g._login_user)
    return json_answer(dump(RegistrationSchema, created, event.tz), 201)


@operation(
    "/events/<slug>/registrations/<int:registration_id>",
    "PATCH",
    summary="Change a delegate's profile (the fields given)",
    tag="writes",
    response=RegistrationSchema,
    body=RegistrationUpdateSchema,
    token=True,
    errors=TOKEN_ERRORS,
)
@token_required("registrations", write=True)
def update_registration(event: Event, registration_id: int):
    found = _registration(event, registration_id)
    data = read_body(RegistrationUpdateSchema)
    return json_answer(dump(RegistrationSchema, writes.update_registration(found, data), event.tz))


def _decision_view(action: str, summary: str):
    def view(event: Event, registration_id: int):
        found = _registration(event, registration_id)
        read_body(EmptySchema)
        decision = getattr(writes, action.replace("-", "_"))(event, found)
        return json_answer(dump(DecisionSchema, decision, event.tz))

    view.__name__ = action.replace("-", "_") + "_registration"
    operation(
        f"/events/<slug>/registrations/<int:registration_id>/{action}",
        "POST",
        summary=summary,
        tag="writes",
        response=DecisionSchema,
        token=True,
        errors=TOKEN_ERRORS,
    )(token_required("registrations", write=True)(view))


for _action, _summary in (
    ("approve", "Approve (the waiting list when the event or type is full)"),
    ("reject", "Reject"),
    ("check-in", "Check an approved delegate in (a second time keeps the first)"),
):
    _decision_view(_action, _summary)
