"""Recommendations: whom a delegate should meet, ranked, each with the reasons in words.

Pure scoring over the profiles of an event's approved delegates; deterministic (ties go by
name, then id) so that the same profiles always give the same list.
"""

import re
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

import sqlalchemy as sa
from flask_babel import format_decimal
from flask_babel import gettext as _

from forum.core.names import country_name
from forum.core.text_search import plain
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingRequest,
    MeetingStatus,
    RequestStatus,
)
from forum.meetings.services.match_candidates import PRODUCERS, Points, candidates, profiles
from forum.meetings.services.requests import kind_allowed, meeting_kind
from forum.registration.models import (
    OrganisationType,
    Registration,
    Tag,
    TagRole,
)

# Points per signal; the penalty outweighs one shared sector but not a real complement.
COMPLEMENT_POINTS = 10  # per tag one side seeks and the other offers
SECTOR_POINTS = 4  # per shared sector or value chain
FINANCING_POINTS = 8  # an investor meets someone who seeks financing
REGIONAL_POINTS = 8  # producers or companies and the government of their region
NATIONAL_POINTS = 3  # a national government body and anyone of its country
NO_LANGUAGE_PENALTY = -15
# Requests in these states mean "already asked": no need to recommend them again.
SETTLED = (RequestStatus.PENDING, RequestStatus.ACCEPTED, RequestStatus.DECLINED)
# Words (accents removed, lower case) that say a delegate is looking for money.
FINANCING_WORDS = re.compile(r"financ|credit|inversion|invest|prestamo|loan")


@dataclass
class Recommendation:
    registration: Registration
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: int, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)


def _tags(registration: Registration, role: TagRole) -> dict[int, Tag]:
    return {link.tag_id: link.tag for link in registration.tag_links if link.role == role}


def _shared(mine: dict[int, Tag], theirs: dict[int, Tag]) -> list[Tag]:
    return [mine[tag_id] for tag_id in mine.keys() & theirs.keys()]


def _listed(tags: list[Tag]) -> str:
    """The tags' names in the reader's language, alphabetical."""
    names = (tag.label() for tag in tags)
    return ", ".join(sorted(names, key=lambda name: (plain(name), name)))


def seeks_financing(registration: Registration) -> bool:
    """A seek tag (in either language) or the free 'seeks' text mentions financing, credit or
    investment."""
    tags = _tags(registration, TagRole.SEEK).values()
    texts = [registration.seeks, *(name for tag in tags for name in tag.names())]
    return any(FINANCING_WORDS.search(plain(text)) for text in texts)


def _org_type(registration: Registration) -> OrganisationType | None:
    return registration.organisation.type if registration.organisation else None


def ticket_range(registration: Registration) -> str:
    """'USD 200,000–2,000,000', 'from USD 200,000', 'up to USD 2,000,000' or ''."""
    low, high = registration.ticket_min, registration.ticket_max
    currency = registration.ticket_currency
    if low is not None and high is not None:
        return f"{currency} {format_decimal(low)}–{format_decimal(high)}"
    if low is not None:
        return _("from %(currency)s %(amount)s", currency=currency, amount=format_decimal(low))
    if high is not None:
        return _("up to %(currency)s %(amount)s", currency=currency, amount=format_decimal(high))
    return ""


def _complements(rec: Recommendation, me: Registration, them: Registration) -> None:
    mine = _shared(_tags(me, TagRole.SEEK), _tags(them, TagRole.OFFER))
    if mine:
        tags = _listed(mine)
        rec.add(
            COMPLEMENT_POINTS * len(mine),
            _("You seek %(tags)s; they offer %(tags)s", tags=tags),
        )
    theirs = _shared(_tags(me, TagRole.OFFER), _tags(them, TagRole.SEEK))
    if theirs:
        tags = _listed(theirs)
        rec.add(
            COMPLEMENT_POINTS * len(theirs),
            _("They seek %(tags)s; you offer %(tags)s", tags=tags),
        )


def _sectors(rec: Recommendation, me: Registration, them: Registration) -> None:
    shared = _shared(_tags(me, TagRole.SECTOR), _tags(them, TagRole.SECTOR))
    if shared:
        rec.add(SECTOR_POINTS * len(shared), _("You both work in %(tags)s", tags=_listed(shared)))


def _financing(rec: Recommendation, me: Registration, them: Registration) -> None:
    if _org_type(them) == OrganisationType.INVESTOR and seeks_financing(me):
        tickets = ticket_range(them)
        rec.add(
            FINANCING_POINTS,
            _("You seek financing; they invest %(range)s per deal", range=tickets)
            if tickets
            else _("You seek financing; they are investors"),
        )
    elif _org_type(me) == OrganisationType.INVESTOR and seeks_financing(them):
        tickets = ticket_range(me)
        rec.add(
            FINANCING_POINTS,
            _("They seek financing; you invest %(range)s per deal", range=tickets)
            if tickets
            else _("They seek financing; you are investors"),
        )


def _same_region(a: Registration, b: Registration) -> bool:
    oa, ob = a.organisation, b.organisation
    return bool(oa.region) and (oa.country, plain(oa.region)) == (ob.country, plain(ob.region))


def _government(rec: Recommendation, me: Registration, them: Registration) -> None:
    mine, theirs = _org_type(me), _org_type(them)
    if mine is None or theirs is None:
        return
    region, country = them.organisation.region, them.organisation.country
    if mine in PRODUCERS and theirs == OrganisationType.REGIONAL_GOVERNMENT:
        if _same_region(me, them):
            rec.add(
                REGIONAL_POINTS,
                _("They are the regional government of %(region)s, where you work", region=region),
            )
    elif mine == OrganisationType.REGIONAL_GOVERNMENT and theirs in PRODUCERS:
        if _same_region(me, them):
            rec.add(REGIONAL_POINTS, _("They work in %(region)s, your region", region=region))
    elif me.organisation.country != country:
        return
    elif theirs == OrganisationType.NATIONAL_GOVERNMENT and mine != theirs:
        rec.add(
            NATIONAL_POINTS,
            _("They are a national government body of %(country)s", country=country_name(country)),
        )
    elif mine == OrganisationType.NATIONAL_GOVERNMENT and theirs != mine:
        rec.add(NATIONAL_POINTS, _("They are based in %(country)s", country=country_name(country)))


def _languages(rec: Recommendation, me: Registration, them: Registration) -> None:
    if me.languages and them.languages and not set(me.languages) & set(them.languages):
        rec.add(NO_LANGUAGE_PENALTY, _("No language in common"))


SIGNALS = (_complements, _sectors, _financing, _government, _languages)


def score(me: Registration, them: Registration) -> Recommendation:
    """How well `them` fits `me`, with one reason per signal that counted."""
    rec = Recommendation(registration=them)
    for signal in SIGNALS:
        signal(rec, me, them)
    return rec


def already_in_touch(registration: Registration) -> set[int]:
    """Delegates this one has asked, been asked by (still open or declined), or meets."""
    requests = db.session.execute(
        sa.select(MeetingRequest.requester_id, MeetingRequest.recipient_id).where(
            sa.or_(
                MeetingRequest.requester_id == registration.id,
                MeetingRequest.recipient_id == registration.id,
            ),
            MeetingRequest.status.in_(SETTLED),
        )
    )
    mine = sa.select(MeetingParticipant.meeting_id).where(
        MeetingParticipant.registration_id == registration.id
    )
    met = db.session.scalars(
        sa.select(MeetingParticipant.registration_id)
        .join(Meeting, MeetingParticipant.meeting_id == Meeting.id)
        .where(Meeting.id.in_(mine), Meeting.status != MeetingStatus.CANCELLED)
    )
    return ({i for pair in requests for i in pair} | set(met)) - {registration.id}


POINTS = Points(
    complement=COMPLEMENT_POINTS,
    sector=SECTOR_POINTS,
    financing=FINANCING_POINTS,
    regional=REGIONAL_POINTS,
    national=NATIONAL_POINTS,
)
# Profiles scored per query: most viewers' list is settled by the first chunk.
CHUNK = 60


def _name_key(rec: Recommendation) -> tuple:
    name = rec.registration.user.name
    return (-rec.score, plain(name), name, rec.registration.id)


def recommend(registration: Registration, limit: int = 20) -> list[Recommendation]:
    """The best matches among the other approved delegates, best first, with reasons.

    Scores only the candidates the database finds (match_candidates), best ceiling first, and
    stops when the next one's best possible place is behind the last of `limit` kept: the same
    list as scoring every delegate."""
    event = registration.event
    excluded = already_in_touch(registration)
    found = [
        c
        for c in candidates(registration, POINTS, seeks_financing(registration))
        if c.registration_id not in excluded
    ]
    results: list[Recommendation] = []
    pending: list = []

    def beaten(candidate) -> bool:
        """Whether even its ceiling would leave it behind the last place kept."""
        return len(results) >= limit and candidate.best_key > _name_key(results[limit - 1])

    def score_pending() -> None:
        nonlocal results
        loaded = profiles([c.registration_id for c in pending])
        for candidate in pending:
            other = loaded[candidate.registration_id]
            if not kind_allowed(event, meeting_kind(registration, other)):
                continue
            rec = score(registration, other)
            if rec.score > 0:
                results.append(rec)
        results = sorted(results, key=_name_key)[:limit]
        pending.clear()

    # By ceiling, then by name within one ceiling (names folded only in the groups reached);
    # scored CHUNK at a time across groups, so that most lists take one load.
    for _ceiling, same in groupby(found, key=attrgetter("ceiling")):
        for candidate in sorted(same, key=attrgetter("best_key")):
            if not pending and beaten(candidate):
                return results
            pending.append(candidate)
            if len(pending) >= CHUNK:
                score_pending()
    if pending:
        score_pending()
    return results
