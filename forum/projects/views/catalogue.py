"""The project catalogue, a project's page and its document."""

from flask import abort, render_template, request, send_file
from flask_babel import get_locale
from flask_login import current_user

from forum.core import money
from forum.core.errors import DomainError
from forum.core.labels import INTEREST_LEVEL_LABELS, LABELS
from forum.core.names import named_countries
from forum.core.text_search import search_words
from forum.events.models import Event
from forum.projects.blueprint import bp
from forum.projects.forms import PresenterForm
from forum.projects.models import Instrument, Project, ProjectKind, ProjectStatus
from forum.projects.services import catalogue as project_catalogue
from forum.projects.services import presenters
from forum.projects.services import projects as service
from forum.projects.services.documents import document_folder, document_path
from forum.projects.services.pitches import project_pitches
from forum.projects.views.interest import investment_view
from forum.web.access import event_item, is_organizer, my_registration, visible_event
from forum.web.pagination import paginate_list


@bp.app_template_filter("money")
def money_filter(minor: int | None, currency: str) -> str:
    """{{ project.amount_sought|money(project.currency) }}: the amount for the user's locale."""
    if minor is None:
        return ""
    return money.format_amount(minor, currency, str(get_locale()))


def catalogue_event(slug: str) -> Event:
    """The event, if its catalogue is open to the current user; 404 otherwise."""
    event = visible_event(slug)
    if not project_catalogue.may_view_catalogue(event, current_user):
        abort(404)
    return event


def viewable_project(event: Event, project_id: int) -> Project:
    """A project of this event the current user may see; 404 otherwise."""
    project = event_item(event, Project, project_id)
    if not project_catalogue.may_view_project(project, current_user, my_registration(event)):
        abort(404)
    return project


def _enum_arg(enum_cls, name: str):
    value = request.args.get(name, "")
    return enum_cls(value) if value in set(enum_cls) else None


def _filters(event: Event) -> tuple[project_catalogue.CatalogueFilters, list[str]]:
    """The filters from the query string, and the messages for amounts that could not be read."""
    currency = request.args.get("currency", "").upper()
    if not money.is_currency(currency):
        currency = event.report_currency
    filters = project_catalogue.CatalogueFilters(
        text=request.args.get("q", "")[:200],
        tag_id=request.args.get("tag", type=int),
        country=request.args.get("country", "")[:2].upper(),
        instrument=_enum_arg(Instrument, "instrument"),
        kind=_enum_arg(ProjectKind, "kind"),
        amount_currency=currency,
    )
    errors = []
    for name, attribute in (("min", "amount_min"), ("max", "amount_max")):
        try:
            value = money.parse_amount(
                request.args.get(name, "")[:40], currency, str(get_locale()), name
            )
        except DomainError as error:
            errors.append(str(error))
        else:
            setattr(filters, attribute, value)
    return filters, errors


def _filter_choices(event: Event) -> dict:
    accepted = service.event_projects(event, ProjectStatus.ACCEPTED)
    currencies = dict.fromkeys([event.report_currency, *sorted({p.currency for p in accepted})])
    return {
        "countries": named_countries({p.country for p in accepted}),
        "currencies": list(currencies),
    }


def _filter_args() -> dict:
    """The filters as typed, for the links to the other pages."""
    names = ("q", "tag", "country", "instrument", "kind", "min", "max", "currency")
    return {name: request.args[name][:200] for name in names if request.args.get(name)}


@bp.get("/events/<slug>/projects")
def catalogue(slug: str):
    event = catalogue_event(slug)
    filters, errors = _filters(event)
    projects = project_catalogue.catalogue(event, filters)
    return render_template(
        "projects/catalogue.html",
        event=event,
        projects=projects,
        pagination=paginate_list(projects),
        args=_filter_args(),
        filters=filters,
        filter_errors=errors,
        search_note=search_words(filters.text).note,
        total=money.converted_total(event, projects),
        amount_text={name: request.args.get(name, "")[:40] for name in ("min", "max")},
        labels=LABELS,
        registration=my_registration(event),
        **_filter_choices(event),
    )


@bp.get("/events/<slug>/projects/<int:project_id>")
def project_page(slug: str, project_id: int):
    event = visible_event(slug)
    project = viewable_project(event, project_id)
    registration = my_registration(event)
    organizer = is_organizer(event)
    actor = current_user._get_current_object() if organizer else registration
    return render_template(
        "projects/project.html",
        pitched=project_pitches(project),
        investment=investment_view(project) if current_user.is_authenticated else None,
        interest_levels=INTEREST_LEVEL_LABELS,
        **_team(project, actor),
        event=event,
        project=project,
        regions=service.regions_of(project),
        sdgs=service.sdgs_of(project),
        labels=LABELS,
        show_email=project_catalogue.may_see_contacts(event, current_user),
        may_edit=organizer or service.edit_refusal(project, registration) is None,
        is_organizer=organizer,
        is_presenter=presenters.is_presenter(project, registration),
        registration=registration,
    )


def _team(project: Project, actor) -> dict:
    """The team section of the project page: only its presenters and organizers see it."""
    if not presenters.may_manage_team(project, actor):
        return {"team": None}
    form = PresenterForm(formdata=None)
    form.set_choices(presenters.candidates(project))
    return {"team": presenters.presenters_of(project), "team_form": form}


@bp.get("/events/<slug>/projects/<int:project_id>/document")
def document(slug: str, project_id: int):
    event = visible_event(slug)
    project = viewable_project(event, project_id)
    path = document_path(project.document_file, document_folder())
    if path is None:
        abort(404)
    response = send_file(
        path,
        mimetype="application/pdf",
        as_attachment=True,
        download_name=project.document_name or "project.pdf",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
