"""Who is coming: the approved delegates of an event, searchable by the others."""

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from forum.accounts.models import User
from forum.core.text_search import all_words, folded
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    Organisation,
    OrganisationType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)


@dataclass
class DirectoryQuery:
    text: str = ""
    organisation_type: OrganisationType | None = None
    country: str = ""
    tag_id: int | None = None
    language: str = ""


_LOOK_IT_UP = object()


def may_browse(event: Event, user, registration=_LOOK_IT_UP) -> bool:
    """Organizers, and delegates whose registration for this event is approved. A view that
    has the user's own registration already (forum.web.access.my_registration, which the
    menu uses too) passes it in: one query fewer."""
    if not user.is_authenticated:
        return False
    if user.is_organizer_of(event):
        return True
    if registration is not _LOOK_IT_UP:
        return registration is not None and registration.is_approved
    return (
        db.session.scalar(
            sa.select(sa.func.count(Registration.id)).where(
                Registration.event_id == event.id,
                Registration.user_id == user.id,
                Registration.status == RegistrationStatus.APPROVED,
            )
        )
        > 0
    )


def _listed(event: Event) -> sa.Select:
    """The event's approved delegates, joined to their account and organisation."""
    return (
        sa.select(Registration)
        .join(User, Registration.user_id == User.id)
        .outerjoin(Organisation, Registration.organisation_id == Organisation.id)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.APPROVED,
            # People whose data was erased on request are left out of the directory.
            Registration.erased_at.is_(None),
            User.erased_at.is_(None),
        )
    )


# Where a word of the search may be found: who, where from, what they offer and seek.
SEARCHED = (
    User.name,
    Organisation.name,
    Organisation.region,
    Registration.offers,
    Registration.seeks,
    Registration.job_title,
)


def search_query(event: Event, query: DirectoryQuery) -> sa.Select:
    """Approved delegates matching every filter given (each word of the text somewhere), by
    name, with what the directory shows loaded in a fixed number of queries."""
    statement = _listed(event).options(
        contains_eager(Registration.user),
        contains_eager(Registration.organisation),
        selectinload(Registration.tag_links).selectinload(RegistrationTag.tag),
    )
    return _matching(statement, query).order_by(*_BY_NAME)


# by name as people read it: "Ángel" among the a's, on SQLite and PostgreSQL alike
_BY_NAME = (folded(User.name), Registration.id)


def _matching(statement: sa.Select, query: DirectoryQuery) -> sa.Select:
    """The statement narrowed to the delegates matching every filter of the query."""
    statement = statement.where(all_words(SEARCHED, query.text))
    if query.organisation_type is not None:
        statement = statement.where(Organisation.type == query.organisation_type)
    if query.country:
        statement = statement.where(Organisation.country == query.country)
    if query.tag_id is not None:
        tagged = sa.select(RegistrationTag.registration_id).where(
            RegistrationTag.tag_id == query.tag_id
        )
        statement = statement.where(Registration.id.in_(tagged))
    if query.language:
        # spoken_languages is a comma list: match whole codes only
        padded = sa.literal(",") + Registration.spoken_languages + sa.literal(",")
        statement = statement.where(padded.like(f"%,{query.language},%"))
    return statement


@dataclass(frozen=True)
class ListedDelegate:
    """What a directory row shows of a delegate: plain values, no ORM object to hydrate."""

    id: int
    name: str
    job_title: str | None
    organisation_name: str | None  # None: no organisation
    organisation_type: OrganisationType | None
    country: str | None
    region: str | None
    # the ids of the SECTOR tags: the page names them from the event's tags (tag_names)
    sector_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DirectoryPage:
    """One page of the directory: its delegates, the page number and the total found."""

    items: list[ListedDelegate]
    page: int
    per_page: int
    total: int


_ROW_COLUMNS = (
    Registration.id.label("id"),
    User.name.label("name"),
    Registration.job_title.label("job_title"),
    Organisation.id.label("organisation_id"),
    Organisation.name.label("organisation_name"),
    Organisation.type.label("organisation_type"),
    Organisation.country.label("country"),
    Organisation.region.label("region"),
    # the number of delegates found, on every row: no separate count query
    sa.func.count().over().label("total"),
    folded(User.name).label("sort_name"),
)


def directory_page(event: Event, query: DirectoryQuery, page: int, per_page: int) -> DirectoryPage:
    """One page of the delegates matching `query`, by name, with their sector tags' ids, in
    one query (a page past the end: the last page, two queries more). Same rows and order as
    search_query, without loading ORM objects."""
    found = _matching(
        _listed(event).with_only_columns(*_ROW_COLUMNS, maintain_column_froms=True), query
    ).order_by(*_BY_NAME)
    rows = _page_rows(found, page, per_page)
    total = rows[0].total if rows else 0
    if not rows and page > 1:
        total = db.session.scalar(
            _matching(
                _listed(event).with_only_columns(
                    sa.func.count(Registration.id), maintain_column_froms=True
                ),
                query,
            )
        )
        last = max(1, -(-total // per_page))
        if last < page and total:
            page = last
            rows = _page_rows(found, page, per_page)
    items = [
        ListedDelegate(
            id=row.id,
            name=row.name,
            job_title=row.job_title,
            organisation_name=row.organisation_name if row.organisation_id is not None else None,
            organisation_type=row.organisation_type,
            country=row.country,
            region=row.region,
            sector_ids=tuple(int(i) for i in row.sector_ids.split(",")) if row.sector_ids else (),
        )
        for row in rows
    ]
    return DirectoryPage(items=items, page=page, per_page=per_page, total=total)


def _page_rows(found: sa.Select, page: int, per_page: int) -> list:
    """The page's rows of `found`, each with its SECTOR tags' ids as "3,7" (aggregated for
    the page's rows only, in the same round trip), in the order of `found`."""
    shown = found.limit(per_page).offset((page - 1) * per_page).subquery()
    sector_ids = (
        sa.select(sa.func.aggregate_strings(sa.cast(RegistrationTag.tag_id, sa.String), ","))
        .where(
            RegistrationTag.registration_id == shown.c.id,
            RegistrationTag.role == TagRole.SECTOR,
        )
        .scalar_subquery()
        .label("sector_ids")
    )
    columns = [column for column in shown.c if column.key != "sort_name"]
    return db.session.execute(
        sa.select(*columns, sector_ids).order_by(shown.c.sort_name, shown.c.id)
    ).all()


def countries(event: Event) -> list[str]:
    """The countries of the listed delegates' organisations, for the filter (one grouped query)."""
    statement = (
        _listed(event)
        .with_only_columns(Organisation.country, maintain_column_froms=True)
        .where(Organisation.country.is_not(None), Organisation.country != "")
        .group_by(Organisation.country)
        .order_by(Organisation.country)
    )
    return list(db.session.scalars(statement))


def tag_names(event: Event) -> list[tuple[int, str, str]]:
    """The event's tags as (id, name_es, name_en), by Spanish name, without Tag objects."""
    return _tag_names(Tag.event_id == event.id)


def tags_named(tag_ids: Iterable[int]) -> list[tuple[int, str, str]]:
    """Some tags as (id, name_es, name_en): a delegate's tag of another event (none should)."""
    return _tag_names(Tag.id.in_(list(tag_ids)))


def _tag_names(condition) -> list[tuple[int, str, str]]:
    statement = sa.select(Tag.id, Tag.name_es, Tag.name_en).where(condition)
    return [tuple(row) for row in db.session.execute(statement.order_by(Tag.name_es))]


def listed_delegate(event: Event, registration_id: int) -> Registration | None:
    """An approved delegate of the event with what a profile shows (account, organisation,
    type, tags) in one query; None if there is none. One row per tag at most: a join costs
    less than the round trip of each extra query (five were one each)."""
    return (
        db.session.execute(
            sa.select(Registration)
            .where(
                Registration.id == registration_id,
                Registration.event_id == event.id,
                Registration.status == RegistrationStatus.APPROVED,
            )
            .options(
                joinedload(Registration.user),
                joinedload(Registration.organisation),
                joinedload(Registration.participant_type),
                joinedload(Registration.tag_links).joinedload(RegistrationTag.tag),
            )
        )
        .unique()
        .scalar_one_or_none()
    )


def organisation_delegates(
    event_id: int, organisation_id: int, exclude: Iterable[int] = ()
) -> list[Registration]:
    """The approved delegates of one organisation at the event, by name, without `exclude`."""
    return db.session.scalars(
        sa.select(Registration)
        .join(User, Registration.user_id == User.id)
        .where(
            Registration.event_id == event_id,
            Registration.organisation_id == organisation_id,
            Registration.status == RegistrationStatus.APPROVED,
            Registration.id.not_in(list(exclude)),
        )
        .order_by(sa.func.lower(User.name), Registration.id)
    ).all()
