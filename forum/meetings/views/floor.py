"""The meeting floor: a meeting the organizers arrange themselves, and the venue's "now" view
where the desk sees who has arrived at each table and marks meetings held or not."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.core.labels import ATTENDANCE_LABELS
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.blueprint import bp
from forum.meetings.models import Meeting, MeetingSlot, MeetingTable
from forum.meetings.services import direct, floor, grid
from forum.registration.models import Registration
from forum.web.access import DESK, event_item, organizer_required, team_required
from forum.web.transaction import undo


def _item(event: Event, model, item_id: int | None):
    """A row of the event chosen in the form, or None when none was chosen or it is not one."""
    item = db.session.get(model, item_id) if item_id else None
    return item if item is not None and item.event_id == event.id else None


def _side_choices(event: Event, search: str, chosen: Registration | None) -> dict:
    people, total = direct.delegate_choices(event, search)
    if chosen is not None and chosen not in people:
        people = [chosen, *people]  # what was chosen stays chosen after a narrower search
    return {"people": people, "total": total, "search": search, "chosen": chosen}


def _new_meeting_page(event: Event, values: dict, errors: list[str] = ()):
    a, b = _item(event, Registration, values["a"]), _item(event, Registration, values["b"])
    return render_template(
        "meetings/manage/new_meeting.html",
        event=event,
        side_a=_side_choices(event, values["qa"], a),
        side_b=_side_choices(event, values["qb"], b),
        slots=floor.event_slots(event),
        tables=grid.event_tables(event),  # with their hosts: a reserved table names its host
        values=values,
        errors=errors,
    )


def _values(source) -> dict:
    return {
        "a": source.get("a", type=int),
        "b": source.get("b", type=int),
        "qa": (source.get("qa") or "").strip()[:100],
        "qb": (source.get("qb") or "").strip()[:100],
        "slot": source.get("slot", type=int),
        "table": source.get("table", type=int),
        "place": "later" if source.get("place") == "later" else "now",
    }


@bp.route("/events/<slug>/manage/meetings/new", methods=["GET", "POST"])
@organizer_required
def new_meeting(event: Event):
    if request.method == "GET":
        return _new_meeting_page(event, _values(request.args))
    values = _values(request.form)
    a, b = _item(event, Registration, values["a"]), _item(event, Registration, values["b"])
    slot = table = None
    if values["place"] == "now":
        slot, table = (
            _item(event, MeetingSlot, values["slot"]),
            _item(event, MeetingTable, values["table"]),
        )
    try:
        if values["place"] == "now" and (slot is None or table is None):
            raise DomainError(_("To place the meeting now, choose both a time and a table."))
        meeting = direct.arrange_meeting(event, a, b, slot, table)
    except DomainError as error:
        undo(error)
        messages = [m for msgs in error.errors.values() for m in msgs]
        return _new_meeting_page(event, values, messages)
    if meeting.table is not None:
        flash(
            _(
                "Meeting arranged: %(a)s and %(b)s, table %(table)s. Both have been told.",
                a=a.display_name,
                b=b.display_name,
                table=str(meeting.table),
            ),
            "success",
        )
    else:
        flash(
            _(
                "Meeting arranged: %(a)s and %(b)s; the scheduler will place it. "
                "Both have been told.",
                a=a.display_name,
                b=b.display_name,
            ),
            "success",
        )
    return redirect(url_for("meetings.new_meeting", slug=event.slug))


@bp.get("/events/<slug>/manage/meetings/now")
@team_required(DESK)
def meetings_now(event: Event):
    now = utcnow()
    slots = floor.event_slots(event)
    slot_id = request.args.get("slot", type=int)
    slot = event_item(event, MeetingSlot, slot_id) if slot_id else floor.slot_at(slots, now)
    rows, free = floor.floor_rows(event, slot) if slot else ([], [])
    index = slots.index(slot) if slot else 0
    return render_template(
        "meetings/manage/now.html",
        event=event,
        slot=slot,
        rows=rows,
        free=free,
        now=now,
        running=slot is not None and slot.starts_at <= now < slot.ends_at,
        previous=slots[index - 1] if slot and index > 0 else None,
        following=slots[index + 1] if slot and index + 1 < len(slots) else None,
        slots=slots,
        marked=request.args.get("marked", type=int),
        attendance_labels=ATTENDANCE_LABELS,
    )


def _mark_messages(event: Event, meeting: Meeting, result: floor.MarkResult, held: bool) -> None:
    table = str(meeting.table)
    if result.recorded:
        names = ", ".join(r.display_name for r in result.recorded)
        if held:
            text = _("Table %(table)s: marked held for %(names)s.", table=table, names=names)
        else:
            text = _(
                "Table %(table)s: marked for %(names)s that the other side did not come.",
                table=table,
                names=names,
            )
        flash(text, "success")
    for side in result.kept:
        flash(
            _(
                "%(name)s had already reported: “%(report)s”. That report is kept; an organizer "
                "can correct it on the outcomes list.",
                name=side.lead.display_name,
                report=ATTENDANCE_LABELS[side.report.attendance],
            ),
            "warning",
        )


@bp.post("/events/<slug>/manage/meetings/<int:meeting_id>/attendance")
@team_required(DESK)
def mark_attendance(event: Event, meeting_id: int):
    meeting = event_item(event, Meeting, meeting_id)
    slot_id = meeting.slot_id or request.form.get("slot", type=int)
    mark, _sep, absent = (request.form.get("mark") or "").partition("-")
    back = url_for(
        "meetings.meetings_now",
        slug=event.slug,
        slot=slot_id,
        marked=meeting.id,
        _anchor=f"table-{meeting.table.number}" if meeting.table else None,
    )
    try:
        absent_id = int(absent) if absent.isdigit() else None
        result = floor.mark_attendance(meeting, mark, absent_id, utcnow())
    except DomainError as error:
        undo(error)
        for messages in error.errors.values():
            for message in messages:
                flash(message, "danger")
        return redirect(back)
    _mark_messages(event, meeting, result, held=mark == floor.HELD)
    return redirect(back)
