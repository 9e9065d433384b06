"""Copy as a new edition: last year's programme, rooms, tracks, types, tags and settings in
a new draft event, every date moved to the new start; no people and no registrations."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from forum.accounts.models import User
from forum.audit import services as audit
from forum.core.types import utcnow
from forum.events.models import Event, EventStatus
from forum.transfer.services import columns
from forum.transfer.services.export import export_event
from forum.transfer.services.importer import import_event
from forum.transfer.services.layout import Field, event_fields, section_fields
from forum.transfer.services.sections import BY_TABLE

EDITION_TABLES = (
    "participant_types",
    "tags",
    "rooms",
    "tracks",
    "programme_sessions",
    "session_speakers",
    "exchange_rates",
    "meeting_blocks",
    "meeting_slots",
    "meeting_tables",
)
# When the row was made or changed: the copy's own moment, not last year's moved.
FRESH = ("created_at", "updated_at", "privacy_notice_updated_at")
# What belonged to last year's run: the copy starts a new one.
RESET = {"status": EventStatus.DRAFT.value, "schedule_published_at": None, "sequence": 0}


def _shifted(field: Field, value, days: int, zone: ZoneInfo, now: str):
    """The value moved by whole days in the event's zone (the same local time of day)."""
    if value is None:
        return None
    if field.name in FRESH:
        return now
    if columns.is_day(field.column):
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    if columns.is_instant(field.column):
        moment = columns.decode(field.column, value).astimezone(zone)
        local = moment.replace(tzinfo=None) + timedelta(days=days)
        return columns.encode(field.column, local.replace(tzinfo=zone))
    return value


def _move(item: dict, fields: list[Field], days: int, zone: ZoneInfo, now: str) -> None:
    for field in fields:
        item[field.name] = RESET.get(field.name, _shifted(field, item[field.name], days, zone, now))


def copy_as_new_edition(
    source: Event, slug: str, name: str, start_date: date, copier: User | None
) -> Event:
    """A new draft event from `source` starting on `start_date`; the copier organizes it."""
    document = export_event(source, tables=EDITION_TABLES)
    days = (start_date - source.start_date).days
    zone = source.tz
    now = utcnow().isoformat().replace("+00:00", "Z")
    _move(document["event"], event_fields(), days, zone, now)
    for table in EDITION_TABLES:
        fields = section_fields(BY_TABLE[table])
        for item in document[table]:
            _move(item, fields, days, zone, now)
    copy = import_event(document, slug=slug, name=name, organizer=copier)
    audit.record(copy, "event.copied", subject=source.name, actor=copier)
    return copy
