from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.notifications.models import Mail
from forum.registration.models import (
    Organisation,
    OrganisationType,
    ParticipantType,
    RegistrationStatus,
    Tag,
    TagRole,
)
from forum.registration.services import registration as service

# These register while the form is open: before the factory event has ended.
pytestmark = pytest.mark.usefixtures("during_registration")

S = RegistrationStatus


def mails_to(db, email):
    return db.session.scalars(
        sa.select(Mail).where(Mail.recipient == email).order_by(Mail.id)
    ).all()


@pytest.fixture
def event(create_event):
    return create_event()


def new_org(**kw):
    fields = dict(
        name="Cooperativa Agraria Cafetalera San Ignacio",
        type=OrganisationType.PRODUCER_ORGANISATION,
        country="PE",
        region="Cajamarca",
    )
    fields.update(kw)
    return service.OrganisationInput(**fields)


def test_register_creates_submitted_registration_with_profile_and_mail(db, event, create_user):
    cafe = Tag(event=event, name_es="café")
    finance = Tag(event=event, name_es="financiamiento")
    producer = ParticipantType(event=event, name_es="Productor")
    db.session.add_all([cafe, finance, producer])
    db.session.commit()
    user = create_user(email="rosa@coop.example", name="Rosa Huamán")
    profile = service.ProfileInput(
        job_title="Gerente",
        languages=["es", "qu"],
        participant_type_id=producer.id,
        seeks="Financiamiento para renovar cafetales",
        seek_tag_ids=[finance.id],
        sector_tag_ids=[cafe.id, cafe.id],
    )
    registration = service.register(event, user, new_org(), profile)
    assert registration.status == S.SUBMITTED
    assert registration.organisation.name == "Cooperativa Agraria Cafetalera San Ignacio"
    assert registration.languages == ["es", "qu"]
    assert [t.name_es for t in registration.tags(TagRole.SECTOR)] == ["café"]
    assert [t.name_es for t in registration.tags(TagRole.SEEK)] == ["financiamiento"]
    assert registration.participant_type == producer
    assert len(mails_to(db, "rosa@coop.example")) == 1


def test_register_reuses_organisation_by_name_and_country(db, event, create_user):
    first = service.register(
        event, create_user(email="a@x.example"), new_org(), service.ProfileInput()
    )
    second = service.register(
        event,
        create_user(email="b@x.example"),
        new_org(name="  cooperativa agraria cafetalera   SAN IGNACIO "),
        service.ProfileInput(),
    )
    assert first.organisation_id == second.organisation_id
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 1


def test_register_refuses_when_closed_or_twice(db, event, create_user):
    user = create_user()
    event.registration_closes_at = datetime(2023, 10, 1, tzinfo=UTC)
    db.session.commit()
    with pytest.raises(DomainError, match="Registration closed on "):
        service.register(
            event, user, new_org(), service.ProfileInput(), now=datetime(2023, 10, 2, tzinfo=UTC)
        )
    event.registration_closes_at = None
    event.registration_opens_at = datetime(2023, 9, 1, tzinfo=UTC)
    with pytest.raises(DomainError, match="Registration opens on "):
        service.register(
            event, user, new_org(), service.ProfileInput(), now=datetime(2023, 8, 31, tzinfo=UTC)
        )
    service.register(event, user, new_org(), service.ProfileInput())
    with pytest.raises(DomainError, match="You are already registered for this event."):
        service.register(event, user, new_org(), service.ProfileInput())


def test_register_validates_new_organisation_and_ticket_range(event, create_user):
    user = create_user()
    with pytest.raises(DomainError) as error:
        service.register(
            event, user, service.OrganisationInput(country="XX"), service.ProfileInput()
        )
    assert set(error.value.errors) == {"org_name", "org_type", "org_country"}
    with pytest.raises(DomainError, match="The largest ticket cannot be below the smallest."):
        service.register(
            event, user, new_org(), service.ProfileInput(ticket_min=2_000_000, ticket_max=200_000)
        )


def test_approve_fills_capacity_then_waiting_list(db, event, create_registration):
    event.capacity = 2
    regs = [create_registration(event, status=S.SUBMITTED) for _ in range(3)]
    approval = service.approve(event, regs)
    assert [r.status for r in regs] == [S.APPROVED, S.APPROVED, S.WAITING]
    assert (approval.approved, approval.waiting) == (regs[:2], regs[2:])
    assert approval.full == {regs[2].id: service.Full(used=2, capacity=2)}
    subjects = [m.subject for m in mails_to(db, regs[2].user.email)]
    assert len(subjects) == 1 and subjects != [m.subject for m in mails_to(db, regs[0].user.email)]


def test_approve_respects_participant_type_capacity(db, event, create_registration):
    investors = ParticipantType(event=event, name_es="Inversionista", capacity=1)
    db.session.add(investors)
    db.session.commit()
    a = create_registration(event, status=S.SUBMITTED, participant_type=investors)
    b = create_registration(event, status=S.SUBMITTED, participant_type=investors)
    c = create_registration(event, status=S.SUBMITTED)
    approval = service.approve(event, [a, b, c])
    assert (a.status, b.status, c.status) == (S.APPROVED, S.WAITING, S.APPROVED)
    assert approval.full == {b.id: service.Full(used=1, capacity=1, type_name="Inversionista")}
    assert service.places_left(event, investors) == 0
    assert service.places_left(event, None) is None


def test_cancel_promotes_first_waiting_when_auto(db, event, create_registration):
    event.capacity = 1
    seated = create_registration(event, status=S.APPROVED)
    first = create_registration(event, status=S.WAITING)
    second = create_registration(event, status=S.WAITING)
    second.status_changed_at = first.status_changed_at + timedelta(seconds=1)
    db.session.commit()
    service.cancel(seated)
    assert (seated.status, first.status, second.status) == (S.CANCELLED, S.APPROVED, S.WAITING)
    assert len(mails_to(db, first.user.email)) == 1


def test_cancel_leaves_waiting_list_when_manual(db, event, create_registration):
    event.capacity, event.auto_promote = 1, False
    seated = create_registration(event, status=S.APPROVED)
    waiting = create_registration(event, status=S.WAITING)
    service.cancel(seated)
    assert waiting.status == S.WAITING
    service.promote(event, waiting)
    assert waiting.status == S.APPROVED


def test_manual_promotion_refused_when_full(event, create_registration):
    event.capacity = 1
    create_registration(event, status=S.APPROVED)
    waiting = create_registration(event, status=S.WAITING)
    with pytest.raises(DomainError, match="There is no free place for this participant type."):
        service.promote(event, waiting)


def test_reject_approved_frees_place_for_waiting(db, event, create_registration):
    event.capacity = 1
    approved = create_registration(event, status=S.APPROVED)
    waiting = create_registration(event, status=S.WAITING)
    service.reject(event, [approved])
    assert (approved.status, waiting.status) == (S.REJECTED, S.APPROVED)


def test_approve_ignores_other_events_registrations(db, event, create_event, create_registration):
    other = create_event(slug="other")
    foreign = create_registration(other, status=S.SUBMITTED)
    assert service.approve(event, [foreign]) == service.Approval()
    assert foreign.status == S.SUBMITTED


def test_update_profiles_sets_each_profile_and_keeps_status(db, event, create_registration):
    cafe = Tag(event=event, name_es="café")
    credit = Tag(event=event, name_es="crédito")
    db.session.add_all([cafe, credit])
    db.session.commit()
    rosa = create_registration(event, job_title="Presidenta")
    juan = create_registration(event, status=S.WAITING)
    service.update_profiles(
        event,
        [
            (
                rosa,
                service.ProfileInput(
                    job_title="Presidenta",
                    languages=["es", "qu", "es"],
                    offers=" Café de especialidad ",
                    sector_tag_ids=[cafe.id],
                    seek_tag_ids=[credit.id],
                ),
            ),
            (juan, service.ProfileInput(ticket_min=10_000, ticket_max=50_000)),
        ],
    )
    db.session.commit()
    db.session.expire_all()
    assert (rosa.job_title, rosa.spoken_languages, rosa.offers) == (
        "Presidenta",
        "es,qu",
        "Café de especialidad",
    )
    assert {(link.tag.name_es, link.role) for link in rosa.tag_links} == {
        ("café", TagRole.SECTOR),
        ("crédito", TagRole.SEEK),
    }
    assert (juan.status, juan.ticket_min, juan.ticket_max) == (S.WAITING, 10_000, 50_000)


def test_update_profiles_refuses_rejected_and_foreign_tags(
    db, event, create_event, create_registration
):
    other_tag = Tag(event=create_event(slug="otro-foro"), name_es="café")
    db.session.add(other_tag)
    db.session.commit()
    rejected = create_registration(event, status=S.REJECTED)
    approved = create_registration(event)
    with pytest.raises(DomainError, match="can no longer be edited"):
        service.update_profiles(event, [(rejected, service.ProfileInput(offers="Café"))])
    with pytest.raises(DomainError, match="Choose tags of this event"):
        service.update_profiles(
            event, [(approved, service.ProfileInput(sector_tag_ids=[other_tag.id]))]
        )
