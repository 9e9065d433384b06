"""Delegates and their meetings: book a time (self-booking) and say afterwards what happened."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.blueprint import bp
from forum.meetings.booking_forms import OutcomeForm
from forum.meetings.models import Meeting, MeetingSlot
from forum.meetings.services import edit as meeting_edit
from forum.meetings.services import outcomes as meeting_outcomes
from forum.registration.models import Registration
from forum.web.access import approved_registration
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


def _my_meeting(slug: str, meeting_id: int) -> tuple[Event, Registration, Meeting]:
    """The event, the viewer's approved registration and one of their meetings; else 404."""
    me = approved_registration(slug)
    event = me.event
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.event_id != event.id:
        abort(404)
    if me.id not in {p.registration_id for p in meeting.participants}:
        abort(404)
    return event, me, meeting


def my_meetings_url(slug: str) -> str:
    """The delegate's meetings page, or their registration while that page does not exist."""
    if "meetings.mine" in current_app.view_functions:
        return url_for("meetings.mine", slug=slug)
    return url_for("registration.mine", slug=slug)


def _others(meeting: Meeting, me: Registration) -> list[Registration]:
    return [p.registration for p in meeting.participants if p.registration_id != me.id]


def _days(slots: list[MeetingSlot], event: Event) -> dict:
    """Slots grouped by the event's calendar day, in order."""
    days: dict = {}
    for slot in slots:
        days.setdefault(slot.starts_at.astimezone(event.tz).date(), []).append(slot)
    return days


@bp.route("/events/<slug>/meetings/<int:meeting_id>/book", methods=["GET", "POST"])
@login_required
def book_meeting(slug: str, meeting_id: int):
    event, me, meeting = _my_meeting(slug, meeting_id)
    if request.method == "POST":
        try:
            meeting_edit.self_book(
                meeting, me, request.form.get("slot_id", 0, type=int), after=utcnow()
            )
        except DomainError as error:
            undo(error)
            for message in error.errors.get("", [str(error)]):
                flash(message, "danger")
            return redirect(url_for("meetings.book_meeting", slug=slug, meeting_id=meeting_id))
        flash(_("Your meeting is booked."), "success")
        return redirect(my_meetings_url(slug))
    problem = None if meeting.slot else meeting_edit.booking_problem(meeting, me)
    slots = [] if meeting.slot or problem else meeting_edit.free_common_slots(meeting, utcnow())
    return render_template(
        "meetings/book.html",
        event=event,
        meeting=meeting,
        others=_others(meeting, me),
        problem=problem,
        days=_days(slots, event),
        back_url=my_meetings_url(slug),
    )


@bp.route("/events/<slug>/meetings/<int:meeting_id>/outcome", methods=["GET", "POST"])
@login_required
def meeting_outcome(slug: str, meeting_id: int):
    event, me, meeting = _my_meeting(slug, meeting_id)
    record = meeting_outcomes.find_outcome(meeting, me)
    form = OutcomeForm(obj=record)
    if record is not None and not form.is_submitted():
        form.attendance.data, form.outcome.data = record.attendance.value, record.outcome.value
    problem = meeting_outcomes.outcome_problem(meeting, me, utcnow())
    if problem is None and form.validate_on_submit():
        try:
            meeting_outcomes.record_outcome(
                meeting,
                me,
                form.attendance.data,
                form.outcome.data,
                amount=form.amount.data,
                currency=form.currency.data,
                notes=form.notes.data or "",
                now=utcnow(),
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Thank you: your account of the meeting is saved."), "success")
            return redirect(my_meetings_url(slug))
    return render_template(
        "meetings/outcome.html",
        event=event,
        meeting=meeting,
        others=_others(meeting, me),
        form=form,
        problem=problem,
        back_url=my_meetings_url(slug),
    )
