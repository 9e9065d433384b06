"""The organizers' registration desk: the filtered list, bulk decisions and the settings.

The event's participant types and tags are kept in types_and_tags.py.

Decisions go through registration.services.registration (approve, reject, promote), which checks
capacity under a lock and queues the mails; this module only selects and counts.
"""

import enum
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.core.text_search import all_words
from forum.core.timerange import AmbiguousTimeError, NonExistentTimeError, to_utc
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    Gender,
    Organisation,
    OrganisationSize,
    OrganisationType,
    ParticipantType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
)
from forum.registration.services import registration as registration_service

Status = RegistrationStatus


class BulkAction(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    PROMOTE = "promote"


@dataclass(frozen=True)
class RegistrationFilter:
    """What the organizer narrowed the list to; empty fields do not filter."""

    status: RegistrationStatus | None = None
    participant_type_id: int | None = None
    country: str = ""
    organisation_type: OrganisationType | None = None
    gender: Gender | None = None
    q: str = ""
    invitation_pending: bool = False  # accounts without a password yet
    organisation_size: OrganisationSize | None = None
    region: str = ""  # as the organisation wrote it, together with its country
    checked_in: bool | None = None  # None: either

    @property
    def is_empty(self) -> bool:
        return self == RegistrationFilter()


@dataclass
class BulkResult:
    """How many registrations each decision touched."""

    approved: int = 0
    waiting: int = 0
    rejected: int = 0
    promoted: int = 0
    no_place: int = 0  # waiting delegates that could not be promoted: the event is full
    unchanged: int = 0  # selected, but the action does not apply to their status
    # why the waiting ones did not get a place: each limit reached, with how many it stopped
    full: dict[registration_service.Full, int] = field(default_factory=dict)


def registrations_query(event: Event, filters: RegistrationFilter) -> sa.Select:
    """The event's registrations matching the filters, oldest first, with what the list shows."""
    return _matching(sa.select(Registration), event, filters).options(
        contains_eager(Registration.user),
        contains_eager(Registration.organisation),
        selectinload(Registration.participant_type),
        selectinload(Registration.tag_links).selectinload(RegistrationTag.tag),
    )


EXPORT_BATCH = 500


def registrations_in_batches(
    event: Event, filters: RegistrationFilter, batch: int = EXPORT_BATCH
) -> Iterator[Registration]:
    """The registrations of find_registrations one by one, read `batch` at a time: for an
    export, whose memory and queries should not grow with every row at once. The ids are
    read now; the batches as the result is iterated, which for a streamed file is after the
    request has ended (another session: nothing loaded before is used)."""
    ids = db.session.scalars(_matching(sa.select(Registration.id), event, filters)).all()
    return _batches(ids, batch)


def _batches(ids: list[int], batch: int) -> Iterator[Registration]:
    for start in range(0, len(ids), batch):
        wanted = ids[start : start + batch]
        loaded = db.session.scalars(
            sa.select(Registration)
            .where(Registration.id.in_(wanted))
            .options(
                joinedload(Registration.user),
                joinedload(Registration.organisation),
                joinedload(Registration.participant_type),
                selectinload(Registration.tag_links).selectinload(RegistrationTag.tag),
            )
        ).all()
        by_id = {registration.id: registration for registration in loaded}
        yield from (by_id[i] for i in wanted if i in by_id)


def _matching(query: sa.Select, event: Event, filters: RegistrationFilter) -> sa.Select:
    """`query` (of registrations or their ids) narrowed to the filters, oldest first."""
    query = (
        query.join(Registration.user)
        .outerjoin(Registration.organisation)
        .where(Registration.event_id == event.id, registration_service.reaches_desk())
        .order_by(Registration.created_at, Registration.id)
    )
    if filters.status is not None:
        query = query.where(Registration.status == filters.status)
    if filters.participant_type_id is not None:
        query = query.where(Registration.participant_type_id == filters.participant_type_id)
    if filters.country:
        query = query.where(Organisation.country == filters.country.upper())
    if filters.organisation_type is not None:
        query = query.where(Organisation.type == filters.organisation_type)
    if filters.gender is not None:
        query = query.where(Registration.gender == filters.gender)
    if filters.invitation_pending:
        query = query.where(User.password_hash == "")
    if filters.organisation_size is not None:
        query = query.where(Organisation.size == filters.organisation_size)
    if filters.region:
        query = query.where(Organisation.region == filters.region)
    if filters.checked_in is not None:
        checked = Registration.checked_in_at.is_not(None)
        query = query.where(checked if filters.checked_in else ~checked)
    # each word of the search in the name, the e-mail or the organisation, in any order
    return query.where(all_words((User.name, User.email, Organisation.name), filters.q))


def find_registrations(event: Event, filters: RegistrationFilter) -> list[Registration]:
    """Every registration of the event matching the filters, oldest first."""
    return list(db.session.scalars(registrations_query(event, filters)).unique())


def status_counts(event: Event) -> dict[RegistrationStatus, int]:
    """How many of the event's registrations are in each status (every status present)."""
    rows = db.session.execute(
        sa.select(Registration.status, sa.func.count())
        .where(Registration.event_id == event.id, registration_service.reaches_desk())
        .group_by(Registration.status)
    )
    counts = dict.fromkeys(Status, 0)
    counts.update({status: count for status, count in rows})
    return counts


@dataclass(frozen=True)
class TypePlaces:
    name: str
    approved: int
    capacity: int | None  # None: no quota of its own


def type_places(event: Event) -> list[TypePlaces]:
    """Each participant type's approved delegates and quota, in the event's order."""
    approved = dict(
        db.session.execute(
            sa.select(Registration.participant_type_id, sa.func.count())
            .where(Registration.event_id == event.id, Registration.status == Status.APPROVED)
            .group_by(Registration.participant_type_id)
        ).all()
    )
    return [
        TypePlaces(t.label(), approved.get(t.id, 0), t.capacity) for t in event.participant_types
    ]


def registration_countries(event: Event) -> list[str]:
    """The ISO codes of the countries the event's delegates come from."""
    return list(
        db.session.scalars(
            sa.select(Organisation.country)
            .join(Registration, Registration.organisation_id == Organisation.id)
            .where(Registration.event_id == event.id, registration_service.reaches_desk())
            .distinct()
            .order_by(Organisation.country)
        )
    )


def registrations_by_ids(event: Event, ids: Iterable[int]) -> list[Registration]:
    """This event's registrations among `ids`, oldest first; other events' ids are dropped."""
    wanted = {int(i) for i in ids}
    if not wanted:
        return []
    return list(
        db.session.scalars(
            sa.select(Registration)
            .where(
                Registration.event_id == event.id,
                Registration.id.in_(wanted),
                registration_service.reaches_desk(),
            )
            # the mails and the audit log name each delegate and organisation: no query each
            .options(selectinload(Registration.user), selectinload(Registration.organisation))
            .order_by(Registration.created_at, Registration.id)
        )
    )


def _waiting_ids(event: Event) -> set[int]:
    return set(
        db.session.scalars(
            sa.select(Registration.id).where(
                Registration.event_id == event.id, Registration.status == Status.WAITING
            )
        )
    )


def _now_approved(ids: set[int]) -> int:
    if not ids:
        return 0
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            Registration.id.in_(ids), Registration.status == Status.APPROVED
        )
    )


def apply_bulk_action(event: Event, action: BulkAction | str, ids: Iterable[int]) -> BulkResult:
    """Approve, reject or promote the chosen registrations of this event."""
    try:
        action = BulkAction(action)
    except ValueError:
        raise DomainError(_("Choose approve, reject or promote.")) from None
    registrations = registrations_by_ids(event, ids)
    result = BulkResult()
    if action == BulkAction.APPROVE:
        approval = registration_service.approve(event, registrations)
        result.approved, result.waiting = len(approval.approved), len(approval.waiting)
        result.unchanged = len(registrations) - result.approved - result.waiting
        result.full = dict(Counter(approval.full.values()))
    elif action == BulkAction.REJECT:
        waiting_before = _waiting_ids(event) - {r.id for r in registrations}
        rejected = registration_service.reject(event, registrations)
        result.rejected = len(rejected)
        result.unchanged = len(registrations) - len(rejected)
        result.promoted = _now_approved(waiting_before)  # places freed went to the waiting list
    else:
        for registration in registrations:
            if registration.status != Status.WAITING:
                result.unchanged += 1
                continue
            try:
                registration_service.promote(event, registration)
            except DomainError:  # refused before it changed anything: the others go on
                result.no_place += 1
            else:
                result.promoted += 1
    return result


# --- Settings -----------------------------------------------------------------------------


@dataclass
class RegistrationSettings:
    """The desk settings as the organizer typed them: wall-clock times in the event's zone."""

    opens_at: datetime | None = None  # naive, local
    closes_at: datetime | None = None  # naive, local
    capacity: int | None = None
    auto_promote: bool = True
    fold: int | None = None  # which of two equal wall times, on the night clocks go back


def _local_instant(event: Event, wall: datetime, fold: int | None, field_name: str) -> datetime:
    try:
        return to_utc(wall.date(), wall.time(), event.tz, fold)
    except NonExistentTimeError:
        message = _(
            "%(time)s does not exist on %(date)s in %(zone)s: clocks move forward that night. "
            "Choose another time.",
            time=wall.strftime("%H:%M"),
            date=format_date(wall.date()),
            zone=event.timezone,
        )
    except AmbiguousTimeError:
        message = _(
            "%(time)s happens twice on %(date)s in %(zone)s because clocks go back that night. "
            "Say which one you mean under “Repeated hour”.",
            time=wall.strftime("%H:%M"),
            date=format_date(wall.date()),
            zone=event.timezone,
        )
    raise DomainError(message, field_name)


def adds_places(old: int | None, new: int | None) -> bool:
    if old is None:
        return False
    return new is None or new > old


def approved_count(event: Event, participant_type: ParticipantType | None = None) -> int:
    """Approved delegates of the event, or of one of its participant types."""
    query = sa.select(sa.func.count()).where(
        Registration.event_id == event.id, Registration.status == Status.APPROVED
    )
    if participant_type is not None:
        query = query.where(Registration.participant_type_id == participant_type.id)
    return db.session.scalar(query)


def save_settings(event: Event, data: RegistrationSettings) -> list[Registration]:
    """Save dates, capacity and auto-promotion; return who was promoted into new places."""
    errors: dict[str, list[str]] = {}
    instants: dict[str, datetime | None] = {"opens_at": None, "closes_at": None}
    for name in instants:
        wall = getattr(data, name)
        if wall is None:
            continue
        try:
            instants[name] = _local_instant(event, wall, data.fold, name)
        except DomainError as error:
            errors.update(error.errors)
    opens, closes = instants["opens_at"], instants["closes_at"]
    if opens is not None and closes is not None and closes <= opens:
        errors.setdefault("closes_at", []).append(_("Registration must close after it opens."))
    if data.capacity is not None and data.capacity < 0:
        errors.setdefault("capacity", []).append(_("The capacity cannot be negative."))
    if errors:
        raise DomainError(errors)
    more_places = adds_places(event.capacity, data.capacity) or (
        data.auto_promote and not event.auto_promote
    )
    event.registration_opens_at, event.registration_closes_at = opens, closes
    event.capacity, event.auto_promote = data.capacity, data.auto_promote
    db.session.flush()
    if event.auto_promote and more_places:
        return registration_service.promote_waiting(event)
    return []
