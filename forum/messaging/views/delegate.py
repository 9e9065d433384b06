"""The delegates' pages: the inbox, a conversation, writing to someone, blocking, reporting.

Only the two sides of a conversation open it: anyone else (another delegate, the event's
team, an admin) gets a 404, as if it did not exist. Organizers read a message only once a
side reports it (views/manage.py).
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from forum.core.errors import DomainError
from forum.extensions import db
from forum.messaging.blueprint import bp
from forum.messaging.forms import ButtonForm, MessageForm, ReportForm
from forum.messaging.models import Conversation, Message
from forum.messaging.services import conversations as service
from forum.messaging.services import reports
from forum.registration.models import Registration
from forum.web.access import approved_registration, event_item
from forum.web.formerrors import show_errors
from forum.web.pagination import paginate_list
from forum.web.transaction import undo


def _conversation(me: Registration, conversation_id: int) -> Conversation:
    """A conversation of the viewer's event in which the viewer is one of the two sides."""
    conversation = event_item(me.event, Conversation, conversation_id)
    if me.id not in (conversation.first_id, conversation.second_id):
        abort(404)
    return conversation


def _send(form: MessageForm, me: Registration, **where):
    """Send the form's message; the message sent, or None (the errors are on the form)."""
    try:
        message, stripped = service.send(me, form.body.data, **where)
    except DomainError as error:
        show_errors(form, undo(error))  # the typed text stays in the form
        return None
    if stripped or form.cleaned_fields():
        flash(_("Invisible control characters were removed from your message."), "warning")
    flash(_("Message sent."), "success")
    return message


def _thread_page(me: Registration, other: Registration, conversation, form, status=200):
    before = request.args.get("before", type=int)
    messages, earlier = service.thread(conversation, before) if conversation else ([], False)
    if conversation is not None:
        service.mark_read(conversation, me, messages)
    member = conversation.member(me.id) if conversation is not None else None
    return render_template(
        "messaging/conversation.html",
        event=me.event,
        me=me,
        other=other,
        conversation=conversation,
        messages=messages,
        earlier=earlier,
        before=before,
        form=form,
        button=ButtonForm(),
        refusal=service.writing_refusal(conversation, me),
        blocking=bool(member and member.blocking),
    ), status


@bp.get("/events/<slug>/messages/")
@login_required
def inbox(slug: str):
    me = approved_registration(slug)
    return render_template(
        "messaging/inbox.html",
        event=me.event,
        me=me,
        pagination=paginate_list(service.inbox(me)),
        refusal=service.writing_refusal(None, me),
    )


@bp.route("/events/<slug>/messages/<int:conversation_id>", methods=["GET", "POST"])
@login_required
def conversation(slug: str, conversation_id: int):
    me = approved_registration(slug)
    item = _conversation(me, conversation_id)
    form = MessageForm()
    if form.validate_on_submit() and _send(form, me, conversation=item):
        return redirect(url_for("messaging.conversation", slug=slug, conversation_id=item.id))
    return _thread_page(me, item.other(me.id), item, form)


@bp.route("/events/<slug>/messages/with/<int:registration_id>", methods=["GET", "POST"])
@login_required
def conversation_with(slug: str, registration_id: int):
    """Open the conversation with a delegate; the first message starts it."""
    me = approved_registration(slug)
    other = event_item(me.event, Registration, registration_id)
    if other.id == me.id or not service.may_be_written_to(other, me.event):
        abort(404)
    existing = service.find_conversation(me, other)
    form = MessageForm()
    if existing is not None and not form.is_submitted():
        return redirect(url_for("messaging.conversation", slug=slug, conversation_id=existing.id))
    if form.validate_on_submit():
        # Sent to the conversation if it exists by now (the other side started it meanwhile).
        message = _send(form, me, to=other)
        if message is not None:
            return redirect(
                url_for(
                    "messaging.conversation", slug=slug, conversation_id=message.conversation_id
                )
            )
    return _thread_page(me, other, None, form)


def _set_blocking(slug: str, conversation_id: int, blocking: bool):
    me = approved_registration(slug)
    item = _conversation(me, conversation_id)
    back = url_for("messaging.conversation", slug=slug, conversation_id=item.id)
    if not ButtonForm().validate_on_submit():
        flash(_("The form had expired: please try again."), "warning")
        return redirect(back)
    name = item.other(me.id).display_name
    if service.set_blocking(item, me, blocking):
        if blocking:
            flash(
                _(
                    "You have blocked %(name)s: neither of you can write in this conversation. "
                    "You both still see what was written.",
                    name=name,
                ),
                "success",
            )
        else:
            flash(_("You have unblocked %(name)s.", name=name), "success")
    return redirect(back)


@bp.post("/events/<slug>/messages/<int:conversation_id>/block")
@login_required
def block(slug: str, conversation_id: int):
    return _set_blocking(slug, conversation_id, True)


@bp.post("/events/<slug>/messages/<int:conversation_id>/unblock")
@login_required
def unblock(slug: str, conversation_id: int):
    return _set_blocking(slug, conversation_id, False)


@bp.route(
    "/events/<slug>/messages/<int:conversation_id>/report/<int:message_id>",
    methods=["GET", "POST"],
)
@login_required
def report_message(slug: str, conversation_id: int, message_id: int):
    me = approved_registration(slug)
    item = _conversation(me, conversation_id)
    message = db.session.get(Message, message_id)
    if message is None or message.conversation_id != item.id or message.sender_id == me.id:
        abort(404)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            reports.report(message, me, form.reason.data)
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            flash(
                _(
                    "The message has been reported to the organizers. They see this message "
                    "and your reason, nothing else of the conversation."
                ),
                "success",
            )
            return redirect(url_for("messaging.conversation", slug=slug, conversation_id=item.id))
    return render_template(
        "messaging/report.html",
        event=me.event,
        conversation=item,
        message=message,
        form=form,
    )
