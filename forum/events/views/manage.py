"""Organizer pages: the event, its rooms, tracks and programme sessions."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.core.errors import DomainError
from forum.core.timerange import to_local
from forum.events.blueprint import bp
from forum.events.forms import EventForm, RoomForm, SessionForm, TrackForm
from forum.events.models import ProgrammeSession, Room, Track
from forum.events.services import events as event_service
from forum.events.services.programme import (
    SessionInput,
    delete_session,
    programme_days,
    save_session,
)
from forum.events.views.team import role_label
from forum.projects.models import CommitmentStatus
from forum.reports.dashboard import dashboard_charts
from forum.reports.services.figures import event_figures
from forum.web.access import (
    DESK,
    REVIEWER,
    VIEWER,
    admin_required,
    event_item,
    organizer_required,
    team_required,
)
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


@bp.route("/manage/events/new", methods=["GET", "POST"])
@admin_required
def new_event():
    form = EventForm()
    if form.validate_on_submit():
        try:
            event = event_service.create_event(form.to_data(), current_user)
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Event created."), "success")
            return redirect(url_for("events.dashboard", slug=event.slug))
    return render_template("form.html", form=form, title=_("New event"), event=None)


@bp.get("/events/<slug>/manage/")
@team_required(DESK, REVIEWER, VIEWER)
def dashboard(event):
    # Project money is for those who see the projects (reviewers, viewers, organizers); the
    # desk sees who takes part and the meetings, and its dashboard does not count the money.
    money_shown = current_user.may(event, REVIEWER, VIEWER)
    figures = event_figures(event, with_projects=money_shown)
    return render_template(
        "events/manage/dashboard.html",
        event=event,
        days=programme_days(event),
        role_label=role_label,
        figures=figures,
        charts=dashboard_charts(figures, money_shown),
        money_shown=money_shown,
        committed=CommitmentStatus.COMMITTED,
    )


@bp.route("/events/<slug>/manage/edit", methods=["GET", "POST"])
@organizer_required
def edit_event(event):
    form = EventForm(obj=event)
    if request.method == "GET":
        form.languages.data = event.languages
    if form.validate_on_submit():
        try:
            event_service.update_event(event, form.to_data())
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Event saved."), "success")
            return redirect(url_for("events.dashboard", slug=event.slug))
    return render_template("form.html", form=form, title=_("Edit event"), event=event)


@bp.post("/events/<slug>/manage/delete")
@organizer_required
def delete_event(event):
    name = event.name
    event_service.delete_event(event)
    flash(_("Event “%(name)s” deleted.", name=name), "info")
    return redirect(url_for("events.index"))


def _edit_simple(event, model, form_cls, save, item_id: int | None, title: str):
    item = event_item(event, model, item_id) if item_id else None
    form = form_cls(obj=item)
    if form.validate_on_submit():
        try:
            save(event, form.data, item)
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("events.dashboard", slug=event.slug))
    return render_template("form.html", form=form, title=title, event=event)


@bp.route("/events/<slug>/manage/rooms/new", methods=["GET", "POST"], defaults={"item_id": None})
@bp.route("/events/<slug>/manage/rooms/<int:item_id>/edit", methods=["GET", "POST"])
@organizer_required
def edit_room(event, item_id):
    return _edit_simple(event, Room, RoomForm, event_service.save_room, item_id, _("Room"))


@bp.route("/events/<slug>/manage/tracks/new", methods=["GET", "POST"], defaults={"item_id": None})
@bp.route("/events/<slug>/manage/tracks/<int:item_id>/edit", methods=["GET", "POST"])
@organizer_required
def edit_track(event, item_id):
    return _edit_simple(
        event, Track, TrackForm, event_service.save_track, item_id, _("Track / theme")
    )


@bp.post("/events/<slug>/manage/rooms/<int:item_id>/delete")
@organizer_required
def delete_room(event, item_id):
    event_service.delete_item(event_item(event, Room, item_id))
    flash(_("Deleted."), "info")
    return redirect(url_for("events.dashboard", slug=event.slug))


@bp.post("/events/<slug>/manage/tracks/<int:item_id>/delete")
@organizer_required
def delete_track(event, item_id):
    event_service.delete_item(event_item(event, Track, item_id))
    flash(_("Deleted."), "info")
    return redirect(url_for("events.dashboard", slug=event.slug))


def _session_form(event, session: ProgrammeSession | None) -> SessionForm:
    form = SessionForm(obj=session)
    form.set_event_choices(event)
    if session is not None and request.method == "GET":
        start, end = to_local(session.starts_at, event.tz), to_local(session.ends_at, event.tz)
        form.day.data, form.start.data, form.end.data = start.date(), start.time(), end.time()
        form.speakers.data = SessionForm.speakers_text(session)
    elif session is None and request.method == "GET":
        form.day.data, form.language.data = event.start_date, event.main_language
    return form


@bp.route("/events/<slug>/manage/sessions/new", methods=["GET", "POST"], defaults={"item_id": None})
@bp.route("/events/<slug>/manage/sessions/<int:item_id>/edit", methods=["GET", "POST"])
@organizer_required
def edit_session(event, item_id):
    session = event_item(event, ProgrammeSession, item_id) if item_id else None
    form = _session_form(event, session)
    if form.validate_on_submit():
        data = SessionInput(
            title=form.title.data.strip(),
            day=form.day.data,
            start=form.start.data,
            end=form.end.data,
            kind=form.kind.data,
            description=form.description.data or "",
            room_id=form.room_id.data,
            track_id=form.track_id.data,
            stream_url=form.stream_url.data or "",
            link_audience=form.link_audience.data,
            capacity=form.capacity.data,
            language=form.language.data,
            fold=int(form.fold.data) if form.fold.data else None,
            speakers=form.speaker_list(),
        )
        try:
            saved = save_session(event, data, session)
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Session “%(title)s” saved.", title=saved.title), "success")
            return redirect(url_for("events.dashboard", slug=event.slug))
    title = _("Edit session") if session else _("New session")
    return render_template("form.html", form=form, title=title, event=event)


@bp.post("/events/<slug>/manage/sessions/<int:item_id>/delete")
@organizer_required
def delete_session_view(event, item_id):
    session = event_item(event, ProgrammeSession, item_id)
    title = session.title
    delete_session(session)
    flash(_("Session “%(title)s” deleted.", title=title), "info")
    return redirect(url_for("events.dashboard", slug=event.slug))
