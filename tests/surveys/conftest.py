"""A small forum for the survey's tests: two approved delegates (Spanish, English), a pending
one, a delegate of another event, and a survey open today (pages use the real clock)."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from forum.core.types import utcnow
from forum.extensions import db
from forum.registration.models import Registration, RegistrationStatus
from forum.surveys.models import Survey
from forum.surveys.services.setup import CustomQuestion, SurveyInput, save_survey
from tests import factories


@dataclass
class Cast:
    event: object
    organizer: object
    ana: Registration  # approved, Spanish
    bruno: Registration  # approved, English
    carla: Registration  # pending
    outsider: Registration  # approved in another event


def today() -> date:
    return utcnow().date()


def open_input(**changes) -> SurveyInput:
    fields = dict(
        codes=("overall", "meetings", "come_again", "improve"),
        opens_on=today() - timedelta(days=1),
        closes_on=today() + timedelta(days=10),
        anonymous=True,
        custom=(CustomQuestion("rating", "¿Qué tal la comida?", "How was the food?"),),
    )
    fields.update(changes)
    return SurveyInput(**fields)


@pytest.fixture
def cast(db) -> Cast:
    organizer = factories.create_user("olga@example.org", "Olga Organizer")
    event = factories.create_event([organizer])
    reg = factories.create_registration
    ana = reg(event, "Ana Quispe", "Cooperativa Jaén", locale="es")
    bruno = reg(event, "Bruno Banker", "Fondo Andino", country="CO")
    carla = reg(event, "Carla Pending", "Cacao Sur", status=RegistrationStatus.SUBMITTED)
    other = factories.create_event([], slug="other-2024", name="Another forum")
    outsider = reg(other, "Otto Outsider", "Otra Org")
    db.session.commit()
    return Cast(event, organizer, ana, bruno, carla, outsider)


@pytest.fixture
def survey(cast) -> Survey:
    created = save_survey(cast.event, open_input())
    db.session.commit()
    return created
