from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.meetings.models import (
    HalfDay,
    Meeting,
    MeetingBlock,
    MeetingKind,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    Priority,
    RequestStatus,
)
from forum.meetings.services import expiry
from forum.meetings.services import requests as service
from forum.notifications.models import Mail
from forum.registration.models import OrganisationType, RegistrationStatus

NOW = datetime(2023, 10, 1, 12, 0, tzinfo=UTC)


def mails_to(db, email):
    return db.session.scalars(
        sa.select(Mail).where(Mail.recipient == email).order_by(Mail.id)
    ).all()


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def orgs(create_organisation):
    return {
        "coop": create_organisation(name="Cooperativa Frontera San Ignacio"),
        "fund": create_organisation(
            name="Andes Impact Fund", type=OrganisationType.INVESTOR, country="US", region=""
        ),
        "gore": create_organisation(
            name="Gobierno Regional de Cajamarca", type=OrganisationType.REGIONAL_GOVERNMENT
        ),
    }


@pytest.fixture
def people(event, orgs, create_user, create_registration):
    def person(key, name, org, **kw):
        user = create_user(email=f"{key}@x.example", name=name)
        return create_registration(event, user=user, organisation=orgs[org], **kw)

    return {
        "rosa": person("rosa", "Rosa Huamán", "coop"),
        "pedro": person("pedro", "Pedro Chávez", "coop"),
        "maria": person("maria", "María Torres", "coop"),
        "john": person("john", "John Miller", "fund"),
        "luis": person("luis", "Luis Ccori", "gore"),
        "pending": person("pending", "Pending Person", "coop", status=RegistrationStatus.SUBMITTED),
    }


def test_meeting_kind_is_b2g_when_either_side_is_a_government(people):
    assert service.meeting_kind(people["rosa"], people["john"]) == MeetingKind.B2B
    assert service.meeting_kind(people["rosa"], people["luis"]) == MeetingKind.B2G
    assert service.meeting_kind(people["luis"], people["john"]) == MeetingKind.B2G


def test_send_request_stores_it_and_mails_the_recipient(db, event, people):
    request = service.send_request(
        event,
        people["rosa"],
        people["luis"],
        priority=Priority.MUST_MEET,
        message="Queremos hablar del plan de café en Jaén.",
        preferred_day=date(2023, 10, 17),
        preferred_half=HalfDay.MORNING,
        colleagues=[people["pedro"]],
        now=NOW,
    )
    assert request.status == RequestStatus.PENDING
    assert request.kind == MeetingKind.B2G
    assert request.priority == 2
    assert request.expires_at == NOW + timedelta(hours=72)
    assert [c.registration.user.name for c in request.colleagues] == ["Pedro Chávez"]
    (mail,) = mails_to(db, "luis@x.example")
    assert (
        mail.subject == "Rosa Huamán would like to meet you at Hand-in-Hand Investment Forum 2023"
    )
    assert "Rosa Huamán (Cooperativa Frontera San Ignacio) asks for a B2G" in mail.body
    assert "For them this meeting is a must." in mail.body
    assert "With: Pedro Chávez" in mail.body
    assert "Preferred time: October 17, 2023, morning" in mail.body
    assert "> Queremos hablar del plan de café en Jaén." in mail.body
    assert "/events/hih-2023/meetings\n" in mail.body
    (named,) = mails_to(db, "pedro@x.example")  # the colleague Rosa named
    assert named.subject == (
        "Rosa Huamán named you in a meeting request at Hand-in-Hand Investment Forum 2023"
    )
    assert (
        "Rosa Huamán has asked Luis Ccori (Gobierno Regional de Cajamarca) for a B2G (business to"
        " government) meeting at Hand-in-Hand Investment Forum 2023 and named you as a participant"
        in " ".join(named.body.split())
    )
    assert mails_to(db, "rosa@x.example") == []  # the requester knows
    assert mails_to(db, "maria@x.example") == []  # a colleague not named hears nothing


def test_send_request_mail_is_in_the_recipients_language(db, event, people):
    people["luis"].user.locale = "es"
    db.session.commit()
    service.send_request(event, people["rosa"], people["luis"], now=NOW)
    (mail,) = mails_to(db, "luis@x.example")
    assert mail.locale == "es"


def test_send_request_refuses_self_pending_and_other_events(event, people, create_event):
    with pytest.raises(DomainError, match="You cannot request a meeting with yourself."):
        service.send_request(event, people["rosa"], people["rosa"])
    with pytest.raises(DomainError, match="This delegate cannot receive meeting requests."):
        service.send_request(event, people["rosa"], people["pending"])
    with pytest.raises(DomainError, match="Only approved delegates of this event"):
        service.send_request(event, people["pending"], people["rosa"])
    other = create_event(slug="other", name="Other forum")
    with pytest.raises(DomainError, match="Only approved delegates of this event"):
        service.send_request(other, people["rosa"], people["john"])


def test_send_request_refuses_a_second_open_request_between_the_pair(event, people):
    service.send_request(event, people["rosa"], people["john"], now=NOW)
    message = "There is already an open meeting request between you and Rosa Huamán."
    with pytest.raises(DomainError) as error:
        service.send_request(event, people["john"], people["rosa"], now=NOW)
    assert str(error.value) == message


def test_send_request_refuses_a_kind_the_event_forbids(db, event, people):
    event.allow_b2g = False
    db.session.commit()
    with pytest.raises(DomainError) as error:
        service.send_request(event, people["rosa"], people["luis"])
    assert str(error.value) == "This event does not allow B2G (business to government) meetings."
    event.allow_b2g, event.allow_b2b = True, False
    db.session.commit()
    with pytest.raises(DomainError) as error:
        service.send_request(event, people["rosa"], people["john"])
    assert str(error.value) == "This event does not allow B2B (business to business) meetings."
    assert service.send_request(event, people["rosa"], people["luis"]).kind == MeetingKind.B2G


def test_request_cap_counts_pending_and_accepted_only(db, event, people):
    event.max_requests_per_delegate = 2
    db.session.commit()
    first = service.send_request(event, people["rosa"], people["john"], now=NOW)
    service.send_request(event, people["rosa"], people["luis"], now=NOW)
    with pytest.raises(DomainError) as error:
        service.send_request(event, people["rosa"], people["maria"], now=NOW)
    assert str(error.value) == "You can have at most 2 open meeting requests at this event."
    service.decline(first, people["john"], now=NOW)
    assert service.send_request(event, people["rosa"], people["maria"], now=NOW).id


def test_meeting_cap_counts_both_sides_and_colleagues(db, event, people):
    event.max_meetings_per_delegate = 1
    db.session.commit()
    request = service.send_request(
        event, people["rosa"], people["john"], colleagues=[people["pedro"]], now=NOW
    )
    service.accept(request, people["john"], now=NOW)
    with pytest.raises(DomainError) as error:
        service.send_request(event, people["rosa"], people["luis"], now=NOW)
    assert str(error.value) == "You already have 1 meeting, the most allowed at this event."
    with pytest.raises(DomainError) as error:
        service.send_request(event, people["luis"], people["pedro"], now=NOW)
    assert str(error.value) == "Pedro Chávez already has the most meetings allowed at this event."


def test_accept_refused_when_the_meeting_cap_was_reached_meanwhile(db, event, people):
    event.max_meetings_per_delegate = 1
    db.session.commit()
    to_john = service.send_request(event, people["rosa"], people["john"], now=NOW)
    to_luis = service.send_request(event, people["rosa"], people["luis"], now=NOW)
    service.accept(to_john, people["john"], now=NOW)
    with pytest.raises(DomainError) as error:
        service.accept(to_luis, people["luis"], now=NOW)
    assert str(error.value) == "Rosa Huamán already has the most meetings allowed at this event."
    assert to_luis.status == RequestStatus.PENDING


def test_colleagues_must_be_approved_delegates_of_the_same_organisation(db, event, people):
    with pytest.raises(DomainError) as error:
        service.send_request(event, people["rosa"], people["luis"], colleagues=[people["john"]])
    assert error.value.errors == {
        "colleagues": ["John Miller is not an approved delegate of your organisation."]
    }
    with pytest.raises(DomainError, match="Pending Person is not an approved delegate"):
        service.send_request(event, people["rosa"], people["luis"], colleagues=[people["pending"]])
    event.max_delegation_size = 2
    db.session.commit()
    with pytest.raises(DomainError) as error:
        service.send_request(
            event, people["rosa"], people["luis"], colleagues=[people["pedro"], people["maria"]]
        )
    assert str(error.value) == "A delegation has at most 2 people."


def test_accept_creates_a_meeting_with_both_sides_and_colleagues(db, event, people):
    request = service.send_request(
        event, people["rosa"], people["luis"], colleagues=[people["pedro"]], now=NOW
    )
    meeting = service.accept(request, people["luis"], now=NOW + timedelta(hours=1))
    assert request.status == RequestStatus.ACCEPTED
    assert request.responded_at == NOW + timedelta(hours=1)
    assert meeting.status == MeetingStatus.SCHEDULED
    assert meeting.slot_id is None and meeting.table_id is None
    names = sorted(p.registration.user.name for p in meeting.participants)
    assert names == ["Luis Ccori", "Pedro Chávez", "Rosa Huamán"]
    (mail,) = mails_to(db, "rosa@x.example")
    assert mail.subject == "Luis Ccori accepted your meeting request"


def test_only_the_recipient_accepts_a_pending_unexpired_request(db, event, people):
    request = service.send_request(event, people["rosa"], people["luis"], now=NOW)
    for someone in ("rosa", "john"):
        with pytest.raises(DomainError) as error:
            service.accept(request, people[someone], now=NOW)
        assert str(error.value) == "Only the delegate who received this request can answer it."
    with pytest.raises(DomainError, match="This request has expired."):
        service.accept(request, people["luis"], now=NOW + timedelta(hours=72))
    service.accept(request, people["luis"], now=NOW)
    with pytest.raises(DomainError, match="no longer waiting for an answer"):
        service.accept(request, people["luis"], now=NOW)
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 1


def test_decline_mails_the_reason_to_the_requester(db, event, people):
    request = service.send_request(event, people["rosa"], people["john"], now=NOW)
    service.decline(request, people["john"], "  We only invest in Bolivia this year.  ", now=NOW)
    assert request.status == RequestStatus.DECLINED
    assert request.decline_reason == "We only invest in Bolivia this year."
    (mail,) = mails_to(db, "rosa@x.example")
    assert mail.subject == "John Miller declined your meeting request"
    assert "Their reason:\n> We only invest in Bolivia this year." in mail.body


def test_cancel_pending_only_by_requester_and_mails_recipient(db, event, people):
    request = service.send_request(event, people["rosa"], people["john"], now=NOW)
    with pytest.raises(DomainError, match="Only the delegate who sent this request"):
        service.cancel(request, people["john"])
    service.cancel(request, people["rosa"])
    assert request.status == RequestStatus.CANCELLED
    assert [m.subject for m in mails_to(db, "john@x.example")][-1] == (
        "Meeting cancelled by Rosa Huamán"
    )
    with pytest.raises(DomainError, match="can no longer be cancelled"):
        service.cancel(request, people["rosa"])


def test_cancel_accepted_cancels_the_meeting_and_frees_its_slot(db, event, people, create_session):
    session = create_session(event, title="B2B block")
    block = MeetingBlock(event_id=event.id, session_id=session.id)
    start = datetime(2023, 10, 16, 8, 0, tzinfo=UTC)
    slot = MeetingSlot(
        block=block, event_id=event.id, starts_at=start, ends_at=start + timedelta(minutes=20)
    )
    table = MeetingTable(event_id=event.id, number=7)
    db.session.add_all([block, slot, table])
    db.session.commit()
    request = service.send_request(
        event, people["rosa"], people["john"], colleagues=[people["pedro"]], now=NOW
    )
    meeting = service.accept(request, people["john"], now=NOW)
    meeting.slot, meeting.table = slot, table
    for participant in meeting.participants:
        participant.slot_id = slot.id
    db.session.commit()

    service.cancel(request, people["john"])

    assert request.status == RequestStatus.CANCELLED
    assert meeting.status == MeetingStatus.CANCELLED
    assert (meeting.slot_id, meeting.table_id) == (None, None)
    assert meeting.cancelled_starts_at == start
    assert meeting.cancelled_ends_at == start + timedelta(minutes=20)
    assert meeting.sequence == 1
    assert {p.slot_id for p in meeting.participants} == {None}
    for email in ("rosa@x.example", "pedro@x.example"):
        mail = mails_to(db, email)[-1]
        assert mail.subject == "Meeting cancelled by John Miller"
        body = mail.body.replace("\u202f", " ")
        assert "It was planned for October 16, 2023, 10:00 AM–10:20 AM, Central European" in body
    assert [m.subject for m in mails_to(db, "john@x.example")] == [
        "Rosa Huamán would like to meet you at Hand-in-Hand Investment Forum 2023"
    ]


def test_expire_pending_marks_expired_frees_the_quota_and_mails(db, event, people):
    event.max_requests_per_delegate = 1
    db.session.commit()
    request = service.send_request(event, people["rosa"], people["john"], now=NOW)
    assert expiry.expire_pending(event, now=NOW + timedelta(hours=71)) == 0
    assert expiry.expire_pending(event, now=NOW + timedelta(hours=72)) == 1
    db.session.refresh(request)
    assert request.status == RequestStatus.EXPIRED
    (mail,) = mails_to(db, "rosa@x.example")
    assert mail.subject == "Your meeting request to John Miller has expired"
    assert expiry.expire_pending(now=NOW + timedelta(days=9)) == 0
    again = service.send_request(event, people["rosa"], people["john"], now=NOW)
    assert again.status == RequestStatus.PENDING


def test_expire_requests_command(runner, db, event, people):
    service.send_request(event, people["rosa"], people["john"], now=NOW - timedelta(days=30))
    result = runner.invoke(args=["forum", "expire-requests", "--event", "hih-2023"])
    assert result.exit_code == 0, result.output
    assert result.output == "1 meeting request(s) expired.\n"
    result = runner.invoke(args=["forum", "expire-requests", "--event", "nope"])
    assert result.exit_code == 1
    assert "No event with slug 'nope'." in result.output


def test_answers_reach_the_colleagues_named_in_the_request_in_their_language(db, event, people):
    people["pedro"].user.locale = "es"
    db.session.commit()
    accepted = service.send_request(
        event, people["rosa"], people["john"], colleagues=[people["pedro"]], now=NOW
    )
    service.accept(accepted, people["john"], now=NOW)
    declined = service.send_request(
        event, people["rosa"], people["luis"], colleagues=[people["pedro"]], now=NOW
    )
    service.decline(declined, people["luis"], "Sin agenda", now=NOW)

    rosa = [(m.subject, m.locale) for m in mails_to(db, "rosa@x.example")]
    assert rosa == [
        ("John Miller accepted your meeting request", "en"),
        ("Luis Ccori declined your meeting request", "en"),
    ]
    (named_yes, pedro_yes, named_no, pedro_no) = mails_to(db, "pedro@x.example")
    assert [named_yes.subject, named_no.subject] == [
        "Rosa Huamán le incluyó en una solicitud de reunión en Hand-in-Hand Investment Forum 2023"
    ] * 2
    assert (pedro_yes.subject, pedro_yes.locale) == (
        "John Miller aceptó su solicitud de reunión",
        "es",
    )
    assert "Rosa Huamán hizo esta solicitud en nombre de su organización" in " ".join(
        pedro_yes.body.split()
    )
    assert pedro_no.subject == "Luis Ccori rechazó su solicitud de reunión"
    assert "made this request" not in " ".join(mails_to(db, "rosa@x.example")[0].body.split())
    assert mails_to(db, "maria@x.example") == []  # a colleague not named hears nothing


def test_requests_both_ways_are_the_received_and_sent_lists_from_one_query(db, event, people):
    from tests.query_count import count_statements

    rosa = people["rosa"]
    start = datetime.now(UTC) - timedelta(hours=1)
    for minutes, name in enumerate(("john", "luis", "maria")):
        service.send_request(event, people[name], rosa, now=start + timedelta(minutes=minutes))
    service.send_request(event, rosa, people["pedro"], now=start + timedelta(minutes=5))
    luis_request = next(
        r for r in service.requests_received(rosa) if r.requester_id == people["luis"].id
    )
    service.decline(luis_request, rosa)
    db.session.commit()

    db.session.expire_all()
    with count_statements(db) as together:
        received, sent = service.requests_both_ways(rosa)
    db.session.expire_all()
    with count_statements(db) as apart:
        lists = (service.requests_received(rosa), service.requests_sent(rosa))
    assert (received, sent) == lists
    assert [r.requester.display_name for r in received][-1] == "Luis Ccori"  # answered: last
    assert {r.requester.display_name for r in received} == {
        "John Miller",
        "Luis Ccori",
        "María Torres",
    }
    assert [r.recipient.display_name for r in sent] == ["Pedro Chávez"]
    assert together.total < apart.total  # one query and its loads instead of two of each
