"""A small forum for the mailings' tests: five delegates who differ in one thing each."""

from dataclasses import dataclass

import pytest

from forum.core.types import utcnow
from forum.extensions import db
from forum.meetings.models import MeetingStatus
from forum.registration.models import (
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)
from tests import factories
from tests.factories.meetings import create_block, create_meeting, create_tables


@dataclass
class Cast:
    event: object
    organizer: object
    ana: Registration  # approved producer, Peru, coffee, Spanish, a placed meeting, checked in
    bruno: Registration  # approved investor, Colombia, English, a placed meeting
    carla: Registration  # approved producer, Peru, cacao, English, only a cancelled meeting
    diego: Registration  # waiting producer, Peru, coffee, Spanish
    coffee: Tag
    cacao: Tag


def _tag(registration: Registration, tag: Tag) -> None:
    db.session.add(
        RegistrationTag(registration_id=registration.id, tag_id=tag.id, role=TagRole.SECTOR)
    )


@pytest.fixture
def cast(db) -> Cast:
    organizer = factories.create_user("olga@example.org", "Olga Organizer")
    event = factories.create_event([organizer])
    coffee, cacao = Tag(event=event, name_es="coffee"), Tag(event=event, name_es="cacao")
    db.session.add_all([coffee, cacao])
    reg = factories.create_registration
    ana = reg(
        event,
        "Ana Quispe",
        "Cooperativa Jaén",
        locale="es",
        participant_type="Producer",
        checked_in_at=utcnow(),
    )
    bruno = reg(event, "Bruno Banker", "Fondo Andino", country="CO", participant_type="Investor")
    carla = reg(event, "Carla Cacao", "Cacao Sur", participant_type="Producer")
    diego = reg(
        event,
        "Diego Waiting",
        "Café Diego",
        locale="es",
        participant_type="Producer",
        status=RegistrationStatus.WAITING,
    )
    erased = reg(event, "Erika Erased", "Erased Org", participant_type="Producer")
    erased.erased_at = utcnow()
    unconfirmed = factories.create_user("self@example.org", "Sam Self", confirmed=False)
    reg(event, user=unconfirmed, participant_type="Producer")  # does not reach the desk
    for registration, tag in ((ana, coffee), (diego, coffee), (carla, cacao), (erased, coffee)):
        _tag(registration, tag)
    block = create_block(event, slots=2)
    tables = create_tables(event, 2)
    create_meeting(ana, bruno, slot=block.slots[0], table=tables[0])
    create_meeting(
        carla, diego, slot=block.slots[1], table=tables[1], status=MeetingStatus.CANCELLED
    )
    db.session.commit()
    return Cast(event, organizer, ana, bruno, carla, diego, coffee, cacao)
