"""Who may be recommended to a delegate, found by the database instead of by scoring everyone.

One query gives, for each approved delegate of the event with something in common with the
viewer, the most points matchmaking.score could give them (a ceiling: shared tags counted
exactly through the registration_tags (tag_id, role) index, financing and government points as
if every condition held). Only those are candidates; recommend() scores them best ceiling first,
a chunk at a time, and stops once no ceiling left can beat the last place it keeps. The ranking
is the same as scoring every delegate; the work grows with the few it scores, not the event.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.core.text_search import plain
from forum.extensions import db
from forum.registration.models import (
    Organisation,
    OrganisationType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    TagRole,
)

# Producers or companies: the side a regional government is recommended to (and back).
PRODUCERS = (OrganisationType.PRODUCER_ORGANISATION, OrganisationType.COMPANY)


@dataclass(frozen=True)
class Candidate:
    registration_id: int
    ceiling: int
    name: str

    @property
    def best_key(self) -> tuple:
        """The best place it could take: matchmaking's order with the ceiling as its score."""
        return (-self.ceiling, plain(self.name), self.name, self.registration_id)


@dataclass(frozen=True)
class Points:
    complement: int
    sector: int
    financing: int
    regional: int
    national: int


def _tag_ids(me: Registration, role: TagRole) -> list[int]:
    return [link.tag_id for link in me.tag_links if link.role == role]


def _tag_points(me: Registration, points: Points, investor: bool) -> sa.Subquery:
    """Per delegate of the event: the points of the tags they share with `me` (exact), and
    whether they seek anything by tag (an investor's financing signal). Reads only the rows of
    `me`'s tags (and, for an investor, the seek rows) through the (tag_id, role) index."""
    seeks, offers, sectors = (
        _tag_ids(me, TagRole.SEEK),
        _tag_ids(me, TagRole.OFFER),
        _tag_ids(me, TagRole.SECTOR),
    )
    link = RegistrationTag
    shared = (
        ((link.role == TagRole.OFFER) & link.tag_id.in_(seeks), points.complement),
        ((link.role == TagRole.SEEK) & link.tag_id.in_(offers), points.complement),
        ((link.role == TagRole.SECTOR) & link.tag_id.in_(sectors), points.sector),
    )
    wanted = sa.or_(*(condition for condition, _points in shared))
    if investor:
        wanted = sa.or_(wanted, link.role == TagRole.SEEK)
    return (
        sa.select(
            link.registration_id.label("registration_id"),
            sa.func.sum(sa.case(*shared, else_=0)).label("points"),
            sa.func.max(sa.case((link.role == TagRole.SEEK, 1), else_=0)).label("seeks"),
        )
        .join(Registration, Registration.id == link.registration_id)
        .where(Registration.event_id == me.event_id, wanted)
        .group_by(link.registration_id)
        .subquery()
    )


def _government_ceiling(me: Registration, points: Points):
    """At most what _government gives: same country, and a producer with a regional government
    (either way) or anyone with a national government body (either way)."""
    mine = me.organisation.type if me.organisation else None
    if mine is None:
        return sa.literal(0)
    theirs = Organisation.type
    same_country = Organisation.country == me.organisation.country
    if mine in PRODUCERS:
        regional = theirs == OrganisationType.REGIONAL_GOVERNMENT
    elif mine == OrganisationType.REGIONAL_GOVERNMENT:
        regional = theirs.in_(PRODUCERS)
    else:
        regional = sa.false()
    if mine == OrganisationType.NATIONAL_GOVERNMENT:
        national = theirs != OrganisationType.NATIONAL_GOVERNMENT
    else:
        national = theirs == OrganisationType.NATIONAL_GOVERNMENT
    return sa.case(
        (same_country & regional, points.regional),
        (same_country & national, points.national),
        else_=0,
    )


def candidates(me: Registration, points: Points, seeks_financing: bool) -> list[Candidate]:
    """The approved delegates (not `me`, not of `me`'s organisation) whose ceiling is above
    nothing, highest ceiling first; one query."""
    investor = me.organisation is not None and me.organisation.type == OrganisationType.INVESTOR
    tags = _tag_points(me, points, investor)
    # an investor may seek financing too: either way can give the points (_financing)
    financing = sa.literal(0)
    ways = []
    if seeks_financing:
        ways.append((Organisation.type == OrganisationType.INVESTOR, points.financing))
    if investor:
        may_seek = (Registration.seeks != "") | (sa.func.coalesce(tags.c.seeks, 0) == 1)
        ways.append((may_seek, points.financing))
    if ways:
        financing = sa.case(*ways)
    ceiling = (
        sa.func.coalesce(tags.c.points, 0)
        + sa.func.coalesce(financing, 0)
        + _government_ceiling(me, points)
    ).label("ceiling")
    statement = (
        sa.select(Registration.id, ceiling, User.name)
        .join(User, User.id == Registration.user_id)
        .outerjoin(Organisation, Organisation.id == Registration.organisation_id)
        .outerjoin(tags, tags.c.registration_id == Registration.id)
        .where(
            Registration.event_id == me.event_id,
            Registration.status == RegistrationStatus.APPROVED,
            Registration.id != me.id,
            Registration.erased_at.is_(None),  # a former delegate cannot meet anyone
        )
    )
    if me.organisation_id is not None:
        statement = statement.where(
            sa.or_(
                Registration.organisation_id.is_(None),
                Registration.organisation_id != me.organisation_id,
            )
        )
    rows = db.session.execute(statement).all()
    found = [Candidate(id_, ceiling, name) for id_, ceiling, name in rows if ceiling > 0]
    return sorted(found, key=lambda candidate: -candidate.ceiling)


def profiles(ids: list[int]) -> dict[int, Registration]:
    """The registrations to score, with what scoring reads, in a fixed number of queries."""
    rows = db.session.scalars(
        sa.select(Registration)
        .where(Registration.id.in_(ids))
        .options(
            selectinload(Registration.user),
            selectinload(Registration.organisation),
            selectinload(Registration.tag_links).selectinload(RegistrationTag.tag),
        )
    )
    return {registration.id: registration for registration in rows}
