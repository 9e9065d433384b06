"""Delegates submit and edit their organisation's projects; organizers edit any."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.accounts.models import User
from forum.core import money
from forum.core.errors import DomainError
from forum.core.labels import LABELS
from forum.directory import services as directory
from forum.events.models import Event
from forum.projects.blueprint import bp
from forum.projects.forms import ProjectForm
from forum.projects.models import Project
from forum.projects.services import presenters
from forum.projects.services import projects as service
from forum.registration.models import Registration
from forum.web.access import event_item, is_organizer, my_registration, visible_event
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


def _contacts(event: Event, organisation_id: int) -> list[Registration]:
    """The approved delegates of an organisation at the event, who may be a project's contact."""
    return directory.organisation_delegates(event.id, organisation_id)


def _upload(form: ProjectForm) -> service.DocumentUpload | None:
    upload = form.document.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return service.DocumentUpload(data=upload.read(), filename=upload.filename)


def _project_input(form: ProjectForm) -> service.ProjectInput:
    """The form's values; raises DomainError if the amount cannot be read."""
    currency = form.currency.data or ""
    amount = money.parse_amount(form.amount.data or "", currency, str(get_locale()))
    return service.ProjectInput(
        title=form.title.data or "",
        summary=form.summary.data or "",
        description=form.description.data or "",
        kind=form.kind.data,
        tag_ids=form.tags.data or [],
        country=form.country.data or "",
        regions=(form.regions.data or "").split(","),
        amount_sought=amount,
        currency=currency,
        instrument=form.instrument.data,
        stage=form.stage.data,
        beneficiaries=form.beneficiaries.data,
        women_share=form.women_share.data,
        smallholders=form.smallholders.data,
        area_hectares=form.area_hectares.data,
        sdgs=form.sdgs.data or [],
        contact_id=form.contact_id.data,
    )


def _initial(project: Project) -> dict:
    """The form's values for editing a project."""
    return {
        "title": project.title,
        "summary": project.summary,
        "description": project.description,
        "kind": project.kind,
        "tags": [tag.id for tag in project.tags],
        "country": project.country,
        "regions": ", ".join(service.regions_of(project)),
        "amount": money.amount_for_input(
            project.amount_sought, project.currency, str(get_locale())
        ),
        "currency": project.currency,
        "instrument": project.instrument,
        "stage": project.stage,
        "beneficiaries": project.beneficiaries,
        "women_share": project.women_share,
        "smallholders": project.smallholders,
        "area_hectares": project.area_hectares,
        "sdgs": service.sdgs_of(project),
        "contact_id": project.contact_id,
    }


def _notice(event: Event, message: str, status: int = 200):
    return render_template("projects/notice.html", event=event, message=message), status


def _render(event: Event, form: ProjectForm, title: str, project: Project | None = None):
    return render_template(
        "projects/form.html", event=event, form=form, title=title, project=project, labels=LABELS
    )


@bp.route("/events/<slug>/projects/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    event = visible_event(slug)
    registration = my_registration(event)
    if registration is None:
        abort(404)
    refusal = service.submission_refusal(event, registration)
    if refusal:
        return _notice(event, refusal, 200 if registration.is_approved else 403)
    initial = {
        "country": registration.organisation.country,
        "regions": registration.organisation.region,
        "currency": event.report_currency,
        "contact_id": registration.id,
    }
    form = ProjectForm(data=initial if request.method == "GET" else None)
    form.set_choices(event, _contacts(event, registration.organisation_id))
    if form.validate_on_submit():
        try:
            project = service.submit_project(
                event, registration, _project_input(form), _upload(form)
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Thank you: your project has been submitted for review."), "success")
            return redirect(url_for("projects.project_page", slug=slug, project_id=project.id))
    return _render(event, form, _("Submit a project"))


@bp.route("/events/<slug>/projects/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str, project_id: int):
    event = visible_event(slug)
    project = event_item(event, Project, project_id)
    actor: Registration | User
    if is_organizer(event):
        actor = current_user._get_current_object()
    else:
        registration = my_registration(event)
        if not presenters.is_presenter(project, registration):
            abort(404)
        refusal = service.edit_refusal(project, registration)
        if refusal:
            flash(refusal, "warning")
            return redirect(url_for("projects.project_page", slug=slug, project_id=project.id))
        actor = registration
    form = ProjectForm(data=_initial(project) if request.method == "GET" else None)
    form.set_choices(event, _contacts(event, project.organisation_id))
    if form.validate_on_submit():
        try:
            service.update_project(
                project,
                actor,
                _project_input(form),
                _upload(form),
                remove_old_document=form.remove_document.data,
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("The project has been saved."), "success")
            return redirect(url_for("projects.project_page", slug=slug, project_id=project.id))
    return _render(event, form, _("Edit the project"), project)


@bp.get("/events/<slug>/projects/mine")
@login_required
def mine(slug: str):
    event = visible_event(slug)
    registration = my_registration(event)
    if registration is None or registration.organisation_id is None:
        abort(404)
    if not registration.is_approved:
        return _notice(event, _("Only approved delegates can submit projects."), 403)
    return render_template(
        "projects/mine.html",
        event=event,
        registration=registration,
        projects=presenters.presented_projects(registration),
        labels=LABELS,
        may_edit=lambda project: service.edit_refusal(project, registration) is None,
    )
