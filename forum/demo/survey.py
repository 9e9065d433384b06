"""The survey after a demo forum and some delegates' answers, saved through the services of
the organizer's setup page and the delegate's answer page (survey.yaml; see data/README.md).
Each answer is given on a day of the survey's window, so the closed survey reads as a real
one did."""

from collections.abc import Callable
from datetime import time, timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.core.timerange import to_utc
from forum.demo import DATA, DemoDataError, read_yaml
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration
from forum.surveys.models import QuestionKind
from forum.surveys.services.answers import submit
from forum.surveys.services.setup import CustomQuestion, SurveyInput, save_survey

YES_NO = {True: 1, False: 0, "yes": 1, "no": 0}


def load_survey(event: Event, echo: Callable[[str], None] = print) -> None:
    path = DATA / event.slug / "survey.yaml"
    if not path.exists():
        return
    spec = read_yaml(path)
    where = f"{event.slug}/survey.yaml"
    try:
        survey = save_survey(
            event,
            SurveyInput(
                codes=tuple(spec.get("questions", [])),
                opens_on=spec["opens_on"],
                closes_on=spec["closes_on"],
                anonymous=spec.get("anonymous", True),
                custom=tuple(
                    CustomQuestion(c["kind"], c["es"], c["en"]) for c in spec.get("custom", [])
                ),
            ),
        )
        for n, answer in enumerate(spec.get("answers", [])):
            registration = _registration(event, answer["email"], where)
            day = survey.opens_on + timedelta(days=n % 7)
            when = to_utc(day, time(9), event.tz) + timedelta(minutes=37 * n)
            submit(survey, registration, _values(survey, answer), now=when)
    except DomainError as error:
        raise DemoDataError(f"{where}: {error}") from error
    except KeyError as error:
        raise DemoDataError(f"{where}: {error} is missing") from error
    echo(f"    survey: {len(spec.get('answers', []))} answers")


def _registration(event: Event, email: str, where: str) -> Registration:
    registration = db.session.scalar(
        sa.select(Registration)
        .join(User, User.id == Registration.user_id)
        .where(Registration.event_id == event.id, sa.func.lower(User.email) == email.lower())
    )
    if registration is None:
        raise DemoDataError(f"{where}: no delegate {email}")
    return registration


def _values(survey, answer: dict) -> dict:
    """The answer's values by question id: fixed questions by code, the custom one(s) as
    `custom` (the first) or `custom_2`, `custom_3`."""
    values: dict = {}
    custom_n = 0
    for question in survey.questions:
        if question.is_custom:
            custom_n += 1
            key = "custom" if custom_n == 1 else f"custom_{custom_n}"
        else:
            key = question.code
        value = answer.get(key)
        if value is None:
            continue
        if question.kind == QuestionKind.YES_NO:
            value = YES_NO.get(value, value)
        values[question.id] = value
    return values
