"""A delegate's answers: only an approved delegate of the survey's event, only while it is
open, one response each (unique survey and registration), which they may change until the
survey closes."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import format_date
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.extensions import db
from forum.registration.models import Registration
from forum.surveys.models import QuestionKind, Survey, SurveyAnswer, SurveyResponse
from forum.surveys.questions import RATINGS, TEXT_LIMIT
from forum.surveys.services.setup import CLOSED, NOT_YET, state

Value = int | str | None


def response_of(survey: Survey, registration: Registration) -> SurveyResponse | None:
    return db.session.scalar(
        sa.select(SurveyResponse).where(
            SurveyResponse.survey_id == survey.id,
            SurveyResponse.registration_id == registration.id,
        )
    )


def answers_by_question(response: SurveyResponse | None) -> dict[int, Value]:
    """What the delegate answered, by question id (to fill the form again)."""
    if response is None:
        return {}
    return {
        a.question_id: a.text if a.question.kind == QuestionKind.TEXT else a.value
        for a in response.answers
    }


def refusal(survey: Survey, now: datetime | None = None) -> str | None:
    """Why nobody may answer now, in words; None while the survey is open."""
    current = state(survey, now)
    if current == NOT_YET:
        return _("The survey opens on %(day)s.", day=format_date(survey.opens_on, format="long"))
    if current == CLOSED:
        return _(
            "The survey closed on %(day)s. Thank you for your interest.",
            day=format_date(survey.closes_on, format="long"),
        )
    return None


def _clean(kind: QuestionKind, value: Value) -> tuple[int | None, str]:
    if kind == QuestionKind.TEXT:
        text = (value or "").strip() if isinstance(value, str) else ""
        text = "".join(c for c in text if c in "\n\t" or c.isprintable())
        if len(text) > TEXT_LIMIT:
            raise DomainError(_("An answer may have at most %(num)d characters.", num=TEXT_LIMIT))
        return None, text
    if value in (None, ""):
        return None, ""
    allowed = RATINGS if kind == QuestionKind.RATING else (0, 1)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number not in allowed:
        raise DomainError(_("Choose one of the answers offered."))
    return number, ""


def submit(
    survey: Survey,
    registration: Registration,
    values: dict[int, Value],
    now: datetime | None = None,
) -> SurveyResponse:
    """Save (or change) the delegate's answers; refused with the reason."""
    if registration.event_id != survey.event_id or not registration.is_approved:
        raise DomainError(_("Only the approved delegates of this event answer its survey."))
    if registration.erased_at is not None:
        raise DomainError(_("Only the approved delegates of this event answer its survey."))
    reason = refusal(survey, now)
    if reason:
        raise DomainError(reason)
    cleaned = {q.id: (q, *_clean(q.kind, values.get(q.id))) for q in survey.questions}
    if all(number is None and not text for _q, number, text in cleaned.values()):
        raise DomainError(_("Answer at least one question."))
    now = now or utcnow()
    # Two submissions at once (a double click) wait for each other here, so the second
    # finds the first's response and changes it instead of breaking the unique key.
    lock_row(Registration, registration.id)
    response = response_of(survey, registration)
    if response is None:
        response = SurveyResponse(survey=survey, registration=registration, submitted_at=now)
        db.session.add(response)
    response.updated_at = now
    existing = {a.question_id: a for a in response.answers}
    for question_id, (question, number, text) in cleaned.items():
        answer = existing.get(question_id)
        if number is None and not text:
            if answer is not None:
                response.answers.remove(answer)
            continue
        if answer is None:
            answer = SurveyAnswer(question=question)
            response.answers.append(answer)
        answer.value, answer.text = number, text
    db.session.flush()
    return response
