"""Delegates' meetings: their requests and meetings, recommendations, asking for a meeting."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import joinedload

from forum.core.errors import DomainError
from forum.core.form_html import form_html, form_html_key
from forum.core.labels import HALF_DAY_LABELS, ORG_TYPE_LABELS, PRIORITY_LABELS
from forum.core.local_time import event_day
from forum.core.types import utcnow
from forum.events.models import Event
from forum.events.services.links import table_link
from forum.extensions import db
from forum.meetings.blueprint import bp
from forum.meetings.forms import DeclineForm, MeetingRequestForm
from forum.meetings.models import HalfDay, MeetingRequest, RequestStatus
from forum.meetings.services import matchmaking, my_meetings
from forum.meetings.services import requests as service
from forum.meetings.services.preferences import Preference, offered
from forum.meetings.views.mine_times import meeting_times
from forum.registration.models import Registration
from forum.web.access import approved_registration
from forum.web.formerrors import show_errors
from forum.web.session_cookie import kept_by_service_worker
from forum.web.transaction import undo


def _request_of(event: Event, me: Registration, request_id: int) -> MeetingRequest:
    """A request of this event that the viewer sent or received."""
    meeting_request = db.get_or_404(MeetingRequest, request_id)
    if meeting_request.event_id != event.id or me.id not in (
        meeting_request.requester_id,
        meeting_request.recipient_id,
    ):
        abort(404)
    return meeting_request


def _preference_label(preference: Preference) -> str:
    """A preferred time in words: "Any morning", "Tuesday, October 17, 2023, afternoon"..."""
    day, half = preference.day, preference.half
    if day is None and half is None:
        return _("Any time")
    if day is None:
        return _("Any morning") if half == HalfDay.MORNING else _("Any afternoon")
    when = event_day(day, fmt="full")
    if half is None:
        return when
    if half == HalfDay.MORNING:
        return _("%(day)s, morning", day=when)
    return _("%(day)s, afternoon", day=when)


class _PreferenceLabel:
    """A preferred time's words, worked out only when the field is written (not when the
    form's fields are kept: forum/core/form_html.py)."""

    __slots__ = ("preference",)

    def __init__(self, preference: Preference) -> None:
        self.preference = preference

    def __str__(self) -> str:
        return _preference_label(self.preference)


# An id no row has, in a URL built once per list and then formatted per line.
_ANY_ID = 987654321987


def _url_pattern(endpoint: str, key: str, **values) -> str:
    """The endpoint's URL with "{}" where the `key` id goes (url_for per line of My meetings
    was a tenth of its CPU). The slug is percent-encoded: no brace of its own."""
    return url_for(endpoint, **values, **{key: _ANY_ID}).replace(str(_ANY_ID), "{}")


def _mine_urls(slug: str) -> dict[str, str]:
    """The per-line links of My meetings as patterns: urls.cancel.format(request_id)..."""
    patterns = {
        "profile": ("directory.profile", "registration_id"),
        "write": ("messaging.conversation_with", "registration_id"),
        "accept": ("meetings.accept", "request_id"),
        "decline": ("meetings.decline", "request_id"),
        "cancel": ("meetings.cancel", "request_id"),
        "book": ("meetings.book_meeting", "meeting_id"),
        "outcome": ("meetings.meeting_outcome", "meeting_id"),
    }
    return {name: _url_pattern(e, key, slug=slug) for name, (e, key) in patterns.items()}


@bp.get("/events/<slug>/meetings")
@login_required
def mine(slug: str):
    me = approved_registration(slug)
    kept_by_service_worker()
    event = me.event
    now = utcnow()
    received, sent = my_meetings.request_lines(me.id, now)
    meetings = my_meetings.meeting_lines(me.id)
    return render_template(
        "meetings/mine.html",
        event=event,
        me=me,
        received=received,
        sent=sent,
        meetings=meetings,
        video_links={m.id: table_link(m.table, me) for m in meetings},
        times=meeting_times(event, meetings),
        priorities=PRIORITY_LABELS,
        halves=HALF_DAY_LABELS,
        urls=_mine_urls(event.slug),
        now=now,
    )


@bp.get("/events/<slug>/meetings/recommendations")
@login_required
def recommendations(slug: str):
    me = approved_registration(slug)
    event = me.event
    return render_template(
        "meetings/recommendations.html",
        event=event,
        recommendations=matchmaking.recommend(me),
        org_types=ORG_TYPE_LABELS,
    )


@bp.route("/events/<slug>/delegates/<int:registration_id>/request", methods=["GET", "POST"])
@login_required
def request_meeting(slug: str, registration_id: int):
    me = approved_registration(slug)
    event = me.event
    # the recipient with the account and organisation the page names, and the viewer's own
    # organisation (it decides the kind of meeting) with it: one query, not four
    found = db.session.scalars(
        sa.select(Registration)
        .where(Registration.id.in_({registration_id, me.id}))
        .options(joinedload(Registration.user), joinedload(Registration.organisation))
    ).all()
    recipient = next((r for r in found if r.id == registration_id), None)
    if recipient is None:
        abort(404)
    if recipient.event_id != event.id or not recipient.is_approved or recipient.id == me.id:
        abort(404)
    colleagues = service.colleagues_of(me, recipient)
    form = MeetingRequestForm()
    preferences = offered(event)
    form.preferred_time.choices = [(p.key, _PreferenceLabel(p)) for p in preferences]
    form.colleagues.choices = [(c.id, c.user.name) for c in colleagues]
    if form.validate_on_submit():
        chosen = set(form.colleagues.data or [])
        try:
            service.send_request(
                event,
                me,
                recipient,
                colleagues=[c for c in colleagues if c.id in chosen],
                offered=preferences,
                **form.request_fields(),
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Your request has been sent to %(name)s.", name=recipient.user.name), "success")
            return redirect(url_for("meetings.mine", slug=slug))
    # an empty form (a GET) offers the same fields to everyone who sees these choices
    fields_key = None
    if not form.is_submitted():
        fields_key = form_html_key("meetings/request.html", tuple(p.key for p in preferences))
    return render_template(
        "meetings/request.html",
        event=event,
        form=form,
        form_html=form_html,
        fields_key=fields_key,
        submit_key=fields_key and fields_key[:2] + ("meetings/request.html submit",),
        recipient=recipient,
        kind=service.meeting_kind(me, recipient),
        show_colleagues=bool(colleagues) and event.max_delegation_size > 1,
        org_types=ORG_TYPE_LABELS,
    )


def _act(slug: str, request_id: int, action) -> object:
    """Run one state change on a request for the viewer, then go back to their meetings."""
    me = approved_registration(slug)
    event = me.event
    meeting_request = _request_of(event, me, request_id)
    try:
        message = action(meeting_request, me)
    except DomainError as error:
        undo(error)
        flash(str(error), "danger")
    else:
        flash(message, "success")
    return redirect(url_for("meetings.mine", slug=slug))


@bp.post("/events/<slug>/meetings/requests/<int:request_id>/accept")
@login_required
def accept(slug: str, request_id: int):
    def action(meeting_request: MeetingRequest, me: Registration) -> str:
        service.accept(meeting_request, me)
        name = meeting_request.requester.user.name
        return _("You have accepted the meeting with %(name)s.", name=name)

    return _act(slug, request_id, action)


@bp.post("/events/<slug>/meetings/requests/<int:request_id>/decline")
@login_required
def decline(slug: str, request_id: int):
    form = DeclineForm()

    def action(meeting_request: MeetingRequest, me: Registration) -> str:
        if not form.validate_on_submit():
            raise DomainError(_("The reason is too long (at most 1,000 characters)."))
        service.decline(meeting_request, me, form.reason.data or "")
        name = meeting_request.requester.user.name
        return _("You have declined the request from %(name)s.", name=name)

    return _act(slug, request_id, action)


@bp.post("/events/<slug>/meetings/requests/<int:request_id>/cancel")
@login_required
def cancel(slug: str, request_id: int):
    def action(meeting_request: MeetingRequest, me: Registration) -> str:
        was_pending = meeting_request.status == RequestStatus.PENDING
        service.cancel(meeting_request, me)
        other = (
            meeting_request.recipient
            if me.id == meeting_request.requester_id
            else meeting_request.requester
        )
        if was_pending:
            return _("You have withdrawn your request to %(name)s.", name=other.user.name)
        return _("Your meeting with %(name)s is cancelled.", name=other.user.name)

    return _act(slug, request_id, action)
