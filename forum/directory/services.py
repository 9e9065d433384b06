"""Who is coming: the approved delegates of an event, searchable by the others."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

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
)


@dataclass(frozen=True)
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


def listed(event_id: int) -> sa.Select:
    """The event's approved delegates, joined to their account and organisation."""
    return (
        sa.select(Registration)
        .join(User, Registration.user_id == User.id)
        .outerjoin(Organisation, Registration.organisation_id == Organisation.id)
        .where(
            Registration.event_id == event_id,
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
    statement = listed(event.id).options(
        contains_eager(Registration.user),
        contains_eager(Registration.organisation),
        selectinload(Registration.tag_links).selectinload(RegistrationTag.tag),
    )
    return matching(statement, query).order_by(*BY_NAME)


# by name as people read it: "Ángel" among the a's, on SQLite and PostgreSQL alike
BY_NAME = (folded(User.name), Registration.id)


def matching(statement: sa.Select, query: DirectoryQuery) -> sa.Select:
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


def listed_delegate(event: Event, registration_id: int) -> Registration | None:
    """An approved delegate of the event with what a profile shows (account, organisation,
    type, tags) in one query; None if there is none. One row per tag at most: a join costs
    less than the round trip of each extra query (five were one each)."""
    return (
        db.session.execute(
            _listed_delegate(), {"registration_id": registration_id, "event_id": event.id}
        )
        .unique()
        .scalar_one_or_none()
    )


@cache
def _listed_delegate() -> sa.Select:
    """Built once (its four eager loads cost more to build than to run), at the first
    request, not at import: eager loads need every model mapped."""
    return (
        sa.select(Registration)
        .where(
            Registration.id == sa.bindparam("registration_id"),
            Registration.event_id == sa.bindparam("event_id"),
            Registration.status == RegistrationStatus.APPROVED,
        )
        .options(
            joinedload(Registration.user),
            joinedload(Registration.organisation),
            joinedload(Registration.participant_type),
            joinedload(Registration.tag_links).joinedload(RegistrationTag.tag),
        )
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
