"""The answers in the team's dashboard and in the funder report (PDF and XLSX), in the
report's language."""

import io

import pytest
from openpyxl import load_workbook

from tests.pdf_tools import needs_poppler, pdf_lines


def test_the_dashboard_shows_the_response_rate_and_averages(cast, answered, client, login):
    login(cast.organizer)
    page = client.get("/events/hih-2023/manage/").get_data(as_text=True)
    section = page[page.index('id="survey-h"') :]
    assert "Survey after the forum" in section
    assert "75%" in section and "of 4 approved delegates" in section
    assert "Overall, how would you rate the forum?" in section
    assert ">3.67<" in section  # the meetings' average
    assert "/events/hih-2023/manage/survey/answers" in section


def test_an_event_without_a_survey_has_no_survey_section(cast, client, login):
    login(cast.organizer)
    page = client.get("/events/hih-2023/manage/").get_data(as_text=True)
    assert 'id="survey-h"' not in page


@needs_poppler
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Survey after the forum",
                "3 75% Responses Response rate",  # the facts: figures above their labels
                "Overall, how would you rate 3 4 0 0 1 1 1 the forum?",
                "How useful were the business 3 3.67 0 1 0 1 1 meetings?",
                "How was the food? 1 3 0 0 1 0 0",
                "Would you come again? 2 1 67%",
                "What should we improve? Más tiempo por reunión Longer slots",
            ],
        ),
        (
            "es",
            [
                "Encuesta después del foro",
                "3 75 % Respuestas recibidas Tasa de respuesta",
                "Valoraciones Pregunta Respuestas Promedio 1 2 3 4 5",
                "3,67",
                "¿Volvería a participar? 2 1 67 %",
                "¿Qué tal la comida? 1 3 0 0 1 0 0",
                "¿Qué deberíamos mejorar? Más tiempo por reunión Longer slots",
            ],
        ),
    ],
)
def test_the_funder_pdf_has_a_survey_section(app, answered, tmp_path, language, expected):
    from forum.reports.services.funder_files import report_pdf

    with app.test_request_context():
        text = " ".join(pdf_lines(report_pdf(answered.survey.event, language), tmp_path))
    for line in expected:
        assert line in text, line
    assert "Bruno Banker" not in text  # the texts are never named


def test_the_funder_xlsx_has_a_survey_sheet(cast, answered, client, login):
    login(cast.organizer)
    response = client.get("/events/hih-2023/manage/report.xlsx?lang=es")
    book = load_workbook(io.BytesIO(response.data))
    assert "Encuesta" in book.sheetnames
    rows = [
        [v for v in row if v is not None] for row in book["Encuesta"].iter_rows(values_only=True)
    ]
    assert ["Respuestas recibidas", 3] in rows
    assert ["Tasa de respuesta", 0.75] in rows
    meetings = ["¿Qué tan útiles fueron las reuniones de negocios?", 3, pytest.approx(3.67)]
    assert [*meetings, 0, 1, 0, 1, 1] in rows
    assert ["¿Volvería a participar?", 2, 1, pytest.approx(2 / 3)] in rows
    assert ["Longer slots"] in rows
