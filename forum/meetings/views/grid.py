"""Organizer pages: the meeting grid (slots × tables) and moving, swapping, locking, cancelling."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.events.models import Event
from forum.meetings.blueprint import bp
from forum.meetings.models import Meeting, MeetingBlock, MeetingSlot, MeetingTable
from forum.meetings.services import edit as meeting_edit
from forum.meetings.services import grid, grid_filters
from forum.web.access import event_item, organizer_required
from forum.web.pagination import paginate
from forum.web.transaction import undo


def _block(event: Event, blocks: list[MeetingBlock], block_id: int | None) -> MeetingBlock | None:
    if block_id:
        return event_item(event, MeetingBlock, block_id)
    return blocks[0] if blocks else None


def _view(event: Event, tables: list[MeetingTable], args) -> grid_filters.GridView:
    """The tables and the delegate the page was asked for (the grid's GET parameters, or the
    fields a form carries back)."""
    return grid_filters.grid_view(event, tables, args.get("tables"), args.get("who"))


@bp.get("/events/<slug>/manage/meetings/grid")
@organizer_required
def meetings_grid(event: Event):
    """The block's slots at a range of tables; the waiting meetings a page (`page`) at a time."""
    blocks = grid.event_blocks(event)
    block = _block(event, blocks, request.args.get("block", type=int))
    slots = block.slots if block else []
    tables = grid.event_tables(event)
    view = _view(event, tables, request.args)
    found, more_found = grid_filters.found_meetings(event, view, slots)
    return render_template(
        "meetings/manage/grid.html",
        event=event,
        blocks=blocks,
        block=block,
        slots=slots,
        tables=tables,
        view=view,
        pages=grid_filters.range_pages(tables),
        show_all_option=grid_filters.can_show_all(tables),
        neighbours=grid_filters.neighbours(tables, view.shown),
        cells=grid.block_cells(slots, view.tables),
        found=found,
        more_found=more_found,
        unplaced=paginate(grid_filters.waiting_query(event, view), grid_filters.WAITING_PER_PAGE),
    )


@bp.get("/events/<slug>/manage/meetings/grid/<int:meeting_id>")
@organizer_required
def grid_meeting(event: Event, meeting_id: int):
    """A meeting's move and swap forms: the cells in sight first; `all=1` offers every time
    and table; the swap choices are the plausible meetings, or those `swap=<text>` finds."""
    meeting = event_item(event, Meeting, meeting_id)
    blocks = grid.event_blocks(event)
    here = meeting.slot.block_id if meeting.slot else None
    block = _block(event, blocks, request.args.get("block", type=int) or here)
    tables = grid.event_tables(event)
    view = _view(event, tables, request.args)
    show_all = request.args.get("all") == "1" or block is None
    swap_text = (request.args.get("swap") or "").strip()[: grid_filters.WHO_MAX]
    partners, more_partners = grid_filters.swap_options(
        meeting,
        block=None if show_all else block,
        tables=None if show_all else view.tables,
        text=swap_text,
    )
    return render_template(
        "meetings/manage/meeting.html",
        event=event,
        meeting=meeting,
        blocks=blocks,
        block=block,
        tables=tables,
        view=view,
        show_all=show_all,
        free=[] if show_all else grid_filters.free_cells(meeting, block.slots, view.tables),
        partners=partners,
        more_partners=more_partners,
        swap_text=swap_text,
    )


def _back(event: Event, meeting: Meeting, refused: bool):
    """To the grid where the meeting now is, in the same view; to the meeting's page when a
    change was refused."""
    view = {key: request.form[key] for key in ("tables", "who") if request.form.get(key)}
    if refused:
        block = request.form.get("block", type=int)
        return redirect(
            url_for(
                "meetings.grid_meeting", slug=event.slug, meeting_id=meeting.id, block=block, **view
            )
        )
    block_id = meeting.slot.block_id if meeting.slot else request.form.get("block", type=int)
    return redirect(url_for("meetings.meetings_grid", slug=event.slug, block=block_id, **view))


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


def _place(event: Event, form) -> tuple[MeetingSlot, MeetingTable]:
    """The slot and table a form names: `place` ("slot id:table id", one choice of the cells
    in sight) or `slot_id` and `table_id`."""
    slot_id, table_id = form.get("slot_id", type=int), form.get("table_id", type=int)
    if form.get("place"):
        slot_text, _sep, table_text = form["place"].partition(":")
        slot_id = int(slot_text) if slot_text.isdigit() else None
        table_id = int(table_text) if table_text.isdigit() else None
    return event_item(event, MeetingSlot, slot_id), event_item(event, MeetingTable, table_id)


@bp.post("/events/<slug>/manage/meetings/grid/<int:meeting_id>/move")
@organizer_required
def grid_move(event: Event, meeting_id: int):
    meeting = event_item(event, Meeting, meeting_id)
    slot, table = _place(event, request.form)
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


@bp.get("/events/<slug>/manage/meetings/grid/<int:meeting_id>/check")
@organizer_required
def grid_check(event: Event, meeting_id: int):
    """Whether a drop would be accepted, before it happens: `other=<meeting id>` asks about a
    swap (as the swap form), `slot` and `table` (ids) about a move (as the move form). The
    answer comes from the services' own checks, run and rolled back, in the forms' words."""
    meeting = event_item(event, Meeting, meeting_id)
    other_id = request.args.get("other", type=int)
    slot_id, table_id = request.args.get("slot", type=int), request.args.get("table", type=int)
    if other_id:
        action = "swap"
        messages = meeting_edit.swap_refusal(meeting, event_item(event, Meeting, other_id))
    elif slot_id and table_id:
        action = "move"
        slot = event_item(event, MeetingSlot, slot_id)
        table = event_item(event, MeetingTable, table_id)
        if (meeting.slot_id, meeting.table_id) == (slot.id, table.id):
            messages = [_("The meeting is already here.")]
        else:
            messages = meeting_edit.move_refusal(meeting, slot, table)
    else:
        action, messages = "none", [_("Choose a time and a table, or a meeting to swap with.")]
    if messages:
        label = _("Refused: %(reasons)s", reasons=" ".join(messages))
    else:
        label = _("Move here") if action == "move" else _("Swap with this meeting")
    return jsonify(allowed=not messages, action=action, messages=messages, label=label)
