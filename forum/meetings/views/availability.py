"""Delegates: mark the meeting slots in which they cannot meet."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf import FlaskForm

from forum.core.errors import DomainError
from forum.meetings.blueprint import bp
from forum.meetings.services.grid import availability_rows
from forum.meetings.services.setup import set_unavailable
from forum.web.access import approved_registration
from forum.web.transaction import undo


@bp.route("/events/<slug>/me/availability", methods=["GET", "POST"])
@login_required
def availability(slug: str):
    registration = approved_registration(slug)
    event = registration.event
    form = FlaskForm()
    if form.validate_on_submit():
        chosen = [int(v) for v in request.form.getlist("unavailable") if v.isdigit()]
        try:
            set_unavailable(registration, chosen)
        except DomainError as error:
            undo(error)
            flash(str(error), "danger")
        else:
            flash(_("Your availability has been saved."), "success")
            return redirect(url_for("meetings.availability", slug=slug))
    return render_template(
        "meetings/availability.html",
        event=event,
        registration=registration,
        groups=availability_rows(registration),
        form=form,
    )
