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


def by_code(survey: Survey, **answers) -> dict[int, object]:
    """Answers by question id from the questions' codes ('custom' for the organizer's own)."""
    return {q.id: answers[q.code] for q in survey.questions if q.code in answers}


@dataclass
class Answered:
    survey: Survey
    dora: Registration  # approved, answered
    erika: Registration  # approved, did not answer


@pytest.fixture
def answered(cast, survey) -> Answered:
    """Three responses of four approved delegates: overall 4, 5, 3 (average 4.00); meetings
    5, 2, 4 (3.67); would come again yes, no, yes; two texts; the custom rating once (3)."""
    from forum.surveys.services.answers import submit

    reg = factories.create_registration
    dora = reg(cast.event, "Dora Delgado", "Café Dora", locale="es")
    erika = reg(cast.event, "Erika Silent", "Silent Org")
    submit(
        survey,
        cast.ana,
        by_code(survey, overall=4, meetings=5, come_again=1, improve="Más tiempo por reunión"),
    )
    submit(
        survey,
        cast.bruno,
        by_code(survey, overall=5, meetings=2, come_again=0, custom=3, improve="Longer slots"),
    )
    submit(survey, dora, by_code(survey, overall=3, meetings=4, come_again=1))
    db.session.commit()
    return Answered(survey, dora, erika)
