"""Organizer pages: the outbox of an event, and one mail in it."""

from flask import current_app, render_template, request

from forum.notifications import services as mail_service
from forum.notifications.blueprint import bp
from forum.notifications.models import Mail, MailStatus
from forum.web.access import DESK, VIEWER, event_item, is_organizer, team_required
from forum.web.pagination import paginate


@bp.get("/events/<slug>/manage/outbox")
@team_required(DESK, VIEWER)
def outbox(event):
    status = request.args.get("status", "")
    status = MailStatus(status) if status in set(MailStatus) else None
    pagination = paginate(mail_service.outbox_query(event, status))
    return render_template(
        "notifications/manage/outbox.html",
        event=event,
        status=status,
        pagination=pagination,
        counts=mail_service.status_counts(event),
        smtp_configured=bool(current_app.config.get("MAIL_SERVER")),
    )


@bp.get("/events/<slug>/manage/outbox/<int:mail_id>")
@team_required(DESK)
def outbox_mail(event, mail_id: int):
    mail = event_item(event, Mail, mail_id)
    body = mail.body if is_organizer(event) else mail_service.without_account_links(mail.body)
    return render_template("notifications/manage/mail.html", event=event, mail=mail, body=body)


from forum.notifications import reminder_views  # noqa: E402, F401 (importing registers the routes)
