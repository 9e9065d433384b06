from decimal import Decimal

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.events.models import EventRole
from forum.meetings.models import MeetingKind, MeetingRequest, RequestStatus
from forum.meetings.services import requests as meeting_requests
from forum.notifications.models import Mail
from forum.projects.models import (
    CommitmentStatus,
    ExchangeRate,
    Instrument,
    Interest,
    InterestLevel,
    ProjectStatus,
)
from forum.projects.services import interest as service
from forum.projects.services.interest import StatusTotal
from forum.registration.models import OrganisationType, RegistrationStatus
from tests.factories import create_project

COFFEE = "Café agroforestal en Jaén y San Ignacio"


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def people(event, create_user, create_organisation, create_registration):
    def person(email, name, organisation, **kw):
        user = create_user(email=email, name=name)
        return create_registration(event, user=user, organisation=organisation, **kw)

    midagri = create_organisation(
        "Ministerio de Desarrollo Agrario y Riego", type=OrganisationType.NATIONAL_GOVERNMENT
    )
    fund = create_organisation(
        "Evergreen Andes Impact Fund", type=OrganisationType.INVESTOR, country="US", region=""
    )
    giz = create_organisation(
        "GIZ", type=OrganisationType.COOPERATION_AGENCY, country="DE", region=""
    )
    return {
        "beatriz": person("beatriz@midagri.example", "Beatriz Cabrera", midagri),
        "wilber": person("wilber@midagri.example", "Wilber Idrogo", midagri),
        "nathan": person("nathan@evergreen.example", "Nathan Whitaker", fund),
        "matthias": person("matthias@giz.example", "Matthias Kellner", giz),
        "pending": person(
            "pending@giz.example", "Pending Person", giz, status=RegistrationStatus.SUBMITTED
        ),
    }


@pytest.fixture
def coffee(event, people):
    beatriz = people["beatriz"]
    return create_project(
        event, beatriz.organisation, COFFEE, contact=beatriz, submitted_by=beatriz
    )


def test_express_interest_creates_then_updates(coffee, people):
    nathan = people["nathan"]
    first = service.express_interest(
        coffee, nathan, InterestLevel.FOLLOW, amount=1_000_000_00, currency="usd"
    )
    assert first.created is True
    assert (first.interest.level, first.interest.amount, first.interest.currency) == (
        InterestLevel.FOLLOW,
        1_000_000_00,
        "USD",
    )
    second = service.express_interest(
        coffee,
        nathan,
        InterestLevel.READY,
        amount=2_500_000_00,
        currency="EUR",
        instrument=Instrument.DEBT,
        note="  Ticket de deuda a 7 años  ",
    )
    assert second.created is False
    assert second.interest.id == first.interest.id
    row = Interest.query.one()
    assert (row.level, row.amount, row.currency, row.instrument, row.note) == (
        InterestLevel.READY,
        2_500_000_00,
        "EUR",
        Instrument.DEBT,
        "Ticket de deuda a 7 años",
    )
    assert second.meeting_request is None and second.meeting_refused == ""


OWN = "You cannot express interest in your own organisation's project."
NOT_APPROVED = "Only approved delegates of this event can express interest in its projects."
NOT_ACCEPTED = "Interest can only be expressed in accepted projects."


@pytest.mark.parametrize(
    ("who", "status", "message"),
    [
        ("wilber", ProjectStatus.ACCEPTED, OWN),
        ("pending", ProjectStatus.ACCEPTED, NOT_APPROVED),
        ("nathan", ProjectStatus.SUBMITTED, NOT_ACCEPTED),
    ],
)
def test_express_interest_refuses(coffee, people, db, who, status, message):
    coffee.status = status
    db.session.commit()
    with pytest.raises(DomainError) as error:
        service.express_interest(coffee, people[who], InterestLevel.INTERESTED)
    assert str(error.value) == message
    assert Interest.query.count() == 0


@pytest.mark.parametrize(
    ("amount", "currency", "errors"),
    [
        (-1, "USD", {"amount": ["The amount cannot be negative."]}),
        (10**13 + 1, "USD", {"amount": ["The amount is too large to be plausible."]}),
        (100, "XYZ", {"currency": ["“XYZ” is not an ISO 4217 currency code."]}),
        (
            -5,
            "XXX",
            {
                "amount": ["The amount cannot be negative."],
                "currency": ["“XXX” is not an ISO 4217 currency code."],
            },
        ),
    ],
)
def test_express_interest_validates_money(coffee, people, amount, currency, errors):
    with pytest.raises(DomainError) as error:
        service.express_interest(
            coffee, people["nathan"], InterestLevel.INTERESTED, amount=amount, currency=currency
        )
    assert error.value.errors == errors
    assert Interest.query.count() == 0


def test_interest_with_meeting_joins_the_request_flow(db, event, coffee, people):
    nathan, beatriz = people["nathan"], people["beatriz"]
    result = service.express_interest(
        coffee, nathan, InterestLevel.READY, amount=3_000_000_00, request_meeting=True
    )
    request = result.meeting_request
    assert result.meeting_refused == ""
    assert request is not None
    stored = db.session.get(MeetingRequest, request.id)
    assert (stored.requester_id, stored.recipient_id, stored.project_id) == (
        nathan.id,
        beatriz.id,
        coffee.id,
    )
    assert stored.kind == MeetingKind.B2G  # the ministry is a government body
    assert stored.status == RequestStatus.PENDING
    assert stored.message == f"I am interested in your project “{COFFEE}” and would like to meet."
    assert result.interest.meeting_request_id == stored.id
    assert [r.id for r in meeting_requests.requests_received(beatriz)] == [stored.id]
    mails = db.session.scalars(sa.select(Mail.recipient)).all()
    assert mails == ["beatriz@midagri.example"]


def test_refused_meeting_keeps_the_interest_and_says_why(db, event, coffee, people):
    event.allow_b2g = False
    db.session.commit()
    result = service.express_interest(
        coffee, people["nathan"], InterestLevel.INTERESTED, request_meeting=True
    )
    assert result.meeting_request is None
    assert result.meeting_refused == (
        "This event does not allow B2G (business to government) meetings."
    )
    interest = Interest.query.one()
    assert interest.level == InterestLevel.INTERESTED
    assert interest.meeting_request_id is None
    assert MeetingRequest.query.count() == 0


def test_second_meeting_request_is_refused_while_one_is_open(coffee, people):
    first = service.express_interest(
        coffee, people["nathan"], InterestLevel.INTERESTED, request_meeting=True
    )
    again = service.express_interest(
        coffee, people["nathan"], InterestLevel.READY, note="Nuevo", request_meeting=True
    )
    assert again.meeting_refused == (
        "There is already an open meeting request between you and Beatriz Cabrera."
    )
    assert again.interest.level == InterestLevel.READY
    assert again.interest.meeting_request_id == first.meeting_request.id
    assert MeetingRequest.query.count() == 1


def test_project_without_contact_cannot_be_asked_for_a_meeting(event, people):
    project = create_project(event, people["beatriz"].organisation, "Palta orgánica andina")
    result = service.express_interest(
        project, people["nathan"], InterestLevel.FOLLOW, request_meeting=True
    )
    assert result.meeting_refused == "This project has no contact person to meet."
    assert result.interest.id is not None


def test_interests_visible_to_presenters_and_organizers_only(
    db, event, coffee, people, create_user
):
    nathan, matthias = people["nathan"], people["matthias"]
    service.express_interest(coffee, nathan, InterestLevel.READY, note="Deuda senior")
    service.express_interest(coffee, matthias, InterestLevel.FOLLOW, note="Cooperación técnica")
    organizer = create_user(email="organizer@fao.example", name="Secretaría")
    event.roles.append(EventRole(user=organizer))
    db.session.commit()
    outsider = create_user(email="outsider@example.org", name="Outsider")

    def seen(viewer):
        return [
            (i.registration.user.name, i.note) for i in service.interests_visible_to(coffee, viewer)
        ]

    everything = [("Nathan Whitaker", "Deuda senior"), ("Matthias Kellner", "Cooperación técnica")]
    assert seen(people["wilber"]) == everything  # a presenter
    assert seen(organizer) == everything
    assert seen(matthias) == [("Matthias Kellner", "Cooperación técnica")]  # only their own
    assert seen(people["pending"]) == []
    assert seen(outsider) == []
    assert seen(None) == []


def test_commitments_by_presenters_and_organizers_only(coffee, people):
    interest = service.express_interest(coffee, people["nathan"], InterestLevel.READY).interest
    commitment = service.record_commitment(
        interest,
        people["wilber"],
        2_000_000_00,
        "usd",
        Instrument.DEBT,
        CommitmentStatus.TERM_SHEET,
        " Firma en enero ",
    )
    assert (commitment.amount, commitment.currency, commitment.notes) == (
        2_000_000_00,
        "USD",
        "Firma en enero",
    )
    for someone in (people["nathan"], people["matthias"]):
        with pytest.raises(DomainError) as error:
            service.record_commitment(interest, someone, 1, "USD", None, CommitmentStatus.COMMITTED)
        assert str(error.value) == (
            "Only the presenting organisation and the organizers can record commitments."
        )
    with pytest.raises(DomainError) as error:
        service.record_commitment(
            interest, people["wilber"], -1, "ABC", None, CommitmentStatus.COMMITTED
        )
    assert error.value.errors == {
        "amount": ["The amount cannot be negative."],
        "currency": ["“ABC” is not an ISO 4217 currency code."],
    }


def test_mobilisation_totals_latest_commitment_per_investor(db, event, coffee, people):
    presenter = people["wilber"]
    dairy = create_project(event, presenter.organisation, "Lácteos en La Libertad")
    nathan = service.express_interest(coffee, people["nathan"], InterestLevel.READY).interest
    giz = service.express_interest(coffee, people["matthias"], InterestLevel.READY).interest
    giz_dairy = service.express_interest(dairy, people["matthias"], InterestLevel.FOLLOW).interest
    record = service.record_commitment
    record(nathan, presenter, 1_000_000_00, "USD", Instrument.DEBT, CommitmentStatus.IN_TALKS)
    record(nathan, presenter, 2_000_000_00, "USD", Instrument.DEBT, CommitmentStatus.COMMITTED)
    record(giz, presenter, 500_000_00, "EUR", Instrument.GRANT, CommitmentStatus.COMMITTED)
    record(giz_dairy, presenter, 1_234_567_89, "PEN", None, CommitmentStatus.IN_TALKS)
    totals = service.mobilisation(event)
    assert totals[CommitmentStatus.COMMITTED] == StatusTotal(
        by_currency={"EUR": 500_000_00, "USD": 2_000_000_00},
        converted=None,
        missing_rates=("EUR",),
        count=2,
    )
    assert totals[CommitmentStatus.IN_TALKS].by_currency == {"PEN": 1_234_567_89}
    assert totals[CommitmentStatus.DECLINED] == StatusTotal({}, 0, (), 0)

    db.session.add_all(
        [
            ExchangeRate(event_id=event.id, currency="EUR", rate=Decimal("1.08")),
            ExchangeRate(event_id=event.id, currency="PEN", rate=Decimal("0.2667")),
        ]
    )
    db.session.commit()
    totals = service.mobilisation(event)
    assert totals[CommitmentStatus.COMMITTED].converted == 2_540_000_00  # 2,000,000 + 540,000
    assert (
        totals[CommitmentStatus.IN_TALKS].converted == 329_259_26
    )  # 1,234,567.89 × 0.2667 = 329,259.256
