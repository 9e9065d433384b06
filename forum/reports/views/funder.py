"""The funder report: the organizer writes its narrative and custom indicators; the team's
organizers and viewers read the page and download the report as PDF or XLSX."""

from babel.numbers import format_decimal
from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from forum.core.errors import DomainError
from forum.reports.blueprint import bp
from forum.reports.forms import IndicatorForm, NarrativeForm
from forum.reports.models import LANGUAGES, ReportIndicator
from forum.reports.services import content
from forum.reports.services.funder_files import report_pdf, report_xlsx
from forum.web.access import VIEWER, event_item, organizer_required, team_required
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


def _figure_for_input(value) -> str:
    return "" if value is None else format_decimal(value, format="0.##", locale=get_locale())


def _unique_ids(form: IndicatorForm, suffix: str) -> IndicatorForm:
    """Several indicator forms share the page: each field's id (and its label's) gets a suffix."""
    for field in form:
        field.id = f"{field.name}-{suffix}"
        if getattr(field, "label", None) is not None:
            field.label.field_id = field.id
    return form


def _indicator_form(indicator: ReportIndicator) -> IndicatorForm:
    form = IndicatorForm(
        formdata=None,
        indicator_id=str(indicator.id),
        name_es=indicator.name_es,
        name_en=indicator.name_en,
        unit_es=indicator.unit_es,
        unit_en=indicator.unit_en,
        value=_figure_for_input(indicator.value),
        target=_figure_for_input(indicator.target),
    )
    return _unique_ids(form, str(indicator.id))


def _page(event, narrative_form=None, failed: IndicatorForm | None = None, status: int = 200):
    """The page; a form that failed is shown as typed, with its errors, in its place."""
    indicators = content.indicators_of(event)
    failed_id = failed.indicator_id.data if failed is not None else None
    forms = [
        _unique_ids(failed, str(i.id)) if failed_id == str(i.id) else _indicator_form(i)
        for i in indicators
    ]
    new_form = failed if failed is not None and not failed_id else IndicatorForm(formdata=None)
    _unique_ids(new_form, "new")
    if narrative_form is None:
        narrative = content.narrative_of(event)
        narrative_form = NarrativeForm(formdata=None, obj=narrative)
    language = get_locale().language
    return (
        render_template(
            "reports/funder.html",
            event=event,
            narrative_form=narrative_form,
            indicators=list(zip(indicators, forms, strict=True)),
            new_form=new_form,
            may_edit=current_user.is_organizer_of(event),
            languages=LANGUAGES,
            language=language if language in LANGUAGES else "es",
        ),
        status,
    )


@bp.get("/events/<slug>/manage/report")
@team_required(VIEWER)
def funder_report(event):
    return _page(event)


@bp.post("/events/<slug>/manage/report")
@organizer_required
def save_narrative(event):
    form = NarrativeForm()
    if not form.validate_on_submit():
        return _page(event, narrative_form=form, status=422)
    texts = {
        name: field.data or ""
        for name, field in form._fields.items()
        if name[-3:] in ("_es", "_en")
    }
    try:
        changed = content.save_narrative(event, texts)
    except DomainError as error:
        show_errors(form, undo(error))
        return _page(event, narrative_form=form, status=422)
    if changed:
        flash(_("The report's narrative has been saved."), "success")
    else:
        flash(_("Nothing has changed in the narrative."), "info")
    return redirect(url_for("reports.funder_report", slug=event.slug) + "#narrative")


def _input(form: IndicatorForm) -> content.IndicatorInput:
    return content.IndicatorInput(
        **{
            key: getattr(form, key).data or ""
            for key in ("name_es", "name_en", "unit_es", "unit_en", "value", "target")
        }
    )


@bp.post("/events/<slug>/manage/report/indicators")
@organizer_required
def save_indicator(event):
    """Add, save, delete or move one indicator, by the button pressed."""
    form = IndicatorForm()
    raw_id = form.indicator_id.data or ""
    indicator = event_item(event, ReportIndicator, int(raw_id)) if raw_id.isdigit() else None
    if raw_id and indicator is None:
        form.indicator_id.data = ""
    back = redirect(url_for("reports.funder_report", slug=event.slug) + "#indicators")
    if not form.validate_on_submit():
        return _page(event, failed=form, status=422)
    if indicator is not None and form.delete.data:
        content.delete_indicator(indicator)
        flash(_("The indicator has been deleted."), "success")
        return back
    if indicator is not None and (form.up.data or form.down.data):
        content.move_indicator(indicator, -1 if form.up.data else 1)
        return back
    locale = str(get_locale())
    try:
        if indicator is None:
            content.add_indicator(event, _input(form), locale)
            flash(_("The indicator has been added."), "success")
        elif content.update_indicator(indicator, _input(form), locale):
            flash(_("The indicator has been saved."), "success")
    except DomainError as error:
        show_errors(form, undo(error))
        return _page(event, failed=form, status=422)
    return back


def _language() -> str:
    chosen = request.args.get("lang", "")
    if chosen in LANGUAGES:
        return chosen
    language = get_locale().language
    return language if language in LANGUAGES else "es"


def _download(data: bytes, name: str, mimetype: str) -> Response:
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/events/<slug>/manage/report.pdf")
@team_required(VIEWER)
def funder_report_pdf(event):
    language = _language()
    return _download(
        report_pdf(event, language), f"{event.slug}-report-{language}.pdf", "application/pdf"
    )


@bp.get("/events/<slug>/manage/report.xlsx")
@team_required(VIEWER)
def funder_report_xlsx(event):
    language = _language()
    return _download(
        report_xlsx(event, language),
        f"{event.slug}-report-{language}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
