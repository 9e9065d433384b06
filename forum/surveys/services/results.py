"""What the delegates answered: counts, averages and distributions per question, the free
texts (named only when the survey is not anonymous), and the answers as a table for the CSV.

A fixed number of queries whatever the number of answers: the questions, the responses
counted, the values grouped, the texts, and (when named) their authors.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from forum.core.exports import Table
from forum.core.timerange import to_local
from forum.extensions import db
from forum.registration.models import Registration, RegistrationStatus
from forum.surveys.models import QuestionKind, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from forum.surveys.questions import RATINGS, wording

CENT = Decimal("0.01")


@dataclass
class QuestionResult:
    question: SurveyQuestion
    wording: str
    answered: int = 0
    average: Decimal | None = None  # ratings: to two places
    distribution: dict[int, int] = field(default_factory=dict)  # ratings 1-5; yes_no 1 / 0
    texts: list[tuple[str, str]] = field(default_factory=list)  # (answer, name or "")

    @property
    def kind(self) -> QuestionKind:
        return self.question.kind

    @property
    def yes(self) -> int:
        return self.distribution.get(1, 0)

    @property
    def no(self) -> int:
        return self.distribution.get(0, 0)


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    delegates: int  # approved delegates of the event: the response rate's whole
    questions: list[QuestionResult]

    @property
    def rate(self) -> float | None:
        return self.responses / self.delegates if self.delegates else None

    @property
    def ratings(self) -> list[QuestionResult]:
        return [q for q in self.questions if q.kind == QuestionKind.RATING]


TEXTS_PER_PAGE = 50  # free texts of each question on a page of the organizer's answers


def average(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(CENT, rounding=ROUND_HALF_UP)


def approved_delegates(survey: Survey) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Registration)
        .where(
            Registration.event_id == survey.event_id,
            Registration.status == RegistrationStatus.APPROVED,
        )
    )


def _answers_of(survey: Survey) -> sa.Select:
    return (
        sa.select(SurveyAnswer)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.survey_id == survey.id)
    )


def survey_results(
    survey: Survey, locale: str | None = None, texts: bool = True, text_page: int | None = None
) -> SurveyResults:
    """Every question's figures; the free texts too unless `texts` is False: all of them, or
    the `text_page`-th TEXTS_PER_PAGE of each question (past the end: the last page)."""
    results = {q.id: QuestionResult(q, wording(q, locale)) for q in survey.questions}
    responses = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(SurveyResponse)
        .where(SurveyResponse.survey_id == survey.id)
    )
    values = db.session.execute(
        _answers_of(survey)
        .with_only_columns(SurveyAnswer.question_id, SurveyAnswer.value, sa.func.count())
        .where(SurveyAnswer.value.is_not(None))
        .group_by(SurveyAnswer.question_id, SurveyAnswer.value)
    )
    for question_id, value, count in values:
        result = results.get(question_id)
        if result is not None:
            result.distribution[value] = count
    for result in results.values():
        if result.kind == QuestionKind.RATING:
            result.distribution = {r: result.distribution.get(r, 0) for r in RATINGS}
            result.answered = sum(result.distribution.values())
            total = sum(r * n for r, n in result.distribution.items())
            result.average = average(total, result.answered)
        else:
            result.answered = sum(result.distribution.values())
    if texts:
        _add_texts(survey, results, text_page)
    return SurveyResults(survey, responses, approved_delegates(survey), list(results.values()))


def _add_texts(survey: Survey, results: dict[int, QuestionResult], page: int | None) -> None:
    """Each question's free texts counted in one query; then all of them, or one page of
    each question's, in another (a thousand answers do not make a page of a thousand)."""
    texts = _answers_of(survey).where(SurveyAnswer.text != "")
    counts = dict(
        db.session.execute(
            texts.with_only_columns(SurveyAnswer.question_id, sa.func.count()).group_by(
                SurveyAnswer.question_id
            )
        ).all()
    )
    for question_id, count in counts.items():
        if question_id in results:
            results[question_id].answered += count
    position = sa.func.row_number().over(
        partition_by=SurveyAnswer.question_id,
        order_by=(SurveyResponse.submitted_at, SurveyAnswer.id),
    )
    numbered = texts.with_only_columns(
        SurveyAnswer.question_id,
        SurveyAnswer.text,
        SurveyResponse.registration_id,
        position.label("position"),
    ).subquery()
    query = sa.select(numbered.c.question_id, numbered.c.text, numbered.c.registration_id)
    if page is not None:
        last = max(1, -(-max(counts.values(), default=0) // TEXTS_PER_PAGE))
        first = (min(page, last) - 1) * TEXTS_PER_PAGE
        query = query.where(numbered.c.position.between(first + 1, first + TEXTS_PER_PAGE))
    rows = db.session.execute(query.order_by(numbered.c.question_id, numbered.c.position)).all()
    names = {} if survey.anonymous else _names({r for _q, _t, r in rows if r})
    for question_id, text, registration_id in rows:
        result = results.get(question_id)
        if result is not None:
            result.texts.append((text, names.get(registration_id, "")))


def _names(registration_ids: set[int]) -> dict[int, str]:
    if not registration_ids:
        return {}
    registrations = db.session.scalars(
        sa.select(Registration)
        .where(Registration.id.in_(registration_ids))
        .options(joinedload(Registration.user))  # display_name reads the user's name
    )
    return {r.id: r.display_name for r in registrations}


# The CSV: one row per response ---------------------------------------------------------


def _cell(question: SurveyQuestion, value: int | None, text: str) -> str | int | None:
    if question.kind == QuestionKind.TEXT:
        return text
    if question.kind == QuestionKind.YES_NO:
        return _("yes") if value == 1 else _("no")
    return value


def answers_table(survey: Survey) -> Table:
    """The answers, one row per response (oldest first), one column per question; the
    delegate's name and organisation only when the survey is not anonymous. Plain rows
    read with two queries (three when named), not ORM objects: 1,500 responses at once."""
    questions = list(survey.questions)
    named = not survey.anonymous
    columns = [_("Response"), _("Answered on")]
    if named:
        columns += [_("Name"), _("Organisation")]
    columns += [wording(q) for q in questions]
    responses = db.session.execute(
        sa.select(SurveyResponse.id, SurveyResponse.submitted_at, SurveyResponse.registration_id)
        .where(SurveyResponse.survey_id == survey.id)
        .order_by(SurveyResponse.submitted_at, SurveyResponse.id)
    ).all()
    given: dict[int, dict[int, tuple]] = {}
    for response_id, question_id, value, text in db.session.execute(
        _answers_of(survey).with_only_columns(
            SurveyAnswer.response_id,
            SurveyAnswer.question_id,
            SurveyAnswer.value,
            SurveyAnswer.text,
        )
    ):
        given.setdefault(response_id, {})[question_id] = (value, text)
    people = _people({r for _i, _s, r in responses if r}) if named else {}
    tz = survey.event.tz
    rows = []
    for number, (response_id, submitted_at, registration_id) in enumerate(responses, start=1):
        row: list = [number, to_local(submitted_at, tz).date().isoformat()]
        if named:
            row += list(people.get(registration_id, ("", "")))
        answers = given.get(response_id, {})
        row += [_cell(q, *answers[q.id]) if q.id in answers else None for q in questions]
        rows.append(row)
    return Table(_("Survey"), columns, rows)


def _people(registration_ids: set[int]) -> dict[int, tuple[str, str]]:
    """(name, organisation) of the named survey's authors."""
    if not registration_ids:
        return {}
    registrations = db.session.scalars(
        sa.select(Registration)
        .where(Registration.id.in_(registration_ids))
        .options(sa.orm.selectinload(Registration.organisation))
    )
    return {
        r.id: (r.display_name, r.organisation.name if r.organisation else "") for r in registrations
    }
