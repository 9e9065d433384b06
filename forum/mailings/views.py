"""The organizers' mailings: the list, composing a draft with its preview, the send, the log."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.core.errors import DomainError
from forum.mailings.blueprint import bp
from forum.mailings.forms import MailingForm, SendForm
from forum.mailings.models import Mailing
from forum.mailings.services import audience as audiences
from forum.mailings.services import mailings as service
from forum.notifications.models import MailStatus
from forum.registration.models import RegistrationStatus
from forum.web.access import event_item, organizer_required
from forum.web.formerrors import show_errors
from forum.web.pagination import paginate
from forum.web.transaction import undo

PER_PAGE = 100
PREVIEW_CHOICES = 100  # the people the preview offers to show the mail as


@bp.get("/events/<slug>/manage/mailings")
@organizer_required
def mailings(event):
    pagination = paginate(service.mailings_query(event))
    return render_template(
        "mailings/manage/list.html",
        event=event,
        pagination=pagination,
        mailings=pagination.items,
        counts=service.delivery_counts(m.id for m in pagination.items),
    )


def _compose(event, mailing: Mailing | None):
    """The form of a new mailing or of a draft: save, or only count the recipients."""
    form = MailingForm()
    form.set_choices(event, audiences.countries(event))
    if not form.is_submitted():
        if mailing is not None:
            form.fill(mailing)
        else:
            form.statuses.data = [RegistrationStatus.APPROVED.value]
    elif form.validate() and not form.count.data:
        try:
            mailing = service.save_draft(
                event, form.audience(), form.texts(), current_user, mailing
            )
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            flash(_("The draft has been saved."), "success")
            return redirect(url_for("mailings.mailing", slug=event.slug, mailing_id=mailing.id))
    return form


def _compose_page(event, mailing: Mailing | None, form: MailingForm):
    matching = audiences.count(event, form.audience())
    context = {}
    if mailing is not None:
        stored = service.audience_of(mailing)
        candidates = audiences.recipients(event, stored, limit=PREVIEW_CHOICES)
        wanted = request.args.get("recipient", type=int)
        person = next((c for c in candidates if c.id == wanted), None) or (
            candidates[0] if candidates else None
        )
        stored_count = audiences.count(event, stored)
        context = {
            "candidates": candidates,
            "person": person,
            "letter": service.preview(mailing, person)
            if person is not None and service.filled_languages(mailing)
            else None,
            "stored_count": stored_count,
            "send_form": SendForm(expected=str(stored_count), formdata=None),
        }
    return render_template(
        "mailings/manage/compose.html",
        event=event,
        mailing=mailing,
        form=form,
        matching=matching,
        **context,
    )


@bp.route("/events/<slug>/manage/mailings/new", methods=["GET", "POST"])
@organizer_required
def new_mailing(event):
    form = _compose(event, None)
    if not isinstance(form, MailingForm):
        return form
    return _compose_page(event, None, form)


@bp.route("/events/<slug>/manage/mailings/<int:mailing_id>", methods=["GET", "POST"])
@organizer_required
def mailing(event, mailing_id: int):
    item = event_item(event, Mailing, mailing_id)
    if not item.is_draft:
        if request.method == "POST":
            flash(_("This mailing has been sent: it can no longer be changed."), "warning")
        return render_template(
            "mailings/manage/sent.html",
            event=event,
            mailing=item,
            counts=service.delivery_counts([item.id])[item.id],
        )
    form = _compose(event, item)
    if not isinstance(form, MailingForm):
        return form
    return _compose_page(event, item, form)


@bp.post("/events/<slug>/manage/mailings/<int:mailing_id>/send")
@organizer_required
def send_mailing(event, mailing_id: int):
    item = event_item(event, Mailing, mailing_id)
    back = url_for("mailings.mailing", slug=event.slug, mailing_id=item.id)
    form = SendForm()
    if not item.is_draft:
        flash(_("This mailing has already been sent."), "warning")
        return redirect(back)
    confirmed = form.expected.data if form.validate_on_submit() else None
    try:
        # The count the organizer saw must still hold: the service compares it under the lock.
        sent = service.send(item, expected=int(confirmed) if (confirmed or "").isdigit() else -1)
    except service.RecipientsChanged as changed:
        undo(changed)
        flash(str(changed), "warning")
        return redirect(back)
    except DomainError as error:
        flash(str(undo(error)), "danger")
        return redirect(back)
    flash(
        _("The mailing is in the outbox. Recipients: %(num)d.", num=sent),
        "success",
    )
    return redirect(url_for("mailings.mailing_log", slug=event.slug, mailing_id=item.id))


@bp.get("/events/<slug>/manage/mailings/<int:mailing_id>/log")
@organizer_required
def mailing_log(event, mailing_id: int):
    item = event_item(event, Mailing, mailing_id)
    status = request.args.get("status", "")
    status = MailStatus(status) if status in set(MailStatus) else None
    pagination = paginate(service.delivery_log_query(item, status), PER_PAGE)
    return render_template(
        "mailings/manage/log.html",
        event=event,
        mailing=item,
        status=status,
        pagination=pagination,
        counts=service.delivery_counts([item.id])[item.id],
    )
