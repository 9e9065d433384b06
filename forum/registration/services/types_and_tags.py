"""An event's participant types (with their quotas) and its tags (value chains, sectors).

Each has a Spanish and an English name (forum/core/bilingual.py), unique per event whatever their
case and language; deleting a type or a tag that registrations use is refused or explained,
never silent.
"""

import re

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.bilingual import checked_names, clean_name
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
TAG_LANGUAGE_SEPARATOR = "|"  # between the Spanish and the English name of a new tag
PARTICIPANT_TYPE_NAME_MAX = 120


# --- Participant types ----------------------------------------------------------------------


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
    errors: dict[str, list[str]] = {}
    try:
        name_es, name_en = checked_names(
            data,
            event.participant_types,
            participant_type.id if participant_type else None,
            PARTICIPANT_TYPE_NAME_MAX,
            lambda name: _(
                "This event already has a participant type called “%(name)s”.", name=name
            ),
        )
    except DomainError as error:
        errors.update(error.errors)
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
    participant_type.name_es, participant_type.name_en = name_es, name_en
    participant_type.color = color.lower()
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


def _tag_line(line: str) -> tuple[str, str]:
    """'café | coffee' -> ('café', 'coffee'); a line without '|' has a Spanish name only."""
    name_es, _bar, name_en = line.partition(TAG_LANGUAGE_SEPARATOR)
    return clean_name(name_es), clean_name(name_en)


def add_tags(event: Event, text: str) -> tuple[list[Tag], list[str]]:
    """Add one tag per line, "Spanish | English"; return (the new tags, the names the event
    had already)."""
    lines = [_tag_line(line) for line in text.splitlines() if clean_name(line)]
    if not lines:
        raise DomainError(_("Write at least one name, one per line."), "names")
    existing = {name.casefold(): tag.label() for tag in event.tags for name in tag.names()}
    added, skipped, seen = [], [], set()  # a name repeated in the text is added once
    for name_es, name_en in lines:
        if not name_es:
            raise DomainError(
                _("“%(name)s” has no Spanish name before the “|”.", name=name_en), "names"
            )
        keys = {name.casefold() for name in (name_es, name_en) if name}
        for name in (name_es, name_en):
            _check_tag_name(name)
        if known := [existing[key] for key in keys if key in existing]:
            skipped.append(known[0])
        elif not keys & seen:
            seen |= keys
            added.append(Tag(event=event, name_es=name_es, name_en=name_en))
    db.session.add_all(added)
    db.session.flush()
    return added, skipped


def rename_tag(tag: Tag, data: dict) -> Tag:
    """Give a tag new Spanish and English names, unique in its event."""
    tag.name_es, tag.name_en = checked_names(
        data,
        tag.event.tags,
        tag.id,
        TAG_NAME_MAX,
        lambda name: _("This event already has a tag called “%(name)s”.", name=name),
    )
    db.session.flush()
    return tag


def delete_tag(tag: Tag) -> None:
    """Delete a tag; delegates and projects simply lose it."""
    db.session.delete(tag)
    db.session.flush()
