"""The organizer's setup: defaults, validation in both languages, audit, frozen once answered."""

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.core.errors import DomainError
from forum.extensions import db
from forum.surveys.models import Survey
from forum.surveys.services.setup import input_of, save_survey
from tests.surveys.conftest import open_input

URL = "/events/hih-2023/manage/survey"


def _form(**changes) -> dict:
    data = {
        "ask_overall": "y",
        "ask_improve": "y",
        "opens_on": "2023-10-21",
        "closes_on": "2023-11-10",
        "anonymous": "y",
        "custom_1-kind": "",
        "custom_1-text_es": "",
        "custom_1-text_en": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_offers_the_usual_questions_from_the_day_after_the_event(cast, client, login):
    login(cast.organizer)
    page = client.get(URL).get_data(as_text=True)
    assert 'name="opens_on" required type="date" value="2023-10-21"' in page or (
        'value="2023-10-21"' in page
    )
    assert 'value="2023-11-11"' in page  # three weeks later
    assert 'id="ask_overall" name="ask_overall" type="checkbox" value="y"' in page
    assert 'id="anonymous" name="anonymous" type="checkbox" value="y"' in page


def test_a_survey_is_saved_with_its_own_question_and_audited(cast, client, login):
    login(cast.organizer)
    done = client.post(
        URL,
        data=_form(
            **{
                "custom_1-kind": "text",
                "custom_1-text_es": "¿Qué cadena falta?",
                "custom_1-text_en": "Which value chain is missing?",
            }
        ),
        follow_redirects=True,
    )
    assert "The survey has been saved." in done.get_data(as_text=True)
    survey = db.session.scalar(sa.select(Survey))
    assert [(q.position, q.code, q.kind.value) for q in survey.questions] == [
        (1, "overall", "rating"),
        (2, "improve", "text"),
        (3, "custom", "text"),
    ]
    assert survey.questions[2].text_en == "Which value chain is missing?"
    assert (str(survey.opens_on), str(survey.closes_on), survey.anonymous) == (
        "2023-10-21",
        "2023-11-10",
        True,
    )
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "survey.created"))
    assert entry.after["questions"] == "overall, improve, text: Which value chain is missing?"


@pytest.mark.parametrize(
    ("locale", "messages"),
    [
        (
            "en",
            [
                "The survey cannot close before it opens.",
                "Write the question in English.",
                "Give the opening date.",
            ],
        ),
        (
            "es",
            [
                "La encuesta no puede cerrar antes de abrir.",
                "Escriba la pregunta en inglés.",
                "Indique la fecha de apertura.",
            ],
        ),
    ],
)
def test_mistakes_are_told_in_the_organizers_language(cast, client, login, locale, messages):
    cast.organizer.locale = locale
    db.session.commit()
    login(cast.organizer)
    page = client.post(
        URL,
        data=_form(
            **{"closes_on": "2023-10-01", "custom_1-kind": "rating", "custom_1-text_es": "¿Comida?"}
        ),
    ).get_data(as_text=True)
    for message in messages[:2]:
        assert message in page
    assert "¿Comida?" in page  # what was typed stays
    empty = client.post(URL, data=_form(opens_on="")).get_data(as_text=True)
    assert messages[2] in empty
    none = client.post(URL, data=_form(ask_overall=None, ask_improve=None))
    expected = "Choose at least one question." if locale == "en" else "Elija al menos una pregunta."
    assert expected in none.get_data(as_text=True)
    forged = client.post(URL, data=_form(**{"custom_1-kind": "salary", "opens_on": "2023-13-45"}))
    offered = "Choose one of the answers offered." if locale == "en" else "Elija una de las"
    not_a_date = "Not a valid date value." if locale == "en" else "No es una fecha válida."
    assert offered in forged.get_data(as_text=True)
    assert not_a_date in forged.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Survey)) == 0


def test_questions_and_anonymity_are_frozen_once_answered_but_dates_move(
    cast, answered, client, login
):
    survey = answered.survey
    data = input_of(survey)
    with pytest.raises(DomainError, match="questions can no longer change"):
        save_survey(cast.event, open_input(codes=("overall",)))
    with pytest.raises(DomainError, match="cannot show their names"):
        save_survey(cast.event, data.__class__(**{**data.__dict__, "anonymous": False}))
    db.session.rollback()
    later = data.__class__(**{**data.__dict__, "closes_on": data.closes_on.replace(year=2099)})
    save_survey(cast.event, later)
    db.session.commit()
    assert survey.closes_on.year == 2099
    assert [
        e.action for e in db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id))
    ] == [
        "survey.created",
        "survey.changed",
    ]


def test_too_many_or_foreign_questions_are_refused(cast):
    from forum.surveys.services.setup import CustomQuestion

    custom = CustomQuestion("rating", "a", "b")
    with pytest.raises(DomainError, match="At most 3"):
        save_survey(cast.event, open_input(custom=(custom,) * 4))
    with pytest.raises(DomainError, match="from the list"):
        save_survey(cast.event, open_input(codes=("salary",)))
    with pytest.raises(DomainError, match="rating or a free text"):
        save_survey(cast.event, open_input(custom=(CustomQuestion("yes_no", "a", "b"),)))
