"""Organizer pages: printable badges and the check-in desk."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired

from forum.core.errors import DomainError
from forum.core.form import Form, Limit
from forum.core.local_time import event_datetime
from forum.core.types import utcnow
from forum.registration.blueprint import bp
from forum.registration.models import Registration
from forum.registration.services import badges as badge_service
from forum.registration.services import checkin_lookup
from forum.web.access import DESK, event_item, team_required
from forum.web.transaction import undo

# Up to this many badges (3 A4 sheets, about 2 s) are made inside the request; more go to a
# print run with progress (views/badge_runs.py).
BADGES_IN_REQUEST = 24


class CheckinForm(Form):
    code = StringField(
        _l("Badge code"),
        validators=[DataRequired(), Limit(200)],
        description=_l(
            "Scan the QR code on the badge, or type the short code printed under it "
            "(such as K7M-2QX) and press Enter."
        ),
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
    if len(registrations) > BADGES_IN_REQUEST:
        # Seconds of rendering would hold the page (and a server worker): a print run does it.
        flash(
            _(
                "The badges of %(num)d delegates take a while to make: print them here and "
                "download the file when it is ready.",
                num=len(registrations),
            ),
            "info",
        )
        return redirect(url_for("registration.badges", slug=event.slug), code=303)
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
    outcome = {}
    if form.validate_on_submit():
        outcome = _check_in(event, lambda now: badge_service.checkin(event, form.code.data, now))
        form.code.data = ""  # ready for the next badge
    return _checkin_page(event, form, **outcome)


@bp.post("/events/<slug>/manage/checkin/<int:registration_id>")
@team_required(DESK)
def checkin_delegate(event, registration_id: int):
    """The "Check in" button beside a delegate found by name, or on the desk's detail page."""
    registration = event_item(event, Registration, registration_id)
    outcome = _check_in(
        event, lambda now: badge_service.check_in_approved(event, registration, now)
    )
    if request.form.get("back") != "detail":
        return _checkin_page(event, CheckinForm(formdata=None), **outcome)
    if "error" in outcome:
        flash(outcome["error"], "danger")
    elif outcome["first_time"]:
        flash(_("%(name)s is checked in.", name=registration.display_name), "success")
    else:
        flash(_already_message(event, registration), "info")
    return redirect(
        url_for(
            "registration.registration_detail", slug=event.slug, registration_id=registration_id
        )
    )


def _already_message(event, registration) -> str:
    return _(
        "%(name)s was already checked in at %(time)s.",
        name=registration.display_name,
        time=event_datetime(registration.checked_in_at, event, "short"),
    )


def _check_in(event, action) -> dict:
    """Run one check-in; what the page shows about it."""
    now = utcnow()
    try:
        registration = action(now)
    except DomainError as exc:
        return {"error": str(undo(exc))}
    return {"registration": registration, "first_time": registration.checked_in_at == now}


def _checkin_page(event, form, registration=None, first_time=False, error=None):
    arrived, approved = badge_service.checkin_counts(event)
    query = " ".join(request.args.get("q", "").split())[:100]
    return render_template(
        "registration/manage/checkin.html",
        event=event,
        form=form,
        registration=registration,
        first_time=first_time,
        error=error,
        arrived=arrived,
        approved=approved,
        query=query,
        found=checkin_lookup.search_delegates(event, query) if query else [],
        search_limit=checkin_lookup.SEARCH_LIMIT,
    )
