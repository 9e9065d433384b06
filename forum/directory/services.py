"""Who is coming: the approved delegates of an event, searchable by the others."""

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from forum.accounts.models import User
from forum.core.text_search import contains
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    Organisation,
    OrganisationType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
)


@dataclass
class DirectoryQuery:
    text: str = ""
    organisation_type: OrganisationType | None = None
    country: str = ""
    tag_id: int | None = None
    language: str = ""


def may_browse(event: Event, user) -> bool:
    """Organizers, and delegates whose registration for this event is approved."""
    if not user.is_authenticated:
        return False
    if user.is_organizer_of(event):
        return True
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


def search(event: Event, query: DirectoryQuery) -> list[Registration]:
    """Approved delegates matching every filter given, by name."""
    statement = (
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
        .order_by(sa.func.lower(User.name), Registration.id)
    )
    if query.text.strip():
        text = query.text.strip()
        columns = (
            User.name,
            Organisation.name,
            Registration.offers,
            Registration.seeks,
            Registration.job_title,
        )
        statement = statement.where(sa.or_(*(contains(c, text) for c in columns)))
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
    return db.session.scalars(statement).all()


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
