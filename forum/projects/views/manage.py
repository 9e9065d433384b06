"""Organizer pages for projects: review submissions, and the catalogue's settings."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.core import exports, money
from forum.core.errors import DomainError
from forum.core.labels import LABELS
from forum.projects.blueprint import bp
from forum.projects.forms import ProjectSettingsForm, ReviewForm, currency_choices
from forum.projects.models import Project, ProjectStatus
from forum.projects.services import projects as service
from forum.projects.services.settings import (
    ProjectSettings,
    parse_rates,
    rates_text,
    save_settings,
)
from forum.web.access import REVIEWER, event_item, organizer_required, team_required
from forum.web.formerrors import show_errors
from forum.web.pagination import paginate
from forum.web.transaction import undo


def _status_arg() -> ProjectStatus | None:
    value = request.args.get("status", "")
    return ProjectStatus(value) if value in set(ProjectStatus) else None


def _tag_arg(event):
    """The value chain the list is narrowed to (?tag=<id>, one of the event's), or None."""
    tag_id = request.args.get("tag", type=int)
    return next((tag for tag in event.tags if tag.id == tag_id), None)


@bp.get("/events/<slug>/manage/projects")
@team_required(REVIEWER)
def projects(event):
    status = _status_arg()
    tag = _tag_arg(event)
    tag_id = tag.id if tag else None
    pagination = paginate(service.projects_query(event, status, tag_id))
    return render_template(
        "projects/manage/index.html",
        event=event,
        pagination=pagination,
        projects=pagination.items,
        status=status,
        counts=service.status_counts(event),
        labels=LABELS,
        review_form=ReviewForm(formdata=None),
        total=money.converted_total(event, service.sought_by_currency(event, status, tag_id)),
        tag=tag,
        exporters=exports.EXPORTERS,
    )


@bp.post("/events/<slug>/manage/projects/<int:project_id>/review")
@team_required(REVIEWER)
def review_project(event, project_id: int):
    project = event_item(event, Project, project_id)
    form = ReviewForm()
    back = url_for(  # the list as it was: its filters and page
        "projects.projects",
        slug=event.slug,
        status=request.args.get("status") or None,
        tag=request.args.get("tag", type=int),
        page=request.args.get("page", type=int),
    )
    if not form.validate_on_submit():
        for messages in form.errors.values():
            for message in messages:
                flash(str(message), "danger")
        return redirect(back)
    try:
        service.review(
            project,
            ProjectStatus(form.status.data),
            form.comment.data or "",
            current_user._get_current_object(),
        )
    except DomainError as error:
        undo(error)
        for messages in error.errors.values():
            for message in messages:
                flash(str(message), "danger")
    else:
        flash(
            _(
                "“%(title)s” is now %(status)s; the presenters have been told by mail.",
                title=project.title,
                status=LABELS["status"][project.status],
            ),
            "success",
        )
    return redirect(back + f"#project-{project.id}")


@bp.route("/events/<slug>/manage/projects/settings", methods=["GET", "POST"])
@organizer_required
def project_settings(event):
    current = ProjectSettings.of(event)
    form = ProjectSettingsForm(
        data={
            "projects_public": current.projects_public,
            "project_submissions_open": current.project_submissions_open,
            "report_currency": current.report_currency,
            "rates": rates_text(current.rates),
        }
        if request.method == "GET"
        else None
    )
    form.report_currency.choices = currency_choices(event.report_currency)
    if form.validate_on_submit():
        try:
            save_settings(
                event,
                ProjectSettings(
                    projects_public=form.projects_public.data,
                    project_submissions_open=form.project_submissions_open.data,
                    report_currency=form.report_currency.data,
                    rates=parse_rates(form.rates.data or ""),
                ),
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Project settings saved."), "success")
            return redirect(url_for("projects.project_settings", slug=event.slug))
    return render_template("form.html", form=form, title=_("Project settings"), event=event)
