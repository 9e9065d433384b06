"""Organizer pages: what happened in the meetings (both sides' reports), corrections, export."""

import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from forum.core import exports
from forum.core.errors import DomainError
from forum.core.labels import ATTENDANCE_LABELS, OUTCOME_LABELS
from forum.events.models import Event
from forum.meetings.blueprint import bp
from forum.meetings.booking_forms import OutcomeForm
from forum.meetings.models import Meeting
from forum.meetings.services import outcomes_export
from forum.meetings.services import outcomes_report as report
from forum.registration.forms import ticket_currency_choices
from forum.registration.models import Registration
from forum.web.access import VIEWER, event_item, organizer_required, team_required
from forum.web.pagination import paginate_list
from forum.web.transaction import undo


def form_prefix(meeting_id: int, registration_id: int) -> str:
    """Each side's form on the page has its own field names and ids."""
    return f"o{meeting_id}-{registration_id}"


@bp.get("/events/<slug>/manage/meetings/outcomes")
@team_required(VIEWER)
def meetings_outcomes(event: Event):
    show = request.args.get("show", "all")
    show = show if show in report.SHOWS else "all"
    reported = report.reported_meetings(event)  # every meeting, as plain columns
    pagination = paginate_list(report.shown(reported, show))
    return render_template(
        "meetings/manage/outcomes.html",
        event=event,
        rows=report.outcome_rows_of(event, [row.meeting_id for row in pagination.items]),
        total=pagination.total,
        summary=report.summary(reported),
        show=show,
        page=pagination.page,
        pagination=pagination,
        attendance_labels=ATTENDANCE_LABELS,
        outcome_labels=OUTCOME_LABELS,
        currencies=ticket_currency_choices(),
        prefix=form_prefix,
    )


@bp.post("/events/<slug>/manage/meetings/<int:meeting_id>/outcomes/<int:registration_id>")
@organizer_required
def record_side_outcome(event: Event, meeting_id: int, registration_id: int):
    meeting = event_item(event, Meeting, meeting_id)
    registration = event_item(event, Registration, registration_id)
    if registration.id not in {p.registration_id for p in meeting.participants}:
        abort(404)
    form = OutcomeForm(prefix=form_prefix(meeting.id, registration.id))
    back = url_for(
        "meetings.meetings_outcomes",
        slug=event.slug,
        show=request.form.get("show") or None,
        page=request.form.get("page", type=int),
        _anchor=f"meeting-{meeting.id}",
    )
    if not form.validate():
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "danger")
        return redirect(back)
    try:
        report.record_for_side(
            meeting,
            registration,
            form.attendance.data,
            form.outcome.data,
            amount=form.amount.data,
            currency=form.currency.data,
            notes=form.notes.data or "",
        )
    except DomainError as error:
        undo(error)
        for messages in error.errors.values():
            for message in messages:
                flash(message, "danger")
        return redirect(back)
    flash(
        _("The account of %(name)s is saved.", name=registration.display_name),
        "success",
    )
    return redirect(back)


@bp.get("/events/<slug>/manage/meetings.<fmt>")
@team_required(VIEWER)
def meetings_export(event: Event, fmt: str):
    if fmt not in exports.EXPORTERS:
        abort(404)
    content, exporter = exports.render_table(fmt, outcomes_export.meetings_table(event))
    return send_file(
        io.BytesIO(content),
        mimetype=exporter.content_type,
        as_attachment=True,
        download_name=f"{event.slug}-meetings.{exporter.extension}",
        max_age=0,
    )
