"""The funder report: its PDF read back with pdftotext and its XLSX with openpyxl, in both
languages, on the small world of tests/reports/world.py; the organizer's narrative and
indicators (errors in the user's language, nothing saved lost, the audit log)."""

import io
from decimal import Decimal

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from forum.audit.models import AuditEntry
from forum.extensions import db
from forum.reports.models import ReportIndicator, ReportNarrative
from forum.reports.services import content
from forum.reports.services.content import IndicatorInput
from tests.pdf_tools import needs_poppler, pdf_lines
from tests.reports.world import build_world


def _world(with_meetings: bool = True):
    """The figures' world, with a women-led cooperative, a narrative and two indicators."""
    world = build_world(with_meetings=with_meetings)
    world.bruno.organisation.women_led = True
    content.save_narrative(
        world.event,
        {
            "objectives_es": "Movilizar inversión para el café de Jaén.",
            "objectives_en": "Mobilise investment for Jaén's coffee.",
            "lessons_es": "Las reuniones B2G necesitan más tiempo.",  # English left empty
        },
    )
    content.add_indicator(
        world.event,
        IndicatorInput(name_es="Empleos verdes", name_en="Green jobs", value="1400", target="2000"),
    )
    content.add_indicator(
        world.event, IndicatorInput(name_es="Mipymes capacitadas", value="12,5"), locale="es"
    )
    db.session.commit()
    return world


@needs_poppler
def test_pdf_in_english(db, client, login, tmp_path):
    world = _world()
    login(world.organizer)
    response = client.get(f"/events/{world.event.slug}/manage/report.pdf?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "hih-2023-report-en.pdf" in response.headers["Content-Disposition"]
    lines = pdf_lines(response.data, tmp_path)
    for line in (
        "REPORT FOR FUNDERS AND PARTNERS",
        "Oct 16 – 20, 2023 · FAO headquarters, Rome, Italy",
        "3 3 2 1 3",  # the cover's headline figures
        "Participants Organisations Countries Meetings held Projects presented",
        "Micro (1–10 people) 0 0%",
        "Small (11–50) 1 33%",
        "Participants from micro, small and medium enterprises (MSMEs): 1.",
        "Peru 2 67%",
        "Not given (Colombia) 1 33%",
        "Woman 2 67%",
        "Led by women 1 33%",
        "Other organisations 2 67%",
        "B2B 3 2 1 1",
        "B2G 2 2 2 0",
        "Total 5 4 3 1",
        "No-show 1",
        "Not reported yet 1",
        "Café 5 3",
        "Cacao 3 2",
        "Follow-up agreed 1",
        "Investment discussion 1",
        "Investment discussed in meetings (not a commitment)",
        "USD $1,000,000 $1,000,000",
        "Café 2 $720,000 2 $100,000 $80,000",
        "Committed 1 USD $80,000 $80,000",
        "Not given Committed 1 $80,000 $80,000",  # by instrument
        "EUR 1.1",  # the organizer's rate
        "Mobilise investment for Jaén's coffee.",
        "Las reuniones B2G necesitan más tiempo.",  # written in Spanish only
        "Green jobs 1,400 2,000 70%",
        "Mipymes capacitadas 12.5 — —",
    ):
        assert line in " ".join(lines), line
    assert "No meetings yet." not in lines
    # The dashboard's charts are drawn into the PDF (as vectors: their words are text): the
    # funnel's labels and the short amounts at the bars' ends exist only in the charts.
    text = " ".join(lines)
    assert "Requests sent" in text and "Cancelled before " in text
    assert "720K" in text and "720 mil" not in text


@needs_poppler
def test_pdf_in_spanish_of_an_event_without_meetings(db, tmp_path):
    from forum.reports.services.funder_files import report_pdf

    world = _world(with_meetings=False)
    lines = pdf_lines(report_pdf(world.event, "es"), tmp_path)
    assert lines.count("Todavía no hay reuniones.") == 2  # the meetings and their outcomes
    assert "De la solicitud a la reunión" not in lines and "Resultados informados" not in lines
    for line in (
        "INFORME PARA FINANCIADORES Y SOCIOS",
        "16–20 de octubre de 2023 · FAO headquarters, Rome, Italia",
        "Perú 2 67 %",
        "Liderada por mujeres 1 33 %",
        "Café 2 720.000 US$ 2 100.000 US$ 80.000 US$",
        "Comprometido 1 USD 80.000 US$ 80.000 US$",
        "EUR 1,1",
        "Movilizar inversión para el café de Jaén.",
        "Empleos verdes 1.400 2.000 70 %",
        "Mipymes capacitadas 12,5 — —",
    ):
        assert line in " ".join(lines), line
    # The projects' chart speaks the report's language (720 mil, not 720K), whatever the
    # request's; no funnel chart without meetings.
    assert "720 mil" in " ".join(lines) and "720K" not in " ".join(lines)
    assert "Solicitudes enviadas" not in " ".join(lines)


def _sheet_rows(sheet) -> list[list]:
    return [[v for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]


def test_xlsx_has_one_sheet_per_section_with_numbers(db, client, login):
    world = _world()
    login(world.organizer)
    response = client.get(f"/events/{world.event.slug}/manage/report.xlsx?lang=es")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [
        "Resumen",
        "Participación",
        "Reuniones",
        "Resultados de reuniones",
        "Proyectos",
        "Narrativa",
        "Indicadores",
    ]
    summary = _sheet_rows(book["Resumen"])
    assert ["Participantes", 3] in summary and ["Reuniones realizadas", 1] in summary
    participation = _sheet_rows(book["Participación"])
    assert ["Perú", 2, pytest.approx(2 / 3)] in participation
    assert ["Liderada por mujeres", 1, pytest.approx(1 / 3)] in participation
    meetings = _sheet_rows(book["Reuniones"])
    assert ["B2B", 3, 2, 1, 1] in meetings and ["Total", 5, 4, 3, 1] in meetings
    outcomes = book["Resultados de reuniones"]
    rows = _sheet_rows(outcomes)
    assert ["USD", Decimal("1000000"), Decimal("1000000")] in rows
    amount = next(c for row in outcomes.iter_rows() for c in row if c.value == 1_000_000)
    assert amount.number_format == '#,##0.00 "USD"'
    projects = _sheet_rows(book["Proyectos"])
    assert ["Café", 2, Decimal("720000"), 2, Decimal("100000"), Decimal("80000")] in projects
    assert ["EUR", Decimal("1.1")] in projects or ["EUR", 1.1] in projects
    indicators = _sheet_rows(book["Indicadores"])
    assert ["Empleos verdes", 1400, 2000, pytest.approx(0.7)] in indicators
    assert ["Mipymes capacitadas", 12.5] in indicators
    narrative = _sheet_rows(book["Narrativa"])
    assert ["Movilizar inversión para el café de Jaén."] in narrative


def test_the_report_page_and_its_forms(db, client, login):
    world = _world(with_meetings=False)
    slug = world.event.slug
    login(world.organizer)
    page = client.get(f"/events/{slug}/manage/report").get_data(as_text=True)
    assert f"/events/{slug}/manage/report.pdf?lang=es" in page
    assert f"/events/{slug}/manage/report.xlsx?lang=en" in page
    assert 'value="Green jobs"' in page and 'value="12.5"' in page

    response = client.post(
        f"/events/{slug}/manage/report/indicators",
        data={"name_en": "Networks led by women", "value": "forty", "target": "1O"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "“forty” is not a number" in page and "“1O” is not a number" in page
    assert 'value="Networks led by women"' in page  # what was typed stays in the form
    assert db.session.scalar(sa.select(sa.func.count(ReportIndicator.id))) == 2

    client.post("/language", data={"lang": "es"})
    green = db.session.scalar(sa.select(ReportIndicator).filter_by(name_en="Green jobs"))
    response = client.post(
        f"/events/{slug}/manage/report/indicators",
        data={"indicator_id": green.id, "name_en": "Green jobs", "value": "", "save": "1"},
    )
    assert response.status_code == 422
    assert "Indique un valor." in response.get_data(as_text=True)
    db.session.expire_all()
    assert green.value == Decimal("1400.00")  # nothing saved is lost

    response = client.post(
        f"/events/{slug}/manage/report/indicators",
        data={"indicator_id": green.id, "name_es": "Empleos verdes", "value": "1.450,5"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert (green.value, green.name_en, green.target) == (Decimal("1450.50"), "", None)

    response = client.post(
        f"/events/{slug}/manage/report",
        data={"results_es": "Tres planes presentados.", "results_en": "Three plans presented."},
    )
    assert response.status_code == 302
    narrative = db.session.scalar(sa.select(ReportNarrative))
    assert (narrative.results_en, narrative.objectives_es) == ("Three plans presented.", "")
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["report.indicator_changed", "report.narrative_changed"]
    entry = db.session.scalar(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    assert entry.after["results_en"] == "Three plans presented."

    client.post(
        f"/events/{slug}/manage/report/indicators", data={"indicator_id": green.id, "delete": "1"}
    )
    assert db.session.scalar(sa.select(sa.func.count(ReportIndicator.id))) == 1


def test_move_indicator_and_parse_figures(db):
    world = _world(with_meetings=False)
    first, second = content.indicators_of(world.event)
    content.move_indicator(second, -1)
    assert content.indicators_of(world.event) == [second, first]
    assert content.parse_figure("1,234.5", "en", "value", True) == Decimal("1234.50")
    assert content.parse_figure("1.234,5", "es", "value", True) == Decimal("1234.50")
    assert content.parse_figure("46", "es", "value", True) == Decimal("46.00")
    assert content.parse_figure(" ", "es", "target", False) is None
    for bad in ("NaN", "1e999999", "abc", "12 %"):
        with pytest.raises(Exception, match="not a number|too large"):
            content.parse_figure(bad, "en", "value", True)
