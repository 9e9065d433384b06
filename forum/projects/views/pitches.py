"""Organizer page: which accepted projects are pitched in which pitch session, in what order."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from forum.core.errors import DomainError
from forum.core.form import Form
from forum.events.models import ProgrammeSession, SessionKind
from forum.extensions import db
from forum.projects.blueprint import bp
from forum.projects.models import Pitch, Project, ProjectStatus
from forum.projects.services import pitches as service
from forum.projects.services.projects import event_projects
from forum.web.access import REVIEWER, team_required
from forum.web.transaction import undo

DURATION = [InputRequired(), NumberRange(min=1, max=service.MAX_PITCH_MINUTES)]


class AddPitchForm(Form):
    project_id = SelectField(_l("Accepted project"), coerce=int)
    duration_minutes = IntegerField(_l("Minutes"), default=10, validators=DURATION)
    submit = SubmitField(_l("Add to this session"))


class DurationForm(Form):
    duration_minutes = IntegerField(_l("Minutes"), validators=DURATION)
    submit = SubmitField(_l("Save"))


def _add_form(session: ProgrammeSession, projects: list[Project], pitched: set[int]):
    form = AddPitchForm(prefix=f"s{session.id}")
    form.project_id.choices = [(p.id, p.title) for p in projects if p.id not in pitched]
    return form


@bp.get("/events/<slug>/manage/pitches")
@team_required(REVIEWER)
def pitches(event):
    accepted = event_projects(event, ProjectStatus.ACCEPTED)
    sessions = []
    pitch_sessions = service.pitch_sessions(event)
    placed_in = service.pitches_by_session(pitch_sessions)
    for session in pitch_sessions:
        placed = placed_in[session.id]
        pitched = {p.project_id for p in placed}
        sessions.append((session, placed, _add_form(session, accepted, pitched)))
    return render_template(
        "projects/manage/pitches.html",
        event=event,
        sessions=sessions,
        accepted=accepted,
        duration_form=DurationForm(formdata=None),
    )


def _back(event, session_id: int):
    return redirect(url_for("projects.pitches", slug=event.slug) + f"#session-{session_id}")


def _flash_error(error: DomainError) -> None:
    undo(error)
    for messages in error.errors.values():
        for message in messages:
            flash(str(message), "danger")


def _flash_form_errors(form: FlaskForm) -> None:
    for messages in form.errors.values():
        for message in messages:
            flash(str(message), "danger")


@bp.post("/events/<slug>/manage/pitches/sessions/<int:session_id>")
@team_required(REVIEWER)
def add_pitch(event, session_id: int):
    session = db.get_or_404(ProgrammeSession, session_id)
    if session.event_id != event.id or session.kind != SessionKind.PITCH:
        abort(404)
    accepted = event_projects(event, ProjectStatus.ACCEPTED)
    form = _add_form(session, accepted, set())
    if not form.validate_on_submit():
        _flash_form_errors(form)
        return _back(event, session.id)
    project = db.session.get(Project, form.project_id.data)
    try:
        pitch = service.place_pitch(project, session, form.duration_minutes.data)
    except DomainError as error:
        _flash_error(error)
    else:
        flash(
            _(
                "“%(title)s” is pitched in “%(session)s”.",
                title=project.title,
                session=session.title,
            ),
            "success",
        )
        return redirect(url_for("projects.pitches", slug=event.slug) + f"#pitch-{pitch.id}")
    return _back(event, session.id)


def _own_pitch(event, pitch_id: int) -> Pitch:
    pitch = db.get_or_404(Pitch, pitch_id)
    if pitch.session.event_id != event.id:
        abort(404)
    return pitch


@bp.post("/events/<slug>/manage/pitches/<int:pitch_id>/duration")
@team_required(REVIEWER)
def pitch_duration(event, pitch_id: int):
    pitch = _own_pitch(event, pitch_id)
    form = DurationForm()
    if not form.validate_on_submit():
        _flash_form_errors(form)
        return _back(event, pitch.session_id)
    try:
        service.place_pitch(pitch.project, pitch.session, form.duration_minutes.data)
    except DomainError as error:
        _flash_error(error)
    else:
        flash(_("Pitch times updated."), "success")
    return _back(event, pitch.session_id)


@bp.post("/events/<slug>/manage/pitches/<int:pitch_id>/move")
@team_required(REVIEWER)
def move_pitch(event, pitch_id: int):
    pitch = _own_pitch(event, pitch_id)
    offset = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if offset is None:
        abort(400)
    try:
        service.move_pitch(pitch, offset)
    except DomainError as error:
        _flash_error(error)
    else:
        flash(_("Pitch times updated."), "success")
    return _back(event, pitch.session_id)


@bp.post("/events/<slug>/manage/pitches/<int:pitch_id>/remove")
@team_required(REVIEWER)
def remove_pitch(event, pitch_id: int):
    pitch = _own_pitch(event, pitch_id)
    session_id, title = pitch.session_id, pitch.project.title
    try:
        service.remove_pitch(pitch)
    except DomainError as error:
        _flash_error(error)
    else:
        flash(_("“%(title)s” is no longer pitched in this session.", title=title), "success")
    return _back(event, session_id)
