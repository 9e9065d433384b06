"""The funder report as files: a PDF (WeasyPrint) and an XLSX with one sheet per section,
both from the same FunderReport (funder.py), in the language asked for."""

import base64
import io
import re
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_currency, format_decimal, format_percent
from flask import render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font

from forum.core import money
from forum.core.names import country_name
from forum.core.pdf import render_pdf
from forum.core.types import utcnow
from forum.events.models import Event
from forum.reports.dashboard import dashboard_charts
from forum.reports.services.funder import FunderReport, funder_report
from forum.reports.services.report_tables import Amount, Cell, Share


def format_money(amount: Amount, locale: str) -> str:
    """Money for people; a whole amount without its cents (a report reads $720,000)."""
    places = money.exponent(amount.currency)
    if places and amount.minor % 10**places == 0:
        pattern = Locale.parse(locale).currency_formats["standard"].pattern
        whole = pattern.split(";")[0].replace(".00", "")
        major = money.to_major(amount.minor, amount.currency)
        return format_currency(
            major, amount.currency, format=whole, locale=locale, currency_digits=False
        )
    return money.format_amount(amount.minor, amount.currency, locale)


def format_cell(value: Cell, locale: str) -> str:
    """A table cell for people, in the report's language."""
    if value is None:
        return "—"
    if isinstance(value, Amount):
        return format_money(value, locale)
    if isinstance(value, Share):
        return "—" if value.value is None else format_percent(value.value, locale=locale)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal):
        return format_decimal(value, format="#,##0.##", locale=locale)
    return str(value)


def _dates(event: Event, locale: str) -> str:
    if event.start_date == event.end_date:
        return format_date(event.start_date, "long", locale=locale)
    return format_interval(event.start_date, event.end_date, "yMMMMd", locale=locale)


def _place(event: Event, locale: str) -> str:
    parts = [event.venue, event.city]
    if event.country:
        parts.append(country_name(event.country, locale))
    seen: list[str] = []
    for part in (p.strip() for p in parts if p and p.strip()):
        if not any(part in earlier for earlier in seen):
            seen.append(part)
    return ", ".join(seen)


_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


def _chart_width(svg: str, widest: float, tallest: float = 105) -> str:
    """A chart's width in mm: as wide as its place allows, narrower when that would make it
    taller than `tallest` mm (a funnel of many value chains), so it stays on its table's page."""
    found = _VIEWBOX.search(svg)
    if found is None:
        return f"{widest}mm"
    width, height = (float(n) for n in found.groups())
    return f"{min(widest, tallest * width / height):.0f}mm"


def _svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _build(event: Event, language: str) -> tuple[FunderReport, dict]:
    report = funder_report(event, language)
    locale = str(get_locale())
    context = {
        "event": event,
        "report": report,
        "language": language,
        "locale": locale,
        "dates": _dates(event, locale),
        "place": _place(event, locale),
        "generated": format_date(utcnow().date(), "long", locale=locale),
        "cell": lambda value: format_cell(value, locale),
        "svg_uri": _svg_data_uri,
        "chart_width": _chart_width,
    }
    return report, context


# The dashboard's charts that help a funder read a table, by the table's key. The regions are
# left out (the countries say it), as are the registrations over time (a cockpit's concern).
CHARTED = {
    "participant_types": "participant_type",
    "organisation_types": "organisation_type",
    "organisation_sizes": "organisation_size",
    "countries": "country",
    "gender": "gender",
    "funnel": "funnel",
    "attendance": "attendance",
    "projects_by_value_chain": "projects",
}


def _add_charts(report: FunderReport) -> None:
    """The same pygal charts as the dashboard, drawn in the report's language (the caller's
    force_locale), each above the table with its figures."""
    drawn = dashboard_charts(report.figures, money_shown=True)
    for section in report.sections:
        for table in section.tables:
            chart = getattr(drawn, CHARTED.get(table.key, ""), None)
            if chart:
                table.chart = str(chart)


def report_pdf(event: Event, language: str) -> bytes:
    """The funder report as PDF bytes, in `language` (es or en), with charts."""
    with force_locale(language):
        report, context = _build(event, language)
        _add_charts(report)
        html = render_template("reports/pdf/funder.html", **context)
    return render_pdf(html)


# --- XLSX ----------------------------------------------------------------------------------

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet_names() -> dict[str, str]:
    # Excel allows 31 characters and no []:*?/\ in a sheet's name.
    return {
        "summary": _("Summary"),
        "participation": _("Participation"),
        "meetings": _("Meetings"),
        "outcomes": _("Outcomes"),
        "projects": _("Projects"),
        "survey": _("Survey"),
        "narrative": _("Narrative"),
        "indicators": _("Indicators"),
    }


def _put(sheet, row: int, values: list, font=None) -> None:
    """Write one row from column A: numbers as numbers, money in whole units with its
    currency in the cell's format, shares as percentages, text as text (never a formula)."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, Amount):
            places = money.exponent(value.currency)
            cell.value = money.to_major(value.minor, value.currency)
            decimals = "." + "0" * places if places else ""
            cell.number_format = f'#,##0{decimals} "{value.currency}"'
        elif isinstance(value, Share):
            cell.value = value.value
            cell.number_format = "0%"
        elif isinstance(value, str):
            cell.value = value
            cell.data_type = TYPE_STRING  # text that starts with "=" stays text
        else:
            cell.value = value
        if font is not None:
            cell.font = font


def _write_section(sheet, section) -> None:
    row = 1
    _put(sheet, row, [section.title], TITLE)
    row += 2
    if section.note:
        _put(sheet, row, [section.note])
        row += 2
    for label, value in section.facts:
        _put(sheet, row, [label, value])
        row += 1
    if section.facts:
        row += 1
    if section.empty:
        _put(sheet, row, [section.empty])
    for title, paragraphs in section.texts:
        _put(sheet, row, [title], BOLD)
        row += 1
        for paragraph in paragraphs:
            _put(sheet, row, [paragraph])
            sheet.cell(row=row, column=1).alignment = WRAP
            row += 1
        row += 1
    for table in section.tables:
        _put(sheet, row, [table.title], BOLD)
        row += 1
        _put(sheet, row, list(table.columns), BOLD)
        row += 1
        for values in table.rows:
            _put(sheet, row, list(values))
            row += 1
        if table.total:
            _put(sheet, row, list(table.total), BOLD)
            row += 1
        if table.note:
            _put(sheet, row, [table.note])
            row += 1
        row += 1
    sheet.column_dimensions["A"].width = 90 if section.texts else 42
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 18


def _write_summary(sheet, report: FunderReport, context: dict) -> None:
    event = report.event
    _put(sheet, 1, [_("Report for funders and partners")], TITLE)
    _put(sheet, 2, [event.name], BOLD)
    rows = [
        [_("Dates"), context["dates"]],
        [_("Place"), context["place"]],
        [_("Organizer"), event.organiser_name or ""],
        [_("Report currency"), event.report_currency],
        [_("Generated on"), context["generated"]],
        [],
        *[[label, value] for label, value in report.facts],
    ]
    for offset, values in enumerate(rows, start=4):
        _put(sheet, offset, values)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 50


def report_xlsx(event: Event, language: str) -> bytes:
    """The funder report as an XLSX workbook: a summary, then one sheet per section."""
    with force_locale(language):
        report, context = _build(event, language)
        names = _sheet_names()
        workbook = Workbook()
        summary = workbook.active
        summary.title = names["summary"][:31]
        _write_summary(summary, report, context)
        for section in report.sections:
            sheet = workbook.create_sheet(names.get(section.key, section.key)[:31])
            _write_section(sheet, section)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
