"""A must-meet meeting the scheduler cannot place: both sides and the organizers are told
why, each in their language, once per plan and reason.

Foro Perú, Lima, 19–20 Mar 2024; meeting slots on the 19th (09:00–10:40) only.
"""

from datetime import date, time

import pytest
import sqlalchemy as sa

from forum.events.models import EventRole, SessionKind, TeamRole
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    Priority,
    RequestStatus,
    UnplacedNotice,
)
from forum.meetings.services import schedule, setup
from forum.notifications.models import Mail

REASON_EN = "Why: The preferred day or half-day has no meeting slot."
REASON_ES = "Por qué: El día o medio día preferido no tiene franjas de reunión."


@pytest.fixture
def forum(create_event, create_session, create_registration, create_user):
    olga = create_user(email="olga@foro.example", name="Olga Ramos", locale="es")
    owen = create_user(email="owen@foro.example", name="Owen Hart", locale="en")
    event = create_event(
        organizers=(olga, owen),
        slug="foro-peru",
        name="Foro de Inversiones Perú",
        timezone="America/Lima",
        start_date=date(2024, 3, 19),
        end_date=date(2024, 3, 20),
    )
    desk = create_user(email="desk@foro.example", name="Diana Desk")
    db.session.add(EventRole(event=event, user=desk, role=TeamRole.DESK.value))
    block = create_session(
        event, "Rueda B2B", start=time(9), end=time(10, 40), kind=SessionKind.B2B
    )
    setup.save_block(event, block, 20, 5)
    setup.add_tables(event, 2)
    people = {
        name.split()[0].lower(): create_registration(event, name, locale=locale)
        for name, locale in [
            ("Ana Quispe", "es"),
            ("Juan Pérez", "en"),
            ("Rosa Chambi", "es"),
            ("Luis Huamán", "en"),
        ]
    }
    db.session.commit()
    return event, people


def meet(event, first, second, priority, **preferences) -> Meeting:
    request = MeetingRequest(
        event_id=event.id,
        requester_id=first.id,
        recipient_id=second.id,
        kind=MeetingKind.B2B,
        priority=int(priority),
        status=RequestStatus.ACCEPTED,
        **preferences,
    )
    meeting = Meeting(event_id=event.id, request=request)
    meeting.participants = [
        MeetingParticipant(registration_id=first.id),
        MeetingParticipant(registration_id=second.id),
    ]
    db.session.add(meeting)
    db.session.commit()
    return meeting


def mails() -> dict[str, Mail]:
    found = db.session.scalars(sa.select(Mail).order_by(Mail.id)).all()
    assert len({m.recipient for m in found}) == len(found), "one mail per person"
    return {m.recipient: m for m in found}


def test_both_sides_and_the_organizers_are_told_why_in_their_language(forum):
    event, people = forum
    ana, juan, rosa, luis = people.values()
    kept = meet(event, ana, juan, Priority.MUST_MEET, preferred_day=date(2024, 3, 20))
    meet(event, rosa, luis, Priority.WOULD_LIKE, preferred_day=date(2024, 3, 20))  # not a must
    placed = meet(event, rosa, ana, Priority.MUST_MEET)

    schedule.apply(event, schedule.preview(event, "fill", time_limit=1))
    db.session.commit()

    assert placed.slot_id is not None and kept.slot_id is None
    sent = mails()
    assert sorted(sent) == sorted(
        [ana.user.email, juan.user.email, "olga@foro.example", "owen@foro.example"]
    )
    to_ana, to_juan = sent[ana.user.email], sent[juan.user.email]
    assert (to_ana.locale, to_ana.subject) == (
        "es",
        "No se pudo programar su reunión con Juan Pérez",
    )
    assert REASON_ES in to_ana.body
    assert (to_juan.locale, to_juan.subject) == (
        "en",
        "Your meeting with Ana Quispe could not be scheduled",
    )
    assert REASON_EN in to_juan.body
    assert "/events/foro-peru/meetings\n" in to_juan.body
    olga, owen = sent["olga@foro.example"], sent["owen@foro.example"]
    assert olga.subject == (
        "1 reunión imprescindible no se pudo programar en Foro de Inversiones Perú"
    )
    assert (
        "- Ana Quispe / Juan Pérez\n  El día o medio día preferido no tiene franjas de reunión."
        in (olga.body)
    )
    assert owen.subject == "1 must-meet meeting could not be scheduled at Foro de Inversiones Perú"
    assert "- Ana Quispe / Juan Pérez\n  The preferred day or half-day has no meeting slot." in (
        owen.body
    )
    assert "/events/foro-peru/manage/meetings/schedule\n" in owen.body
    (notice,) = db.session.scalars(sa.select(UnplacedNotice))
    assert (notice.meeting_id, notice.reason) == (kept.id, "allowed_slots is empty")


def test_no_one_is_told_twice(forum):
    event, people = forum
    ana, juan = people["ana"], people["juan"]
    meet(event, ana, juan, Priority.MUST_MEET, preferred_day=date(2024, 3, 20))
    first = schedule.preview(event, "fill", time_limit=1)
    schedule.apply(event, first)
    db.session.commit()
    assert len(mails()) == 4
    schedule.apply(event, first)  # the same plan again: nothing moved, nobody told again
    schedule.apply(event, schedule.preview(event, "fill", time_limit=1))  # same reason
    db.session.commit()
    assert len(mails()) == 4
    assert db.session.scalar(sa.select(sa.func.count(UnplacedNotice.id))) == 1
