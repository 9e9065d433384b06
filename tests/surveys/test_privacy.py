"""A person's answers in "My data", and what their erasure leaves of them."""

import sqlalchemy as sa

from forum.extensions import db
from forum.privacy.services.erasure import erase_person
from forum.privacy.services.export import person_data
from forum.surveys.models import SurveyAnswer, SurveyResponse
from forum.surveys.services.results import survey_results


def test_my_data_has_the_survey_answers(app, cast, answered):
    with app.test_request_context():
        data = person_data(cast.bruno.user)
    answers = data["registrations"][0]["survey_answers"]
    assert [(a["question_en"], a["value"], a["text"]) for a in answers] == [
        ("Overall, how would you rate the forum?", 5, ""),
        ("How useful were the business meetings?", 2, ""),
        ("Would you come again?", 0, ""),
        ("What should we improve?", None, "Longer slots"),
        ("How was the food?", 3, ""),
    ]
    assert answers[0]["question_es"] == "En general, ¿cómo valora el foro?"


def test_erasure_drops_the_texts_and_detaches_the_ratings(app, cast, answered):
    erase_person(cast.bruno.user)
    db.session.commit()
    response = db.session.scalar(
        sa.select(SurveyResponse).where(SurveyResponse.registration_id.is_(None))
    )
    assert sorted(a.value for a in response.answers) == [0, 2, 3, 5]
    texts = db.session.scalars(sa.select(SurveyAnswer.text).where(SurveyAnswer.text != ""))
    assert list(texts) == ["Más tiempo por reunión"]  # Ana's stays, Bruno's went
    with app.test_request_context():
        results = survey_results(answered.survey, "en")
        assert results.responses == 3  # the figures do not change
        assert person_data(cast.bruno.user)["registrations"][0]["survey_answers"] == []
    # the erased delegate's slot is free: nothing points to them any more
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(SurveyResponse)
            .where(SurveyResponse.registration_id == cast.bruno.id)
        )
        == 0
    )
