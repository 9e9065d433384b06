"""The organizers' page of reported messages: the only messages they ever read."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.core.errors import DomainError
from forum.messaging.blueprint import bp
from forum.messaging.forms import ButtonForm
from forum.messaging.models import MessageReport
from forum.messaging.services import reports as service
from forum.registration.models import Registration
from forum.web.access import event_item, organizer_required
from forum.web.pagination import paginate
from forum.web.transaction import undo


@bp.get("/events/<slug>/manage/messages/reports")
@organizer_required
def reports(event):
    return render_template(
        "messaging/manage/reports.html",
        event=event,
        pagination=paginate(service.reports_query(event)),
        suspended=service.suspended_senders(event),
        button=ButtonForm(),
    )


def _act(event, action, item, done: str):
    back = url_for("messaging.reports", slug=event.slug)
    if not ButtonForm().validate_on_submit():
        flash(_("The form had expired: please try again."), "warning")
        return redirect(back)
    try:
        action(item, by=current_user)
    except DomainError as error:
        flash(str(undo(error)), "warning")
    else:
        flash(done, "success")
    return redirect(back)


@bp.post("/events/<slug>/manage/messages/reports/<int:report_id>/dismiss")
@organizer_required
def dismiss_report(event, report_id: int):
    item = event_item(event, MessageReport, report_id)
    return _act(event, service.dismiss, item, _("The report has been dismissed."))


@bp.post("/events/<slug>/manage/messages/reports/<int:report_id>/suspend")
@organizer_required
def suspend_sender(event, report_id: int):
    item = event_item(event, MessageReport, report_id)
    return _act(
        event,
        service.suspend_sender,
        item,
        _("Messaging is now off for %(name)s.", name=item.message.sender.display_name),
    )


@bp.post("/events/<slug>/manage/messages/senders/<int:registration_id>/restore")
@organizer_required
def restore_sender(event, registration_id: int):
    sender = event_item(event, Registration, registration_id)
    return _act(
        event,
        service.restore_sender,
        sender,
        _("%(name)s may write messages again.", name=sender.display_name),
    )
