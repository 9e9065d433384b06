"""Investor interest in a project, the presenters' list of it, and commitments after the event."""

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.accounts.models import User
from forum.core import money
from forum.core.errors import DomainError
from forum.core.labels import COMMITMENT_LABELS, INSTRUMENT_LABELS, INTEREST_LEVEL_LABELS
from forum.events.models import Event
from forum.projects.blueprint import bp
from forum.projects.forms import currency_choices
from forum.projects.interest_forms import (
    CommitmentForm,
    InterestForm,
)
from forum.projects.models import Interest, Project
from forum.projects.services import interest as service
from forum.registration.models import Registration
from forum.web.access import event_item, is_organizer, my_registration, visible_event
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


@dataclass(frozen=True)
class InvestmentView:
    """What the viewer of a project page may do about investment in it."""

    may_express: bool
    my_interest: Interest | None
    sees_all: bool
    interest_count: int


def _viewer(event: Event) -> Registration | User | None:
    """The viewer as the interest service sees them: an organizer, a delegate, or nobody."""
    if is_organizer(event):
        return current_user._get_current_object()
    return my_registration(event)


def investment_view(project: Project) -> InvestmentView:
    """What the project page (templates/projects/_project_extra.html) shows about investment."""
    registration = my_registration(project.event)
    viewer = _viewer(project.event)
    sees_all = service.may_see_all_interests(project, viewer)
    may_express = service.interest_refusal(project, registration) is None
    return InvestmentView(
        may_express=may_express,
        my_interest=service.find_interest(project, registration) if may_express else None,
        sees_all=sees_all,
        interest_count=service.interest_count(project) if sees_all else 0,
    )


def _project(slug: str, project_id: int) -> tuple[Event, Project]:
    event = visible_event(slug)
    project = event_item(event, Project, project_id)
    return event, project


def _amount(form, currency: str) -> int | None:
    """The amount typed in the user's language, as minor units; DomainError if unreadable."""
    return money.parse_amount(form.amount.data or "", currency, str(get_locale()), "amount")


@bp.route("/events/<slug>/projects/<int:project_id>/interest", methods=["GET", "POST"])
@login_required
def interest(slug: str, project_id: int):
    event, project = _project(slug, project_id)
    registration = my_registration(event)
    if service.interest_refusal(project, registration) is not None:
        abort(404)
    existing = service.find_interest(project, registration)
    form = InterestForm(obj=existing)
    form.currency.choices = currency_choices(project.currency)
    if not form.is_submitted():
        form.currency.data = existing.currency if existing else project.currency
        if existing is not None:
            form.amount.data = money.amount_for_input(
                existing.amount, existing.currency, str(get_locale())
            )
    if form.validate_on_submit():
        try:
            result = service.express_interest(
                project,
                registration,
                form.level.data,
                amount=_amount(form, form.currency.data),
                currency=form.currency.data,
                instrument=form.instrument.data,
                note=form.note.data or "",
                request_meeting=form.request_meeting.data,
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Your interest in “%(title)s” is saved.", title=project.title), "success")
            if result.meeting_request is not None:
                name = result.meeting_request.recipient.user.name
                flash(_("Your request has been sent to %(name)s.", name=name), "success")
            elif result.meeting_refused:
                flash(
                    _("No meeting request was sent: %(reason)s", reason=result.meeting_refused),
                    "warning",
                )
            return redirect(url_for("projects.project_page", slug=slug, project_id=project.id))
    return render_template(
        "projects/investment/interest.html",
        event=event,
        project=project,
        form=form,
        existing=existing,
        contact=service.project_contact(project),
    )


def _presenter_or_organizer(event: Event, project: Project) -> Registration | User:
    """Who may see every interest (and record commitments); anyone else gets a 404."""
    viewer = _viewer(event)
    if not service.may_see_all_interests(project, viewer):
        abort(404)
    return viewer


@bp.get("/events/<slug>/projects/<int:project_id>/interests")
@login_required
def interests(slug: str, project_id: int):
    event, project = _project(slug, project_id)
    viewer = _presenter_or_organizer(event, project)
    latest = service.latest_commitments(event, project)
    return render_template(
        "projects/investment/interests.html",
        event=event,
        project=project,
        interests=service.interests_visible_to(project, viewer),
        latest=latest,
        levels=INTEREST_LEVEL_LABELS,
        statuses=COMMITMENT_LABELS,
        instruments=INSTRUMENT_LABELS,
    )


@bp.route("/events/<slug>/projects/<int:project_id>/commitments", methods=["GET", "POST"])
@login_required
def commitments(slug: str, project_id: int):
    event, project = _project(slug, project_id)
    viewer = _presenter_or_organizer(event, project)
    interests = service.interests_visible_to(project, viewer)
    form = CommitmentForm()
    form.interest_id.choices = [
        (i.id, i.registration.user.name + _organisation_suffix(i)) for i in interests
    ]
    form.currency.choices = currency_choices(project.currency)
    if not form.is_submitted():
        form.currency.data = project.currency
    if interests and form.validate_on_submit():
        chosen = next(i for i in interests if i.id == form.interest_id.data)
        try:
            service.record_commitment(
                chosen,
                viewer,
                _amount(form, form.currency.data),
                form.currency.data,
                form.instrument.data,
                form.status.data,
                form.notes.data or "",
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(
                _("Recorded for %(name)s.", name=chosen.registration.user.name),
                "success",
            )
            return redirect(url_for("projects.commitments", slug=slug, project_id=project.id))
    return render_template(
        "projects/investment/commitments.html",
        event=event,
        project=project,
        form=form,
        interests=interests,
        statuses=COMMITMENT_LABELS,
        instruments=INSTRUMENT_LABELS,
    )


def _organisation_suffix(interest: Interest) -> str:
    organisation = interest.registration.organisation
    return f" · {organisation.name}" if organisation else ""
