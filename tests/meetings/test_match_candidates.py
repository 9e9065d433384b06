"""Recommendations from the candidates the database finds give the very list that scoring
every approved delegate gives: the same people, scores, reasons and order, for viewers of
every kind (investors, producers, governments, seekers of financing, with and without tags
in common), and a viewer in touch with everyone gets none."""

import random

import sqlalchemy as sa

from forum.extensions import db
from forum.meetings.models import MeetingKind, MeetingRequest, RequestStatus
from forum.meetings.services import matchmaking
from forum.meetings.services.requests import kind_allowed, meeting_kind
from forum.registration.models import (
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)
from tests.factories import create_event
from tests.reports.bulk import grow


def _varied_profiles(event, seed: int = 1) -> None:
    """Seek and offer tags at random (one of them about financing), 'seeks' texts that speak
    of credit and spoken languages on every seventh delegate, and regions with accents."""
    rnd = random.Random(seed)
    tags = list(db.session.scalars(sa.select(Tag.id).where(Tag.event_id == event.id)))
    financing = Tag(event=event, name_es="Financiamiento")
    db.session.add(financing)
    db.session.flush()
    tags.append(financing.id)
    registrations = list(
        db.session.scalars(sa.select(Registration.id).where(Registration.event_id == event.id))
    )
    links = {
        (r, rnd.choice(tags), rnd.choice([TagRole.SEEK, TagRole.OFFER]))
        for r in registrations
        for _ in range(rnd.randint(0, 2))
    }
    db.session.execute(
        sa.insert(RegistrationTag),
        [dict(registration_id=r, tag_id=t, role=role) for r, t, role in links],
    )
    for r in registrations[::7]:
        db.session.execute(
            sa.update(Registration)
            .where(Registration.id == r)
            .values(seeks="Buscamos crédito", spoken_languages=rnd.choice(["es", "en", "es,en"]))
        )
    db.session.commit()


def _everyone_scored(me: Registration, limit: int = 20) -> list:
    """The list as it was made before candidates: every approved delegate scored."""
    excluded = matchmaking.already_in_touch(me)
    others = db.session.scalars(
        sa.select(Registration).where(
            Registration.event_id == me.event_id,
            Registration.status == RegistrationStatus.APPROVED,
            Registration.id != me.id,
            Registration.erased_at.is_(None),
        )
    ).all()
    results = []
    for other in others:
        if other.id in excluded or (
            me.organisation_id is not None and other.organisation_id == me.organisation_id
        ):
            continue
        if not kind_allowed(me.event, meeting_kind(me, other)):
            continue
        rec = matchmaking.score(me, other)
        if rec.score > 0:
            results.append(rec)
    return sorted(results, key=matchmaking._name_key)[:limit]


def _shown(recommendations) -> list[tuple]:
    return [(r.registration.id, r.score, r.reasons) for r in recommendations]


def test_candidates_give_the_list_of_scoring_everyone(db):
    event = create_event()
    grow(event, 240)
    _varied_profiles(event)
    viewers = db.session.scalars(
        sa.select(Registration)
        .where(Registration.status == RegistrationStatus.APPROVED)
        .order_by(Registration.id)
    ).all()[::6]
    assert len(viewers) == 28
    lengths = set()
    for me in viewers:
        expected = _shown(_everyone_scored(me))
        assert _shown(matchmaking.recommend(me)) == expected, me.id
        assert _shown(matchmaking.recommend(me, limit=3)) == expected[:3], me.id
        lengths.add(len(expected))
    assert 20 in lengths  # full lists, cut at the limit, are among them


def test_a_viewer_in_touch_with_everyone_has_no_recommendation(db):
    event = create_event()
    grow(event, 10)
    me, *others = db.session.scalars(
        sa.select(Registration)
        .where(Registration.status == RegistrationStatus.APPROVED)
        .order_by(Registration.id)
    ).all()
    db.session.execute(
        sa.insert(MeetingRequest),
        [
            dict(
                event_id=event.id,
                requester_id=me.id,
                recipient_id=other.id,
                kind=MeetingKind.B2B,
                status=RequestStatus.PENDING,
            )
            for other in others
        ],
    )
    db.session.commit()
    assert matchmaking.recommend(me) == []
