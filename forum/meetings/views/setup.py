"""Organizer pages: meeting slots and tables, and the batch scheduler (preview, apply, publish)."""

import sqlalchemy as sa
from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from forum.core import jobs
from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.events.models import EventJob, ProgrammeSession, Room, SessionKind
from forum.extensions import db
from forum.meetings import publish_runner, schedule_runner
from forum.meetings.blueprint import bp
from forum.meetings.models import MeetingBlock, MeetingTable, ScheduleRun
from forum.meetings.services import (
    grid,
    publication,
    schedule,
    schedule_runs,
    schedule_summary,
    setup,
)
from forum.meetings.setup_forms import (
    AddTablesForm,
    BlockForm,
    PlanForm,
    PublishForm,
    ScheduleForm,
    TableForm,
)
from forum.registration.models import Registration
from forum.registration.services.badges import approved_registrations
from forum.web.access import event_item, organizer_required
from forum.web.formerrors import show_errors
from forum.web.transaction import undo

SYNC_TIME_LIMIT = 25  # seconds; without a job queue the solver runs inside the web request


def _room(event, room_id: int | None) -> Room | None:
    return event_item(event, Room, room_id) if room_id else None


def _b2b_sessions(event) -> list[ProgrammeSession]:
    return [s for s in event.sessions if s.kind == SessionKind.B2B]


def _render_setup(event, block_forms=None, tables_form=None):
    sessions = _b2b_sessions(event)
    blocks = {
        b.session_id: b
        for b in db.session.scalars(
            sa.select(MeetingBlock).where(MeetingBlock.event_id == event.id)
        )
    }
    forms = {
        s.id: BlockForm(prefix=f"block{s.id}", obj=blocks.get(s.id), formdata=None)
        for s in sessions
    }
    forms.update(block_forms or {})
    if tables_form is None:
        tables_form = AddTablesForm(prefix="tables", formdata=None)
    tables_form.set_rooms(event)
    tables = grid.event_tables(event)
    return render_template(
        "meetings/manage/setup.html",
        event=event,
        sessions=sessions,
        blocks=blocks,
        block_forms=forms,
        block_is_current=setup.block_is_current,
        tables=tables,
        tables_form=tables_form,
    )


@bp.get("/events/<slug>/manage/meetings/setup")
@organizer_required
def meetings_setup(event):
    return _render_setup(event)


@bp.post("/events/<slug>/manage/meetings/blocks/<int:session_id>")
@organizer_required
def save_meeting_block(event, session_id: int):
    session = event_item(event, ProgrammeSession, session_id)
    form = BlockForm(prefix=f"block{session.id}")
    if form.validate_on_submit():
        try:
            block = setup.save_block(
                event, session, form.slot_minutes.data, form.break_minutes.data
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(
                ngettext(
                    "“%(session)s”: %(num)d slot.",
                    "“%(session)s”: %(num)d slots.",
                    len(block.slots),
                    session=session.title,
                ),
                "success",
            )
            return redirect(url_for("meetings.meetings_setup", slug=event.slug))
    return _render_setup(event, block_forms={session.id: form})


@bp.post("/events/<slug>/manage/meetings/tables/add")
@organizer_required
def add_meeting_tables(event):
    form = AddTablesForm(prefix="tables")
    form.set_rooms(event)
    if form.validate_on_submit():
        try:
            tables = setup.add_tables(
                event,
                form.count.data,
                room=_room(event, form.room_id.data),
                first_number=form.first_number.data,
                is_virtual=form.is_virtual.data,
                video_url=form.video_url.data or "",
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(ngettext("%(num)d table added.", "%(num)d tables added.", len(tables)), "success")
            return redirect(url_for("meetings.meetings_setup", slug=event.slug))
    return _render_setup(event, tables_form=form)


@bp.route("/events/<slug>/manage/meetings/tables/<int:table_id>/edit", methods=["GET", "POST"])
@organizer_required
def edit_meeting_table(event, table_id: int):
    table = event_item(event, MeetingTable, table_id)
    form = TableForm(obj=table)
    form.set_rooms(event)
    form.set_hosts(approved_registrations(event))
    if not form.is_submitted():
        form.host_id.data = table.host_registration_id
    if form.validate_on_submit():
        host = event_item(event, Registration, form.host_id.data) if form.host_id.data else None
        try:
            setup.update_table(
                table,
                label=form.label.data or "",
                room=_room(event, form.room_id.data),
                host=host,
                is_virtual=form.is_virtual.data,
                video_url=form.video_url.data or "",
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Table %(table)s saved.", table=str(table)), "success")
            return redirect(url_for("meetings.meetings_setup", slug=event.slug))
    title = _("Table %(num)d", num=table.number)
    return render_template("form.html", form=form, title=title, event=event)


@bp.post("/events/<slug>/manage/meetings/tables/<int:table_id>/delete")
@organizer_required
def delete_meeting_table(event, table_id: int):
    table = event_item(event, MeetingTable, table_id)
    name = str(table)
    try:
        setup.delete_table(table)
    except DomainError as error:
        undo(error)
        flash(str(error), "danger")
    else:
        flash(_("Table %(table)s deleted.", table=name), "info")
    return redirect(url_for("meetings.meetings_setup", slug=event.slug))


# --- The batch scheduler ---------------------------------------------------------------------


def _render_schedule(event, form=None, summary=None, run=None):
    return render_template(
        "meetings/manage/schedule.html",
        event=event,
        counts=grid.meeting_counts(event),
        form=form or ScheduleForm(formdata=None),
        preview=summary,
        run=run,
        plan_form=PlanForm(prefix="plan", formdata=None, run=run.id) if run else None,
        publish_form=PublishForm(prefix="publish", formdata=None),
        publishing=publication.running_publication(event),
        queued=jobs.queued(),
        sync_limit=SYNC_TIME_LIMIT,
    )


@bp.route("/events/<slug>/manage/meetings/schedule", methods=["GET", "POST"])
@organizer_required
def meetings_schedule(event):
    form = ScheduleForm()
    if not form.validate_on_submit():
        return _render_schedule(event, form)
    limit = form.time_limit.data if jobs.queued() else min(form.time_limit.data, SYNC_TIME_LIMIT)
    try:
        run = schedule_runs.request_run(
            event, form.mode.data, limit, current_user, bool(form.allow_moves.data)
        )
    except DomainError as error:
        undo(error)
        flash(str(error), "danger")
        return _render_schedule(event, form)
    schedule_runner.start_after_commit(run)
    return redirect(url_for("meetings.meetings_schedule_run", slug=event.slug, job_id=run.id))


@bp.get("/events/<slug>/manage/meetings/schedule/runs/<int:job_id>")
@organizer_required
def meetings_schedule_run(event, job_id: int):
    """A run under way (its progress; the page reloads itself), then its plan, a page of
    changes at a time."""
    run = event_item(event, ScheduleRun, job_id)
    if run.status == schedule_runs.FAILED or schedule_runs.is_stale(run):
        flash(run.error or _("The scheduler stopped without a result. Try again."), "danger")
        return redirect(url_for("meetings.meetings_schedule", slug=event.slug))
    if run.active:
        response = make_response(
            render_template(
                "meetings/manage/schedule_job.html",
                event=event,
                run=run,
                progress=run.progress or {},
                elapsed=(utcnow() - run.started_at).total_seconds() if run.started_at else 0,
                stage=schedule_runs.stage_label((run.progress or {}).get("stage", "")),
            )
        )
        response.headers["Refresh"] = "3"  # reload until the run is done
        return response
    summary = schedule_summary.summarise(
        event,
        schedule_runs.plan_of(run),
        page=request.args.get("page", 1, type=int),
        unplaced_page=request.args.get("unplaced", 1, type=int),
    )
    return _render_schedule(event, summary=summary, run=run)


@bp.post("/events/<slug>/manage/meetings/schedule/apply")
@organizer_required
def apply_meetings_schedule(event):
    form = PlanForm(prefix="plan")
    if not form.validate_on_submit():
        abort(400)
    run = event_item(event, ScheduleRun, form.run.data)
    try:
        changed = schedule.apply(event, schedule_runs.plan_of(run))
    except DomainError as error:
        undo(error)
        flash(str(error), "danger")
    else:
        flash(
            ngettext(
                "Schedule applied: %(num)d meeting placed or moved.",
                "Schedule applied: %(num)d meetings placed or moved.",
                changed,
            ),
            "success",
        )
    return redirect(url_for("meetings.meetings_schedule", slug=event.slug))


@bp.post("/events/<slug>/manage/meetings/schedule/publish")
@organizer_required
def publish_meetings_schedule(event):
    """Publishing runs as a job (thousands of mails): this starts it, or follows the one
    already under way, and shows its progress."""
    if not PublishForm(prefix="publish").validate_on_submit():
        abort(400)
    job, new = publication.request_publication(event, current_user)
    if new:
        publish_runner.start_after_commit(job)
    return redirect(url_for("meetings.meetings_publication", slug=event.slug, job_id=job.id))


@bp.get("/events/<slug>/manage/meetings/schedule/publications/<int:job_id>")
@organizer_required
def meetings_publication(event, job_id: int):
    job = event_item(event, EventJob, job_id)
    if job.kind != publication.PUBLISH:
        abort(404)
    response = make_response(
        render_template("meetings/manage/publication.html", event=event, job=job)
    )
    if job.active:
        response.headers["Refresh"] = "2"  # reload until the publication is done
    return response
