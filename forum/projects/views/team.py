"""A project's presenting team: its presenters and the organizers add and remove colleagues."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.extensions import db
from forum.projects.blueprint import bp
from forum.projects.forms import PresenterForm
from forum.projects.models import Project
from forum.projects.services import presenters as service
from forum.registration.models import Registration
from forum.web.access import event_item, is_organizer, my_registration, visible_event
from forum.web.transaction import undo


def _team_of(slug: str, project_id: int) -> tuple[Project, Registration | User]:
    """The project and who changes its team (an organizer or a presenter); anyone else: 404."""
    event = visible_event(slug)
    project = event_item(event, Project, project_id)
    actor = current_user._get_current_object() if is_organizer(event) else my_registration(event)
    if not service.may_manage_team(project, actor):
        abort(404)
    return project, actor


def _back(project: Project):
    return redirect(
        url_for("projects.project_page", slug=project.event.slug, project_id=project.id) + "#team"
    )


def _flash_errors(error: DomainError) -> None:
    for messages in error.errors.values():
        for message in messages:
            flash(str(message), "danger")


@bp.post("/events/<slug>/projects/<int:project_id>/presenters")
@login_required
def add_presenter(slug: str, project_id: int):
    project, actor = _team_of(slug, project_id)
    form = PresenterForm()
    form.set_choices(service.candidates(project))
    if not form.validate_on_submit():
        flash(_("Choose a colleague of the presenting organisation."), "danger")
        return _back(project)
    colleague = db.session.get(Registration, form.registration_id.data)
    try:
        service.add_presenter(project, colleague, actor)
    except DomainError as error:
        _flash_errors(undo(error))
    else:
        flash(_("%(name)s now presents this project.", name=colleague.user.name), "success")
    return _back(project)


@bp.post("/events/<slug>/projects/<int:project_id>/presenters/<int:registration_id>/remove")
@login_required
def remove_presenter(slug: str, project_id: int, registration_id: int):
    project, actor = _team_of(slug, project_id)
    if not FlaskForm().validate_on_submit():  # the CSRF token
        abort(400)
    presenter = db.session.get(Registration, registration_id)
    try:
        service.remove_presenter(project, presenter, actor)
    except DomainError as error:
        _flash_errors(undo(error))
    else:
        flash(_("%(name)s no longer presents this project.", name=presenter.user.name), "info")
        if presenter.id == getattr(actor, "id", None) and isinstance(actor, Registration):
            return redirect(url_for("projects.mine", slug=slug))  # they left the team
    return _back(project)
