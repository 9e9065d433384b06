"""Who takes part: the event's registrations counted by status, kind of participant and
organisation, place, gender and check-in, and day by day.

Every figure counts only the registrations that reach the desk (registration.reaches_desk:
self-registered accounts that have not confirmed their address are left out), so each number
equals the length of the desk list it links to. The breakdowns by type, organisation, place
and gender count the approved registrations (the event's participants); the status figure
counts every status. A fixed number of grouped queries, whatever the size of the event.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.labels import label
from forum.core.names import country_name, sort_key
from forum.core.timerange import to_local
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
)
from forum.registration.services.registration import reaches_desk
from forum.reports.services.counts import Count, DayCount

Status = RegistrationStatus


@dataclass(frozen=True)
class RegionCount:
    country: str  # ISO code
    region: str  # as the organisations wrote it ("" when not given)
    label: str  # "Cusco (Peru)"
    count: int


@dataclass(frozen=True)
class Participation:
    registrations: int  # every status
    by_status: tuple[Count, ...]  # every status, in the desk's order
    approved: int
    checked_in: int  # approved registrations checked in so far
    by_participant_type: tuple[Count, ...]  # the event's types in order, then "no type"
    by_organisation_type: tuple[Count, ...]  # approved; most first
    by_organisation_size: tuple[Count, ...]  # approved; micro to large, then "not given"
    by_country: tuple[Count, ...]  # approved; most first
    by_region: tuple[RegionCount, ...]  # approved; most first
    by_gender: tuple[Count, ...]  # approved; every gender, then "not given"
    over_time: tuple[DayCount, ...]  # one row per day with registrations, oldest first


def _desk(event: Event) -> sa.ColumnElement[bool]:
    return sa.and_(Registration.event_id == event.id, reaches_desk())


def _approved(event: Event) -> sa.ColumnElement[bool]:
    return sa.and_(_desk(event), Registration.status == Status.APPROVED)


def _grouped(event: Event, *columns) -> list[sa.Row]:
    """Approved registrations counted per value of `columns` (organisation columns join it)."""
    query = (
        sa.select(*columns, sa.func.count())
        .select_from(Registration)
        .outerjoin(Organisation, Registration.organisation_id == Organisation.id)
        .where(_approved(event))
        .group_by(*columns)
    )
    return db.session.execute(query).all()


def _most_first(counts: list[Count]) -> tuple[Count, ...]:
    return tuple(sorted(counts, key=lambda c: (-c.count, sort_key(c.label))))


def _not_given() -> str:
    return _("Not given")


def _statuses(event: Event) -> tuple[dict, int]:
    rows = db.session.execute(
        sa.select(
            Registration.status,
            sa.func.count(),
            sa.func.count(Registration.checked_in_at),
        )
        .where(_desk(event))
        .group_by(Registration.status)
    ).all()
    counts = {status: count for status, count, _checked in rows}
    checked_in = sum(checked for status, _count, checked in rows if status == Status.APPROVED)
    return counts, checked_in


def _by_type(event: Event) -> tuple[Count, ...]:
    counts = dict(_grouped(event, Registration.participant_type_id))
    types = db.session.scalars(
        sa.select(ParticipantType)
        .where(ParticipantType.event_id == event.id)
        .order_by(ParticipantType.position, ParticipantType.id)
    ).all()
    result = [Count(str(t.id), t.label(), counts.get(t.id, 0)) for t in types]
    if counts.get(None):
        result.append(Count("", _("No participant type"), counts[None]))
    return tuple(result)


def _by_enum(event: Event, column, members, keep_zero: bool) -> list[Count]:
    counts = dict(_grouped(event, column))
    result = [
        Count(member.value, str(label(member)), counts.get(member, 0))
        for member in members
        if keep_zero or counts.get(member)
    ]
    if counts.get(None):
        result.append(Count("", _not_given(), counts[None]))
    return result


def _places(event: Event) -> tuple[tuple[Count, ...], tuple[RegionCount, ...]]:
    rows = _grouped(event, Organisation.country, Organisation.region)
    countries: Counter[str] = Counter()
    regions = []
    for country, region, count in rows:
        countries[country or ""] += count
        name = country_name(country) if country else _not_given()
        region = (region or "").strip()
        region_label = f"{region} ({name})" if region else f"{_not_given()} ({name})"
        regions.append(RegionCount(country or "", region, region_label, count))
    by_country = [
        Count(code, country_name(code) if code else _not_given(), count)
        for code, count in countries.items()
    ]
    by_region = sorted(regions, key=lambda r: (-r.count, sort_key(r.label)))
    return _most_first(by_country), tuple(by_region)


def _utc_hour(column) -> sa.ColumnElement[str]:
    """The instant's UTC hour as text, "2023-09-01 12", on SQLite and PostgreSQL alike."""
    if db.session.get_bind().dialect.name == "postgresql":
        return sa.func.to_char(sa.func.timezone("UTC", column), "YYYY-MM-DD HH24")
    return sa.func.substr(column, 1, 13)  # SQLite keeps "2023-09-01 12:00:00.000000"


def _over_time(event: Event) -> tuple[DayCount, ...]:
    """Per day in the event's zone: the registrations made, and how many of them are approved.
    The database counts them per UTC hour (a few hundred rows at most, whatever the number of
    delegates); each hour then falls on its day in the event's zone (exact for zones a whole
    number of hours from UTC, as every zone of the Americas and Europe is)."""
    hour = _utc_hour(Registration.created_at).label("hour")
    approved_count = sa.func.sum(sa.case((Registration.status == Status.APPROVED, 1), else_=0))
    rows = db.session.execute(
        sa.select(hour, sa.func.count(), approved_count).where(_desk(event)).group_by(hour)
    ).all()
    registered: Counter = Counter()
    approved: Counter = Counter()
    for text, count, approved_here in rows:
        instant = datetime.strptime(text, "%Y-%m-%d %H").replace(tzinfo=UTC)
        day = to_local(instant, event.tz).date()
        registered[day] += count
        approved[day] += approved_here or 0
    return tuple(DayCount(day, registered[day], approved[day]) for day in sorted(registered))


def participation(event: Event) -> Participation:
    """The event's participation figures (8 queries)."""
    statuses, checked_in = _statuses(event)
    by_country, by_region = _places(event)
    return Participation(
        registrations=sum(statuses.values()),
        by_status=tuple(
            Count(status.value, str(label(status)), statuses.get(status, 0)) for status in Status
        ),
        approved=statuses.get(Status.APPROVED, 0),
        checked_in=checked_in,
        by_participant_type=_by_type(event),
        by_organisation_type=_most_first(
            _by_enum(event, Organisation.type, OrganisationType, keep_zero=False)
        ),
        by_organisation_size=tuple(
            _by_enum(event, Organisation.size, OrganisationSize, keep_zero=True)
        ),
        by_country=by_country,
        by_region=by_region,
        by_gender=tuple(_by_enum(event, Registration.gender, Gender, keep_zero=True)),
        over_time=_over_time(event),
    )
