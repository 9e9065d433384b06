"""Organizer pages: the meeting grid (slots × tables) and moving, swapping, locking, cancelling."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.events.models import Event
from forum.meetings.blueprint import bp
from forum.meetings.models import Meeting, MeetingBlock, MeetingSlot, MeetingTable
from forum.meetings.services import edit as meeting_edit
from forum.meetings.services import grid
from forum.web.access import event_item, organizer_required
from forum.web.transaction import undo


@bp.get("/events/<slug>/manage/meetings/grid")
@organizer_required
def meetings_grid(event: Event):
    blocks = grid.event_blocks(event)
    block_id = request.args.get("block", type=int)
    block = (
        event_item(event, MeetingBlock, block_id) if block_id else (blocks[0] if blocks else None)
    )
    slots = block.slots if block else []
    return render_template(
        "meetings/manage/grid.html",
        event=event,
        blocks=blocks,
        block=block,
        slots=slots,
        tables=grid.event_tables(event),
        cells=grid.block_cells(slots),
        unplaced=grid.waiting_meetings(event),
    )


@bp.get("/events/<slug>/manage/meetings/grid/<int:meeting_id>")
@organizer_required
def grid_meeting(event: Event, meeting_id: int):
    meeting = event_item(event, Meeting, meeting_id)
    return render_template(
        "meetings/manage/meeting.html",
        event=event,
        meeting=meeting,
        blocks=grid.event_blocks(event),
        tables=grid.event_tables(event),
        partners=[m for m in grid.placed_meetings(event) if m.id != meeting.id and not m.locked],
    )


def _back(event: Event, meeting: Meeting, refused: bool):
    """To the grid where the meeting now is; to the meeting's page when a change was refused."""
    if refused:
        return redirect(url_for("meetings.grid_meeting", slug=event.slug, meeting_id=meeting.id))
    block_id = meeting.slot.block_id if meeting.slot else request.form.get("block", type=int)
    return redirect(url_for("meetings.meetings_grid", slug=event.slug, block=block_id))


def _apply(event: Event, meeting: Meeting, change, done: str):
    try:
        change()
    except DomainError as error:
        undo(error)
        for message in error.errors.get("", [str(error)]):
            flash(message, "danger")
        return _back(event, meeting, refused=True)
    flash(done, "success")
    return _back(event, meeting, refused=False)


@bp.post("/events/<slug>/manage/meetings/grid/<int:meeting_id>/move")
@organizer_required
def grid_move(event: Event, meeting_id: int):
    meeting = event_item(event, Meeting, meeting_id)
    slot = event_item(event, MeetingSlot, request.form.get("slot_id", type=int))
    table = event_item(event, MeetingTable, request.form.get("table_id", type=int))
    return _apply(
        event, meeting, lambda: meeting_edit.move(meeting, slot, table), _("Meeting moved.")
    )


@bp.post("/events/<slug>/manage/meetings/grid/<int:meeting_id>/swap")
@organizer_required
def grid_swap(event: Event, meeting_id: int):
    meeting = event_item(event, Meeting, meeting_id)
    other = event_item(event, Meeting, request.form.get("other_id", type=int))
    return _apply(event, meeting, lambda: meeting_edit.swap(meeting, other), _("Meetings swapped."))


@bp.post("/events/<slug>/manage/meetings/grid/<int:meeting_id>/lock")
@organizer_required
def grid_lock(event: Event, meeting_id: int):
    meeting = event_item(event, Meeting, meeting_id)
    locked = request.form.get("locked") == "1"
    done = _("Meeting locked.") if locked else _("Meeting unlocked.")
    return _apply(event, meeting, lambda: meeting_edit.set_locked(meeting, locked), done)


@bp.post("/events/<slug>/manage/meetings/grid/<int:meeting_id>/cancel")
@organizer_required
def grid_cancel(event: Event, meeting_id: int):
    meeting = event_item(event, Meeting, meeting_id)
    block_id = meeting.slot.block_id if meeting.slot else None
    try:
        meeting_edit.cancel_meeting(meeting)
    except DomainError as error:
        undo(error)
        for message in error.errors.get("", [str(error)]):
            flash(message, "danger")
        return _back(event, meeting, refused=True)
    flash(_("Meeting cancelled; its participants have been told."), "success")
    return redirect(url_for("meetings.meetings_grid", slug=event.slug, block=block_id))
