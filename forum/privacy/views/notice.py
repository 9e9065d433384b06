"""The event's privacy notice: the organizer writes it, everyone reads it, delegates accept it;
and an organizer erases a delegate's personal data on request."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.core.errors import DomainError
from forum.privacy.blueprint import bp
from forum.privacy.forms import ConsentForm, EraseDelegateForm, NoticeForm
from forum.privacy.services import erasure
from forum.privacy.services import notice as notices
from forum.registration.models import Registration
from forum.web.access import event_item, organizer_required, own_registration, visible_event
from forum.web.transaction import undo


@bp.get("/events/<slug>/privacy")
def notice(slug: str):
    event = visible_event(slug)
    return render_template(
        "privacy/notice.html",
        event=event,
        text=notices.notice_text(event, get_locale().language),
    )


@bp.route("/events/<slug>/manage/privacy", methods=["GET", "POST"])
@organizer_required
def manage_notice(event):
    form = NoticeForm(text_es=event.privacy_notice_es, text_en=event.privacy_notice_en)
    if form.validate_on_submit():
        if notices.update_notice(event, form.text_es.data or "", form.text_en.data or ""):
            flash(
                _(
                    "The privacy notice has been saved as version %(version)d.",
                    version=event.privacy_notice_version,
                ),
                "success",
            )
        else:
            flash(_("Nothing has changed in the privacy notice."), "info")
        return redirect(url_for("privacy.manage_notice", slug=event.slug))
    return render_template(
        "privacy/manage_notice.html",
        event=event,
        form=form,
        default_text=notices.default_notice(event),
    )


@bp.post("/events/<slug>/me/consent")
@login_required
def accept_notice(slug: str):
    registration = own_registration(slug)
    form = ConsentForm()
    if not form.validate_on_submit():
        flash(_("Tick the box to accept the privacy notice."), "danger")
    elif notices.consent_pending(registration):
        notices.record_consent(registration)
        flash(_("Thank you: you have accepted the privacy notice."), "success")
    return redirect(url_for("registration.mine", slug=slug))


@bp.post("/events/<slug>/manage/registrations/<int:registration_id>/erase")
@organizer_required
def erase_delegate(event, registration_id: int):
    registration = event_item(event, Registration, registration_id)
    form = EraseDelegateForm()
    back = url_for(
        "registration.registration_detail", slug=event.slug, registration_id=registration.id
    )
    if not form.validate_on_submit():
        abort(400)
    if form.confirmation.data.strip().casefold() != registration.user.email.casefold():
        flash(_("The email address typed does not match: nothing was erased."), "danger")
        return redirect(back)
    try:
        whole = erasure.erase_delegate(registration, by=current_user._get_current_object())
    except DomainError as error:
        undo(error)
        flash(str(error), "danger")
        return redirect(back)
    if whole:
        flash(_("The delegate's personal data and account have been erased."), "success")
    else:
        flash(
            _(
                "This registration's personal data has been erased. The person also takes "
                "part in other events, so their account stays."
            ),
            "success",
        )
    return redirect(back)
