"""Organizer pages: printable badges and the check-in desk."""

from flask import Response, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.registration.blueprint import bp
from forum.registration.services import badges as badge_service
from forum.web.access import DESK, team_required
from forum.web.transaction import undo


class CheckinForm(FlaskForm):
    code = StringField(
        _l("Badge code"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("Scan the QR code on the badge, or type the code and press Enter."),
        render_kw={"autofocus": True, "autocomplete": "off", "spellcheck": "false"},
    )
    submit = SubmitField(_l("Check in"))


@bp.get("/events/<slug>/manage/badges.pdf")
@team_required(DESK)
def badges_pdf(event):
    layout = request.args.get("layout", "sheet")
    if layout not in badge_service.LAYOUTS:
        abort(400)
    registrations = badge_service.approved_registrations(event)
    pdf = badge_service.badge_pdf(event, registrations, layout=layout)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="badges-{event.slug}.pdf"',
            "Cache-Control": "no-store",  # delegates' personal data
        },
    )


@bp.route("/events/<slug>/manage/checkin", methods=["GET", "POST"])
@team_required(DESK)
def checkin(event):
    form = CheckinForm()
    registration, first_time, error = None, False, None
    if form.validate_on_submit():
        now = utcnow()
        try:
            registration = badge_service.checkin(event, form.code.data, now=now)
        except DomainError as exc:
            error = str(undo(exc))
        else:
            first_time = registration.checked_in_at == now
        form.code.data = ""  # ready for the next badge
    arrived, approved = badge_service.checkin_counts(event)
    return render_template(
        "registration/manage/checkin.html",
        event=event,
        form=form,
        registration=registration,
        first_time=first_time,
        error=error,
        arrived=arrived,
        approved=approved,
    )
