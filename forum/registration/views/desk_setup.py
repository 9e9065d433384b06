"""The desk's set-up pages: registration settings, participant types (quotas) and tags."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from forum.core.errors import DomainError
from forum.core.timerange import to_local
from forum.registration.blueprint import bp
from forum.registration.desk_forms import (
    ParticipantTypeForm,
    RegistrationSettingsForm,
    TagsForm,
)
from forum.registration.models import (
    ParticipantType,
    Tag,
)
from forum.registration.services import desk, types_and_tags
from forum.web.access import event_item, organizer_required
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


def _flash_promoted(promoted: list) -> None:
    if promoted:
        flash(
            ngettext(
                "%(num)d promoted from the waiting list.",
                "%(num)d promoted from the waiting list.",
                len(promoted),
            ),
            "info",
        )


# --- Settings ----------------------------------------------------------------------------------


def _local_wall(instant, event):
    return to_local(instant, event.tz).replace(tzinfo=None) if instant else None


@bp.route("/events/<slug>/manage/registration-settings", methods=["GET", "POST"])
@organizer_required
def registration_settings(event):
    form = RegistrationSettingsForm(obj=event)
    if not form.is_submitted():
        form.opens_at.data = _local_wall(event.registration_opens_at, event)
        form.closes_at.data = _local_wall(event.registration_closes_at, event)
    if form.validate_on_submit():
        data = desk.RegistrationSettings(
            opens_at=form.opens_at.data,
            closes_at=form.closes_at.data,
            capacity=form.capacity.data,
            auto_promote=form.auto_promote.data,
            fold=int(form.fold.data) if form.fold.data else None,
        )
        try:
            promoted = desk.save_settings(event, data)
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Registration settings saved."), "success")
            _flash_promoted(promoted)
            _warn_over_capacity(event)
            return redirect(url_for("registration.registration_settings", slug=event.slug))
    return render_template(
        "registration/manage/settings.html",
        event=event,
        form=form,
        approved=desk.approved_count(event),
        type_places=desk.type_places(event),
    )


def _warn_over_capacity(event, participant_type: ParticipantType | None = None) -> None:
    capacity = participant_type.capacity if participant_type else event.capacity
    approved = desk.approved_count(event, participant_type)
    if capacity is not None and approved > capacity:
        flash(
            ngettext(
                "%(num)d delegate is approved already, more than the capacity of "
                "%(capacity)d. Nobody is moved; new approvals go to the waiting list.",
                "%(num)d delegates are approved already, more than the capacity of "
                "%(capacity)d. Nobody is moved; new approvals go to the waiting list.",
                approved,
                capacity=capacity,
            ),
            "warning",
        )


# --- Participant types ------------------------------------------------------------------------


def _save_participant_type(event, form, participant_type=None):
    try:
        saved, promoted = types_and_tags.save_participant_type(event, form.data, participant_type)
    except DomainError as error:
        undo(error)
        show_errors(form, error)
        return None
    flash(_("Participant type “%(name)s” saved.", name=saved.label()), "success")
    _flash_promoted(promoted)
    _warn_over_capacity(event, saved)
    return redirect(url_for("registration.participant_types", slug=event.slug))


@bp.route("/events/<slug>/manage/participant-types", methods=["GET", "POST"])
@organizer_required
def participant_types(event):
    form = ParticipantTypeForm()
    if form.validate_on_submit() and (response := _save_participant_type(event, form)):
        return response
    return render_template(
        "registration/manage/participant_types.html",
        event=event,
        form=form,
        approved=types_and_tags.participant_type_counts(event),
    )


@bp.route("/events/<slug>/manage/participant-types/<int:item_id>/edit", methods=["GET", "POST"])
@organizer_required
def edit_participant_type(event, item_id: int):
    participant_type = event_item(event, ParticipantType, item_id)
    form = ParticipantTypeForm(obj=participant_type)
    if form.validate_on_submit() and (
        response := _save_participant_type(event, form, participant_type)
    ):
        return response
    return render_template(
        "registration/manage/participant_type_form.html",
        event=event,
        form=form,
        participant_type=participant_type,
    )


@bp.post("/events/<slug>/manage/participant-types/<int:item_id>/delete")
@organizer_required
def delete_participant_type(event, item_id: int):
    participant_type = event_item(event, ParticipantType, item_id)
    name = participant_type.label()
    used = types_and_tags.delete_participant_type(participant_type)
    flash(_("Participant type “%(name)s” deleted.", name=name), "info")
    if used:
        flash(
            ngettext(
                "%(num)d registration no longer has a participant type.",
                "%(num)d registrations no longer have a participant type.",
                used,
            ),
            "warning",
        )
    return redirect(url_for("registration.participant_types", slug=event.slug))


# --- Tags ---------------------------------------------------------------------------------------


@bp.route("/events/<slug>/manage/tags", methods=["GET", "POST"])
@organizer_required
def tags(event):
    form = TagsForm()
    if form.validate_on_submit():
        try:
            added, skipped = types_and_tags.add_tags(event, form.names.data)
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(ngettext("%(num)d tag added.", "%(num)d tags added.", len(added)), "success")
            if skipped:
                flash(
                    _("This event had these already: %(names)s.", names=", ".join(skipped)),
                    "warning",
                )
            return redirect(url_for("registration.tags", slug=event.slug))
    return render_template(
        "registration/manage/tags.html",
        event=event,
        form=form,
        usage=types_and_tags.tag_counts(event),
    )


@bp.post("/events/<slug>/manage/tags/<int:item_id>/rename")
@organizer_required
def rename_tag(event, item_id: int):
    tag = event_item(event, Tag, item_id)
    try:
        types_and_tags.rename_tag(tag, request.form)
    except DomainError as error:
        undo(error)
        flash(str(error), "danger")
    else:
        flash(_("Tag renamed to “%(name)s”.", name=tag.label()), "success")
    return redirect(url_for("registration.tags", slug=event.slug))


@bp.post("/events/<slug>/manage/tags/<int:item_id>/delete")
@organizer_required
def delete_tag(event, item_id: int):
    tag = event_item(event, Tag, item_id)
    name = tag.label()
    types_and_tags.delete_tag(tag)
    flash(_("Tag “%(name)s” deleted.", name=name), "info")
    return redirect(url_for("registration.tags", slug=event.slug))
