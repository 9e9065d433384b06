"""The figures of the answers (exact averages, distributions), the answers page and the CSV."""

import csv
import io
from decimal import Decimal

from forum.surveys.services.results import survey_results


def _by_code(results):
    return {r.question.code: r for r in results.questions}


def test_figures_are_exact(app, cast, answered):
    with app.test_request_context():
        results = survey_results(answered.survey, "en")
    assert (results.responses, results.delegates) == (3, 4)
    assert results.rate == 0.75
    found = _by_code(results)
    assert found["overall"].average == Decimal("4.00")
    assert found["overall"].distribution == {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    assert found["meetings"].average == Decimal("3.67")
    assert found["meetings"].answered == 3
    assert (found["come_again"].yes, found["come_again"].no) == (2, 1)
    assert found["custom"].average == Decimal("3.00") and found["custom"].answered == 1
    assert found["custom"].wording == "How was the food?"
    # anonymous: the texts without names, oldest first
    assert found["improve"].texts == [("Más tiempo por reunión", ""), ("Longer slots", "")]


def test_the_answers_page_shows_figures_without_names(cast, answered, client, login):
    login(cast.organizer)
    page = client.get(f"/events/{cast.event.slug}/manage/survey/answers").get_data(as_text=True)
    assert "Average 4 out of 5, from 3 answers" in page
    assert 'max="3" value="1"' in page  # one bar per rating
    assert "Average 3.67 out of 5, from 3 answers" in page
    assert "Yes: 2 · No: 1" in page
    assert "75%" in page
    assert "Longer slots" in page and "Bruno Banker" not in page
    assert "Anonymous survey: the answers are shown without names." in page


def test_the_csv_has_one_row_per_response(cast, answered, client, login):
    login(cast.organizer)
    response = client.get(f"/events/{cast.event.slug}/manage/survey/answers.csv")
    assert response.headers["Content-Disposition"].endswith("hih-2023-survey.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Response", "Answered on"]
    assert rows[0][2:] == [
        "Overall, how would you rate the forum?",
        "How useful were the business meetings?",
        "Would you come again?",
        "What should we improve?",
        "How was the food?",
    ]
    assert [row[2:] for row in rows[1:]] == [
        ["4", "5", "yes", "Más tiempo por reunión", ""],
        ["5", "2", "no", "Longer slots", "3"],
        ["3", "4", "yes", "", ""],
    ]
    assert "Ana Quispe" not in response.data.decode("utf-8-sig")


def test_named_from_the_start_names_in_page_and_csv(cast, client, login):
    from forum.extensions import db
    from forum.surveys.services.answers import submit
    from forum.surveys.services.setup import save_survey
    from tests.surveys.conftest import by_code, open_input

    survey = save_survey(cast.event, open_input(anonymous=False))
    submit(survey, cast.ana, by_code(survey, overall=5, improve="Todo bien"))
    db.session.commit()
    login(cast.organizer)
    page = client.get(f"/events/{cast.event.slug}/manage/survey/answers").get_data(as_text=True)
    assert 'Todo bien <span class="text-body-secondary small">— Ana Quispe</span>' in page
    data = client.get(f"/events/{cast.event.slug}/manage/survey/answers.csv").data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][2:4] == ["Name", "Organisation"]
    assert rows[1][2:4] == ["Ana Quispe", "Cooperativa Jaén"]
