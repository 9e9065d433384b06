"""The organizer's choices: which questions, their own questions, the dates, anonymity.

The questions and anonymity are frozen once the first delegate has answered: the answers
keep meaning what they were given for, and nobody who answered anonymously is named later.
The dates may change at any time (to reopen a survey, or to close it early).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.audit.services import record
from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.surveys.models import QuestionKind, Survey, SurveyQuestion, SurveyResponse
from forum.surveys.questions import BY_CODE, CUSTOM, DEFAULT_CODES, FIXED, MAX_CUSTOM, WORDING_LIMIT

OPEN_FOR = timedelta(days=21)  # the default closing date: three weeks after opening
CUSTOM_KINDS = (QuestionKind.RATING, QuestionKind.TEXT)

NOT_YET, OPEN, CLOSED = "not_yet", "open", "closed"


@dataclass(frozen=True)
class CustomQuestion:
    kind: str
    text_es: str
    text_en: str


@dataclass(frozen=True)
class SurveyInput:
    codes: tuple[str, ...]  # fixed questions chosen, in the fixed order
    opens_on: date
    closes_on: date
    anonymous: bool = True
    custom: tuple[CustomQuestion, ...] = field(default_factory=tuple)


def survey_of(event: Event) -> Survey | None:
    return db.session.scalar(sa.select(Survey).where(Survey.event_id == event.id))


def default_input(event: Event) -> SurveyInput:
    """What the setup form offers first: the usual questions, opening the day after the end."""
    opens = event.end_date + timedelta(days=1)
    return SurveyInput(DEFAULT_CODES, opens, opens + OPEN_FOR)


def input_of(survey: Survey) -> SurveyInput:
    return SurveyInput(
        codes=tuple(q.code for q in survey.questions if not q.is_custom),
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        anonymous=survey.anonymous,
        custom=tuple(
            CustomQuestion(q.kind.value, q.text_es, q.text_en)
            for q in survey.questions
            if q.is_custom
        ),
    )


def state(survey: Survey, now: datetime | None = None) -> str:
    """NOT_YET, OPEN or CLOSED at `now`, by the days in the event's zone."""
    today = (now or utcnow()).astimezone(survey.event.tz).date()
    if today < survey.opens_on:
        return NOT_YET
    return OPEN if today <= survey.closes_on else CLOSED


def is_open(event: Event, now: datetime | None = None) -> bool:
    """Whether the event has a survey its delegates may answer now (for a link to it)."""
    survey = survey_of(event)
    return survey is not None and state(survey, now) == OPEN


def has_answers(survey: Survey) -> bool:
    return bool(
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(SurveyResponse)
            .where(SurveyResponse.survey_id == survey.id)
        )
    )


def _check(data: SurveyInput) -> None:
    unknown = [c for c in data.codes if c not in BY_CODE]
    if unknown:
        raise DomainError(_("Choose the questions from the list."))
    if len(data.custom) > MAX_CUSTOM:
        raise DomainError(_("At most %(num)d questions of your own.", num=MAX_CUSTOM))
    for question in data.custom:
        if question.kind not in {k.value for k in CUSTOM_KINDS}:
            raise DomainError(_("A question of your own is a rating or a free text."))
        if not question.text_es.strip() or not question.text_en.strip():
            raise DomainError(_("Write each question of your own in Spanish and in English."))
        if max(len(question.text_es), len(question.text_en)) > WORDING_LIMIT:
            raise DomainError(
                _("A question may have at most %(num)d characters.", num=WORDING_LIMIT)
            )
    if not data.codes and not data.custom:
        raise DomainError(_("Choose at least one question."))
    if data.closes_on < data.opens_on:
        raise DomainError(_("The survey cannot close before it opens."))


def _questions(data: SurveyInput) -> list[SurveyQuestion]:
    chosen = [q for q in FIXED if q.code in data.codes]
    questions = [SurveyQuestion(code=q.code, kind=q.kind) for q in chosen]
    questions += [
        SurveyQuestion(
            code=CUSTOM,
            kind=QuestionKind(c.kind),
            text_es=c.text_es.strip(),
            text_en=c.text_en.strip(),
        )
        for c in data.custom
    ]
    for position, question in enumerate(questions, start=1):
        question.position = position
    return questions


def _audit(data: SurveyInput) -> dict:
    return {
        # one line, as the audit log shows it: "overall, improve, text: Which chain is missing?"
        "questions": ", ".join([*data.codes, *(f"{c.kind}: {c.text_en}" for c in data.custom)]),
        "opens_on": data.opens_on.isoformat(),
        "closes_on": data.closes_on.isoformat(),
        "anonymous": data.anonymous,
    }


def save_survey(event: Event, data: SurveyInput) -> Survey:
    """Create or change the event's survey (audited); refused with the reason."""
    _check(data)
    data = SurveyInput(  # the fixed questions in their fixed order, however they were given
        codes=tuple(q.code for q in FIXED if q.code in data.codes),
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        anonymous=data.anonymous,
        custom=tuple(
            CustomQuestion(c.kind, c.text_es.strip(), c.text_en.strip()) for c in data.custom
        ),
    )
    survey = survey_of(event)
    if survey is None:
        survey = Survey(event=event, opens_on=data.opens_on, closes_on=data.closes_on)
        survey.anonymous = data.anonymous
        survey.questions = _questions(data)
        db.session.add(survey)
        db.session.flush()
        record(event, "survey.created", event.name, after=_audit(data))
        return survey
    before = input_of(survey)
    if before == data:
        return survey
    answered = has_answers(survey)
    if answered and (before.codes, before.custom) != (data.codes, data.custom):
        raise DomainError(_("Delegates have answered already: the questions can no longer change."))
    if answered and before.anonymous and not data.anonymous:
        raise DomainError(
            _("Delegates answered anonymously: the survey cannot show their names now.")
        )
    if (before.codes, before.custom) != (data.codes, data.custom):
        survey.questions = []
        db.session.flush()  # the old positions go before the new ones take them
        survey.questions = _questions(data)
    survey.opens_on, survey.closes_on = data.opens_on, data.closes_on
    survey.anonymous = data.anonymous
    db.session.flush()
    record(event, "survey.changed", event.name, before=_audit(before), after=_audit(data))
    return survey
