"""Desk pages for delegates the team brings in: add one by hand, send invitations again."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from forum.core.errors import DomainError
from forum.extensions import db
from forum.registration.blueprint import bp
from forum.registration.desk_forms import AddDelegateForm
from forum.registration.forms import NEW
from forum.registration.models import Organisation, Registration, RegistrationStatus
from forum.registration.services import desk_delegates
from forum.registration.services.registration import OrganisationInput
from forum.web.access import DESK, event_item, team_required
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


def _organisation_input(form) -> OrganisationInput:
    choice = form.organisation_id.data
    if choice and choice != NEW:
        return OrganisationInput(id=int(choice) if choice.isdigit() else -1)
    if not choice:
        raise DomainError(_("Choose the organisation, or add a new one."), "organisation_id")
    return OrganisationInput(
        name=form.org_name.data or "", type=form.org_type.data, country=form.org_country.data
    )


@bp.route("/events/<slug>/manage/registrations/new", methods=["GET", "POST"])
@team_required(DESK)
def registration_add(event):
    form = AddDelegateForm()
    if not form.is_submitted():
        form.locale.data = event.main_language
    organisations = db.session.scalars(sa.select(Organisation).order_by(Organisation.name))
    form.set_event_choices(event, organisations)
    if form.validate_on_submit():
        data = desk_delegates.NewDelegate(
            email=form.email.data,
            name=form.name.data,
            organisation=None,
            participant_type_id=form.participant_type_id.data,
            status=RegistrationStatus(form.status.data),
            locale=form.locale.data,
        )
        try:
            data.organisation = _organisation_input(form)
            registration = desk_delegates.add_delegate(
                event, data, inviter=current_user._get_current_object()
            )
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            user = registration.user
            if desk_delegates.invitation_state(user) == desk_delegates.InvitationState.INVITED:
                message = _(
                    "%(name)s added; an invitation has been sent to %(email)s.",
                    name=user.name,
                    email=user.email,
                )
            else:
                message = _("%(name)s added; they have been told by mail.", name=user.name)
            flash(message, "success")
            return redirect(
                url_for(
                    "registration.registration_detail",
                    slug=event.slug,
                    registration_id=registration.id,
                )
            )
    return render_template("registration/manage/add_delegate.html", event=event, form=form)


@bp.post("/events/<slug>/manage/registrations/<int:registration_id>/invite")
@team_required(DESK)
def registration_invite(event, registration_id: int):
    registration = event_item(event, Registration, registration_id)
    user = registration.user
    if desk_delegates.invite_delegate(event, registration, current_user._get_current_object()):
        flash(_("A new invitation has been sent to %(email)s.", email=user.email), "success")
    else:
        flash(_("%(name)s has a password already: no invitation needed.", name=user.name), "info")
    return redirect(_back(event, registration_id))


@bp.post("/events/<slug>/manage/registrations/invite-pending")
@team_required(DESK)
def registrations_invite_pending(event):
    sent = desk_delegates.invite_pending(event, current_user._get_current_object())
    flash(
        ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", sent),
        "success" if sent else "info",
    )
    return redirect(url_for("registration.registrations", slug=event.slug, invitation="pending"))


def _back(event, registration_id: int) -> str:
    if request.form.get("back") == "list":
        return url_for("registration.registrations", slug=event.slug, invitation="pending")
    return url_for(
        "registration.registration_detail", slug=event.slug, registration_id=registration_id
    )
