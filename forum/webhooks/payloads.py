"""The `data` of each webhook kind: a stable JSON shape (documented in docs/webhooks.md).

Ids are the database ids; times are ISO 8601 in the event's zone with its offset; names
are given in both languages where the model has two. Nothing private (notes, passwords).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from forum.events.models import Event


def iso(moment: datetime | None, zone: ZoneInfo) -> str | None:
    """An instant as ISO 8601 with the offset of `zone`, or None."""
    return moment.astimezone(zone).isoformat() if moment is not None else None


def _two(item) -> dict | None:
    return {"es": item.name_es, "en": item.name_en} if item is not None else None


def organisation(item) -> dict | None:
    if item is None:
        return None
    return {"id": item.id, "name": item.name, "country": item.country}


def registration(item, zone: ZoneInfo) -> dict:
    return {
        "id": item.id,
        "status": item.status.value,
        "name": item.user.name,
        "email": item.user.email,
        "job_title": item.job_title,
        "organisation": organisation(item.organisation),
        "participant_type": _two(item.participant_type),
        "created_at": iso(item.created_at, zone),
    }


def _person(item) -> dict:
    return {
        "registration_id": item.id,
        "name": item.user.name,
        "organisation": item.organisation.name if item.organisation is not None else None,
    }


def meeting(item, zone: ZoneInfo) -> dict:
    slot, table = item.slot, item.table
    cancelled = slot is None and item.cancelled_starts_at is not None
    return {
        "id": item.id,
        "status": item.status.value,
        "kind": item.request.kind.value,
        "starts_at": iso(item.cancelled_starts_at if cancelled else slot and slot.starts_at, zone),
        "ends_at": iso(item.cancelled_ends_at if cancelled else slot and slot.ends_at, zone),
        "table": (
            {"id": table.id, "number": table.number, "label": table.label}
            if table is not None
            else None
        ),
        "sequence": item.sequence,
        "participants": [
            _person(p.registration) for p in sorted(item.participants, key=lambda p: p.id)
        ],
    }


def project(item, zone: ZoneInfo) -> dict:
    return {
        "id": item.id,
        "title": item.title,
        "status": item.status.value,
        "kind": item.kind.value,
        "country": item.country,
        "amount_sought": item.amount_sought,
        "currency": item.currency,
        "organisation": organisation(item.organisation),
        "submitted_by_registration_id": item.submitted_by_id,
        "created_at": iso(item.created_at, zone),
    }


def interest(item, zone: ZoneInfo) -> dict:
    return {
        "id": item.id,
        "project_id": item.project_id,
        "registration_id": item.registration_id,
        "level": item.level.value,
        "amount": item.amount,
        "currency": item.currency,
        "instrument": item.instrument.value if item.instrument else None,
        "created_at": iso(item.created_at, zone),
    }


def schedule(event: Event, meetings: int) -> dict:
    return {
        "published_at": iso(event.schedule_published_at, event.tz),
        "meetings": meetings,
    }
