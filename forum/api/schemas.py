"""The API's schemas: the same objects serialize the answers, read the bodies and describe
them in /api/v1/openapi.json (forum/api/spec.py), so the description cannot drift.

Instants are ISO 8601 with the event's offset (2026-05-12T09:30:00-05:00) beside the event's
IANA zone; the zone of the event being serialized is set once per answer (`event_zone`).
"""

from contextvars import ContextVar
from zoneinfo import ZoneInfo

from marshmallow import EXCLUDE, Schema, fields, validate

from forum.events.models import EventFormat, EventStatus, SessionKind
from forum.meetings.models import (
    Attendance,
    HalfDay,
    MeetingKind,
    MeetingStatus,
    OutcomeKind,
    RequestStatus,
)
from forum.projects.models import (
    CommitmentStatus,
    Instrument,
    InterestLevel,
    ProjectKind,
    ProjectStage,
)
from forum.registration.models import (
    Gender,
    OrganisationSize,
    OrganisationType,
    RegistrationStatus,
)

UTC = ZoneInfo("UTC")
event_zone: ContextVar[ZoneInfo] = ContextVar("event_zone", default=UTC)
MAX_LIMIT = 200
DEFAULT_LIMIT = 50


class ZonedDateTime(fields.DateTime):
    """An instant in the event's zone, with its offset."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        return value.astimezone(event_zone.get()).isoformat()


def enum_field(enum_cls, **kwargs):
    return fields.Enum(enum_cls, by_value=True, **kwargs)


def _csv_list(attribute: str):
    """A comma-separated column as a list of strings."""
    return fields.Function(
        lambda obj: [part for part in getattr(obj, attribute).split(",") if part],
        metadata={"type": "array", "items": {"type": "string"}},
    )


class Out(Schema):
    """Answers: every field is read from the object, nothing is loaded."""

    class Meta:
        ordered = True


# Errors and lists


class ErrorSchema(Out):
    code = fields.Str(required=True, metadata={"description": "A stable code, e.g. token_expired"})
    message = fields.Str(required=True, metadata={"description": "In the asked language"})
    field = fields.Str(metadata={"description": "The field at fault, when one is"})


class ListQuerySchema(Schema):
    """?cursor=&limit=&updated_since= of every list."""

    class Meta:
        unknown = EXCLUDE

    cursor = fields.Str(metadata={"description": "next_cursor of the previous page"})
    limit = fields.Int(
        load_default=DEFAULT_LIMIT, validate=validate.Range(1, MAX_LIMIT), metadata={"example": 50}
    )
    updated_since = fields.AwareDateTime(
        metadata={"description": "Only rows changed at or after this instant (ISO 8601, offset)"}
    )
    lang = fields.Str(validate=validate.OneOf(["es", "en"]))


class PublicQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE

    lang = fields.Str(validate=validate.OneOf(["es", "en"]))


def page_of(item_schema: type[Schema], name: str) -> type[Schema]:
    """A page of a list: its rows and the cursor of the next page (null on the last)."""
    return Schema.from_dict(
        {
            "data": fields.List(fields.Nested(item_schema), required=True),
            "next_cursor": fields.Str(required=True, allow_none=True),
        },
        name=name,
    )


# Public: events, programme, projects


class EventSchema(Out):
    slug = fields.Str(required=True)
    name = fields.Str(required=True)
    series = fields.Str(required=True)
    organiser_name = fields.Str(required=True)
    description = fields.Str(required=True)
    city = fields.Str(required=True)
    country = fields.Str(required=True)
    venue = fields.Str(required=True)
    timezone = fields.Str(required=True, metadata={"description": "IANA zone, e.g. America/Lima"})
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    format = enum_field(EventFormat, required=True)
    status = enum_field(EventStatus, required=True)
    languages = fields.List(fields.Str(), required=True)


class RoomSchema(Out):
    id = fields.Int(required=True)
    name = fields.Str(required=True)
    capacity = fields.Int(required=True, allow_none=True)
    floor = fields.Str(required=True)


class TrackSchema(Out):
    id = fields.Int(required=True)
    name_es = fields.Str(required=True)
    name_en = fields.Str(required=True)
    color = fields.Str(required=True)


class SpeakerSchema(Out):
    name = fields.Str(required=True)
    organisation = fields.Str(required=True)
    role = fields.Str(required=True)


class SessionSchema(Out):
    id = fields.Int(required=True)
    title = fields.Str(required=True)
    description = fields.Str(required=True)
    kind = enum_field(SessionKind, required=True)
    starts_at = ZonedDateTime(required=True)
    ends_at = ZonedDateTime(required=True)
    timezone = fields.Function(lambda s: s.event.timezone, metadata={"type": "string"})
    room_id = fields.Int(required=True, allow_none=True)
    track_id = fields.Int(required=True, allow_none=True)
    language = fields.Str(required=True)
    stream_url = fields.Function(
        lambda s: s.stream_url if s.link_audience == "public" else "",
        metadata={"type": "string", "description": "Only a public webcast's address"},
    )
    speakers = fields.List(fields.Nested(SpeakerSchema), required=True)
    updated_at = fields.AwareDateTime(required=True)


class ProgrammeSchema(Out):
    event = fields.Nested(EventSchema, required=True)
    timezone = fields.Str(required=True)
    rooms = fields.List(fields.Nested(RoomSchema), required=True)
    tracks = fields.List(fields.Nested(TrackSchema), required=True)
    sessions = fields.List(fields.Nested(SessionSchema), required=True)


class OrganisationNameSchema(Out):
    name = fields.Str(required=True)
    country = fields.Str(required=True)


class ProjectSchema(Out):
    id = fields.Int(required=True)
    title = fields.Str(required=True)
    summary = fields.Str(required=True)
    description = fields.Str(required=True)
    kind = enum_field(ProjectKind, required=True)
    country = fields.Str(required=True)
    regions = _csv_list("regions")
    amount_sought = fields.Int(
        required=True, allow_none=True, metadata={"description": "In minor units of currency"}
    )
    currency = fields.Str(required=True)
    instrument = enum_field(Instrument, required=True, allow_none=True)
    stage = enum_field(ProjectStage, required=True, allow_none=True)
    beneficiaries = fields.Int(required=True, allow_none=True)
    sdgs = _csv_list("sdgs")
    organisation = fields.Nested(OrganisationNameSchema, required=True)
    updated_at = fields.AwareDateTime(required=True)


# With a token: the event's delegates and their business


class OrganisationSchema(Out):
    id = fields.Int(required=True)
    name = fields.Str(required=True)
    type = enum_field(OrganisationType, required=True)
    country = fields.Str(required=True)
    region = fields.Str(required=True)
    website = fields.Str(required=True)
    size = enum_field(OrganisationSize, required=True, allow_none=True)
    women_led = fields.Bool(required=True)


def _tag_ids(role: str):
    return fields.Function(
        lambda r: sorted(link.tag_id for link in r.tag_links if link.role == role),
        metadata={"type": "array", "items": {"type": "integer"}},
    )


class RegistrationSchema(Out):
    id = fields.Int(required=True)
    status = enum_field(RegistrationStatus, required=True)
    name = fields.Str(attribute="display_name", required=True)
    email = fields.Function(
        lambda r: None if r.is_erased else r.user.email,
        metadata={"type": ["string", "null"], "description": "null once erased"},
    )
    organisation_id = fields.Int(required=True, allow_none=True)
    participant_type_id = fields.Int(required=True, allow_none=True)
    job_title = fields.Str(required=True)
    gender = enum_field(Gender, required=True, allow_none=True)
    languages = fields.List(fields.Str(), required=True)
    offers = fields.Str(required=True)
    seeks = fields.Str(required=True)
    sector_tag_ids = _tag_ids("sector")
    offer_tag_ids = _tag_ids("offer")
    seek_tag_ids = _tag_ids("seek")
    ticket_min = fields.Int(required=True, allow_none=True)
    ticket_max = fields.Int(required=True, allow_none=True)
    ticket_currency = fields.Str(required=True)
    checked_in_at = ZonedDateTime(required=True, allow_none=True)
    created_at = ZonedDateTime(required=True)
    updated_at = ZonedDateTime(required=True)


class MeetingRequestSchema(Out):
    id = fields.Int(required=True)
    requester_id = fields.Int(required=True)
    recipient_id = fields.Int(required=True)
    colleague_ids = fields.Function(
        lambda q: sorted(c.registration_id for c in q.colleagues),
        metadata={"type": "array", "items": {"type": "integer"}},
    )
    kind = enum_field(MeetingKind, required=True)
    priority = fields.Int(required=True)
    status = enum_field(RequestStatus, attribute="shown_status", required=True)
    preferred_day = fields.Date(required=True, allow_none=True)
    preferred_half = enum_field(HalfDay, required=True, allow_none=True)
    project_id = fields.Int(required=True, allow_none=True)
    expires_at = ZonedDateTime(required=True, allow_none=True)
    responded_at = ZonedDateTime(required=True, allow_none=True)
    created_at = ZonedDateTime(required=True)
    updated_at = ZonedDateTime(required=True)


class SlotSchema(Out):
    id = fields.Int(required=True)
    starts_at = ZonedDateTime(required=True)
    ends_at = ZonedDateTime(required=True)


class TableSchema(Out):
    id = fields.Int(required=True)
    number = fields.Int(required=True)
    label = fields.Str(required=True)
    room_id = fields.Int(required=True, allow_none=True)
    is_virtual = fields.Bool(required=True)


def _side(requester: bool):
    def ids(meeting) -> list[int]:
        own = meeting.request.requester_side
        return sorted(
            p.registration_id
            for p in meeting.participants
            if (p.registration_id in own) == requester
        )

    return fields.Function(ids, metadata={"type": "array", "items": {"type": "integer"}})


class MeetingSchema(Out):
    id = fields.Int(required=True)
    request_id = fields.Int(required=True)
    status = enum_field(MeetingStatus, required=True)
    slot = fields.Nested(SlotSchema, required=True, allow_none=True)
    table = fields.Nested(TableSchema, required=True, allow_none=True)
    requester_side = _side(True)
    recipient_side = _side(False)
    sequence = fields.Int(required=True)
    updated_at = ZonedDateTime(required=True)


class OutcomeSchema(Out):
    id = fields.Int(required=True)
    meeting_id = fields.Int(required=True)
    registration_id = fields.Int(required=True)
    attendance = enum_field(Attendance, required=True)
    outcome = enum_field(OutcomeKind, required=True)
    amount = fields.Int(required=True, allow_none=True)
    currency = fields.Str(required=True)
    notes = fields.Str(required=True)
    recorded_at = ZonedDateTime(required=True)


class InterestSchema(Out):
    id = fields.Int(required=True)
    project_id = fields.Int(required=True)
    registration_id = fields.Int(required=True)
    level = enum_field(InterestLevel, required=True)
    amount = fields.Int(required=True, allow_none=True)
    currency = fields.Str(required=True)
    instrument = enum_field(Instrument, required=True, allow_none=True)
    meeting_request_id = fields.Int(required=True, allow_none=True)
    created_at = ZonedDateTime(required=True)
    updated_at = ZonedDateTime(required=True)


class CommitmentSchema(Out):
    id = fields.Int(required=True)
    interest_id = fields.Int(required=True)
    amount = fields.Int(required=True, allow_none=True)
    currency = fields.Str(required=True)
    instrument = enum_field(Instrument, required=True, allow_none=True)
    status = enum_field(CommitmentStatus, required=True)
    notes = fields.Str(required=True)
    recorded_at = ZonedDateTime(required=True)
    updated_at = ZonedDateTime(required=True)


class DecisionSchema(Out):
    """What became of a registration after approve, reject or check-in."""

    registration = fields.Nested(RegistrationSchema, required=True)
    changed = fields.Bool(required=True)
