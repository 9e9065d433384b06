"""The directory page's data as plain values, in as few statements as it allows.

One statement reads a page of delegates with the number found (a window count) and each
delegate's SECTOR tags' ids (aggregated for that page's rows only); one more reads the
filters' options (the event's tags and its delegates' countries). The statements themselves
are built once per event and filters (a search's words make a long expression) and reused:
a statement is an immutable description of SQL, with no row of data in it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import sqlalchemy as sa

from forum.accounts.models import User
from forum.core.text_search import folded
from forum.directory.services import BY_NAME, DirectoryQuery, listed, matching
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    Organisation,
    OrganisationType,
    Registration,
    RegistrationTag,
    Tag,
    TagRole,
)

STATEMENTS_KEPT = 256  # pages of searches whose statement a worker keeps built


class ListedDelegate(NamedTuple):
    """What a directory row shows of a delegate: plain values, no ORM object to hydrate (a
    tuple: fifty of them cost a tenth of what fifty frozen dataclasses did)."""

    id: int
    name: str
    job_title: str | None
    organisation_name: str | None  # None: no organisation
    organisation_type: OrganisationType | None
    country: str | None
    region: str | None
    # the ids of the SECTOR tags: the page names them from the event's tags (filter_options)
    sector_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DirectoryPage:
    """One page of the directory: its delegates, the page number and the total found."""

    items: list[ListedDelegate]
    page: int
    per_page: int
    total: int


@dataclass(frozen=True)
class FilterOptions:
    tags: list[tuple[int, str, str]]  # (id, name_es, name_en) by Spanish name
    countries: list[str]  # the listed delegates' organisations' countries, by code


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
    """One page of the delegates matching `query`, by name (the rows and order of
    services.search_query), in one statement; a page past the end shows the last page (two
    statements more)."""
    rows = db.session.execute(_page_statement(event.id, query, page, per_page)).all()
    total = rows[0].total if rows else 0
    if not rows and page > 1:
        total = db.session.scalar(_count_statement(event.id, query))
        last = max(1, -(-total // per_page))
        if last < page and total:
            page = last
            rows = db.session.execute(_page_statement(event.id, query, page, per_page)).all()
    items = [
        ListedDelegate(
            id_,
            name,
            job_title,
            organisation_name if organisation_id is not None else None,
            organisation_type,
            country,
            region,
            _ids(sector_ids),
        )  # fmt: skip
        for (
            id_,
            name,
            job_title,
            organisation_id,
            organisation_name,
            organisation_type,
            country,
            region,
            _total,
            sector_ids,
        ) in rows  # fmt: skip
    ]
    return DirectoryPage(items=items, page=page, per_page=per_page, total=total)


def _ids(joined: str | None) -> tuple[int, ...]:
    return tuple(map(int, joined.split(","))) if joined else ()


@lru_cache(maxsize=STATEMENTS_KEPT)
def _page_statement(event_id: int, query: DirectoryQuery, page: int, per_page: int) -> sa.Select:
    found = matching(
        listed(event_id).with_only_columns(*_ROW_COLUMNS, maintain_column_froms=True), query
    ).order_by(*BY_NAME)
    shown = found.limit(per_page).offset((page - 1) * per_page).subquery()
    # each shown delegate's SECTOR tags' ids as "3,7": for the page's rows only
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
    return sa.select(*columns, sector_ids).order_by(shown.c.sort_name, shown.c.id)


@lru_cache(maxsize=STATEMENTS_KEPT)
def _count_statement(event_id: int, query: DirectoryQuery) -> sa.Select:
    counted = sa.func.count(Registration.id)
    return matching(listed(event_id).with_only_columns(counted, maintain_column_froms=True), query)


def filter_options(event: Event) -> FilterOptions:
    """The event's tags and its listed delegates' countries, in one statement."""
    tags, countries = [], []
    for kind, tag_id, name, name_en in db.session.execute(_options_statement(event.id)):
        if kind == "tag":
            tags.append((tag_id, name, name_en))
        else:
            countries.append(name)
    return FilterOptions(tags=tags, countries=countries)


@lru_cache(maxsize=STATEMENTS_KEPT)
def _options_statement(event_id: int) -> sa.CompoundSelect:
    tags = sa.select(
        sa.literal("tag").label("kind"),
        Tag.id.label("id"),
        Tag.name_es.label("name"),
        Tag.name_en.label("name_en"),
    ).where(Tag.event_id == event_id)
    countries = (
        listed(event_id)
        .with_only_columns(
            sa.literal("country"),
            sa.null(),
            Organisation.country,
            sa.literal(""),
            maintain_column_froms=True,
        )
        .where(Organisation.country.is_not(None), Organisation.country != "")
        .group_by(Organisation.country)
    )
    return sa.union_all(tags, countries).order_by(sa.column("kind"), sa.column("name"))


def tags_named(tag_ids: Iterable[int]) -> list[tuple[int, str, str]]:
    """Some tags as (id, name_es, name_en): a delegate's tag of another event (none should)."""
    statement = sa.select(Tag.id, Tag.name_es, Tag.name_en).where(Tag.id.in_(list(tag_ids)))
    return [tuple(row) for row in db.session.execute(statement)]
