"""How many approved places an event and its participant types have left, and which limit
stops one more approval. Callers hold the lock on the event row (registration.approve and
friends) so that the counts cannot change under them."""

from dataclasses import dataclass

import sqlalchemy as sa

from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import ParticipantType, Registration, RegistrationStatus


def _approved_counts(event: Event) -> tuple[int, dict[int | None, int]]:
    rows = db.session.execute(
        sa.select(Registration.participant_type_id, sa.func.count())
        .where(
            Registration.event_id == event.id, Registration.status == RegistrationStatus.APPROVED
        )
        .group_by(Registration.participant_type_id)
    ).all()
    per_type = {type_id: count for type_id, count in rows}
    return sum(per_type.values()), per_type


def places_left(event: Event, participant_type: ParticipantType | None) -> int | None:
    """How many more can be approved for this type (None: no limit)."""
    total, per_type = _approved_counts(event)
    limits = []
    if event.capacity is not None:
        limits.append(event.capacity - total)
    if participant_type is not None and participant_type.capacity is not None:
        limits.append(participant_type.capacity - per_type.get(participant_type.id, 0))
    return max(0, min(limits)) if limits else None


@dataclass(frozen=True)
class Full:
    """Why nobody more can be approved: the event (type_name "") or one participant type
    has `used` approved places of `capacity`."""

    used: int
    capacity: int
    type_name: str = ""


def what_is_full(event: Event, participant_type: ParticipantType | None) -> Full | None:
    """The limit that stops one more approval of this type: the whole event first (it stops
    every type), else the type's own quota; None while a place is free."""
    total, per_type = _approved_counts(event)
    if event.capacity is not None and total >= event.capacity:
        return Full(total, event.capacity)
    if participant_type is not None and participant_type.capacity is not None:
        used = per_type.get(participant_type.id, 0)
        if used >= participant_type.capacity:
            return Full(used, participant_type.capacity, participant_type.label())
    return None
