"""An event's participant types (with their quotas) and its tags (value chains, sectors).

Names are unique per event whatever their case; deleting a type or a tag that registrations
use is refused or explained, never silent.
"""

import re
from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    ParticipantType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
)
from forum.registration.services import registration as registration_service
from forum.registration.services.desk import adds_places

Status = RegistrationStatus

COLOUR_RE = r"^#[0-9a-fA-F]{6}$"
TAG_NAME_MAX = 80
PARTICIPANT_TYPE_NAME_MAX = 120


# --- Participant types ----------------------------------------------------------------------


def _clean_name(value: str) -> str:
    return " ".join((value or "").split())


def _name_taken(items: Iterable, name: str, current_id: int | None) -> bool:
    key = name.casefold()
    return any(item.name.casefold() == key and item.id != current_id for item in items)


def participant_type_counts(event: Event) -> dict[int, int]:
    """Approved delegates per participant type id."""
    rows = db.session.execute(
        sa.select(Registration.participant_type_id, sa.func.count())
        .where(
            Registration.event_id == event.id,
            Registration.status == Status.APPROVED,
            Registration.participant_type_id.is_not(None),
        )
        .group_by(Registration.participant_type_id)
    )
    return {type_id: count for type_id, count in rows}


def save_participant_type(
    event: Event, data: dict, participant_type: ParticipantType | None = None
) -> tuple[ParticipantType, list[Registration]]:
    """Create or update a participant type; return it and who was promoted into new places."""
    name = _clean_name(data.get("name", ""))
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give a name.")]
    elif len(name) > PARTICIPANT_TYPE_NAME_MAX:
        errors["name"] = [
            _("At most %(num)d characters.", num=PARTICIPANT_TYPE_NAME_MAX),
        ]
    elif _name_taken(
        event.participant_types, name, participant_type.id if participant_type else None
    ):
        errors["name"] = [
            _("This event already has a participant type called “%(name)s”.", name=name)
        ]
    color = data.get("color") or "#1b6ca8"
    if not re.match(COLOUR_RE, color):
        errors["color"] = [_("A colour like #1b6ca8.")]
    capacity = data.get("capacity")
    if capacity is not None and capacity < 0:
        errors["capacity"] = [_("The capacity cannot be negative.")]
    if errors:
        raise DomainError(errors)
    more_places = participant_type is not None and adds_places(participant_type.capacity, capacity)
    if participant_type is None:
        participant_type = ParticipantType(event=event, position=len(event.participant_types))
        db.session.add(participant_type)
    participant_type.name, participant_type.color = name, color.lower()
    participant_type.capacity = capacity
    db.session.flush()
    promoted = []
    if event.auto_promote and more_places:
        promoted = registration_service.promote_waiting(event)
    return participant_type, promoted


def registrations_of_type(participant_type: ParticipantType) -> int:
    """How many registrations (any status) have this participant type."""
    return db.session.scalar(
        sa.select(sa.func.count()).where(Registration.participant_type_id == participant_type.id)
    )


def delete_participant_type(participant_type: ParticipantType) -> int:
    """Delete a participant type; its delegates keep their registration, without a type."""
    event = participant_type.event
    used = registrations_of_type(participant_type)
    db.session.delete(participant_type)
    db.session.flush()
    db.session.expire_all()  # the database set the registrations' type to NULL
    if used and event.auto_promote:
        registration_service.promote_waiting(event)  # the type's quota no longer holds them
    return used


# --- Tags -----------------------------------------------------------------------------------


def tag_counts(event: Event) -> dict[int, int]:
    """How many registrations use each tag of the event (in any role)."""
    rows = db.session.execute(
        sa.select(Tag.id, sa.func.count(sa.distinct(RegistrationTag.registration_id)))
        .join(RegistrationTag, RegistrationTag.tag_id == Tag.id)
        .where(Tag.event_id == event.id)
        .group_by(Tag.id)
    )
    return {tag_id: count for tag_id, count in rows}


def _check_tag_name(name: str) -> None:
    if len(name) > TAG_NAME_MAX:
        raise DomainError(
            _(
                "“%(name)s” is longer than %(num)d characters.",
                name=name[:TAG_NAME_MAX] + "…",
                num=TAG_NAME_MAX,
            ),
            "names",
        )


def add_tags(event: Event, text: str) -> tuple[list[Tag], list[str]]:
    """Add one tag per line; return (the new tags, the names the event had already)."""
    names = list(dict.fromkeys(n for n in (_clean_name(line) for line in text.splitlines()) if n))
    if not names:
        raise DomainError(_("Write at least one name, one per line."), "names")
    existing = {tag.name.casefold(): tag.name for tag in event.tags}
    added, skipped, seen = [], [], set()
    for name in names:
        _check_tag_name(name)
        key = name.casefold()
        if key in existing:
            skipped.append(existing[key])
        elif key not in seen:
            seen.add(key)
            added.append(Tag(event=event, name=name))
    db.session.add_all(added)
    db.session.flush()
    return added, skipped


def rename_tag(tag: Tag, name: str) -> Tag:
    """Give a tag a new name, unique in its event."""
    name = _clean_name(name)
    if not name:
        raise DomainError(_("Give a name."), "name")
    _check_tag_name(name)
    if _name_taken(tag.event.tags, name, tag.id):
        raise DomainError(_("This event already has a tag called “%(name)s”.", name=name), "name")
    tag.name = name
    db.session.flush()
    return tag


def delete_tag(tag: Tag) -> None:
    """Delete a tag; delegates and projects simply lose it."""
    db.session.delete(tag)
    db.session.flush()
