from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.notifications.models import Mail
from forum.registration.models import RegistrationStatus, SeatStatus
from forum.registration.services import seating


@pytest.fixture
def workshop(create_event, create_session):
    event = create_event()
    return create_session(event, title="Taller de cafés especiales", capacity=2)


def test_sign_up_seats_until_full_then_queues(workshop, create_registration):
    regs = [create_registration(workshop.event) for _ in range(4)]
    seats = [seating.sign_up(workshop, r) for r in regs]
    assert [s.status for s in seats] == [SeatStatus.SEATED] * 2 + [SeatStatus.WAITING] * 2
    assert [seating.waiting_position(s) for s in seats[2:]] == [1, 2]
    assert seating.sign_up(workshop, regs[0]).id == seats[0].id  # twice is once
    assert seating.seated_count(workshop) == 2


def test_leaving_a_seat_promotes_first_in_queue_and_mails(db, workshop, create_registration):
    regs = [create_registration(workshop.event) for _ in range(4)]
    seats = [seating.sign_up(workshop, r) for r in regs]
    seats[3].created_at = seats[2].created_at + timedelta(seconds=1)
    db.session.commit()
    promoted = seating.leave(workshop, regs[0])
    assert promoted.registration_id == regs[2].id
    assert seating.find_seat(workshop, regs[2]).status == SeatStatus.SEATED
    assert seating.find_seat(workshop, regs[3]).status == SeatStatus.WAITING
    assert seating.find_seat(workshop, regs[0]) is None
    recipients = db.session.scalars(sa.select(Mail.recipient)).all()
    assert recipients == [regs[2].user.email]


def test_leaving_a_waiting_place_promotes_nobody(workshop, create_registration):
    regs = [create_registration(workshop.event) for _ in range(3)]
    for r in regs:
        seating.sign_up(workshop, r)
    assert seating.leave(workshop, regs[2]) is None
    assert seating.seated_count(workshop) == 2


def test_only_approved_delegates_of_the_event_sign_up(workshop, create_event, create_registration):
    pending = create_registration(workshop.event, status=RegistrationStatus.SUBMITTED)
    with pytest.raises(DomainError, match="Only approved delegates of this event can sign up."):
        seating.sign_up(workshop, pending)
    stranger = create_registration(create_event(slug="other"))
    with pytest.raises(DomainError):
        seating.sign_up(workshop, stranger)


def test_session_without_capacity_always_seats(create_event, create_session, create_registration):
    plenary = create_session(create_event(), title="Plenaria")
    regs = [create_registration(plenary.event) for _ in range(3)]
    assert {seating.sign_up(plenary, r).status for r in regs} == {SeatStatus.SEATED}
