"""The user's own time zone: the account page where they choose it, and the endpoint their
browser reports it to (static/js/time-zone.js)."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.accounts.blueprint import bp
from forum.accounts.forms import TimeZoneForm
from forum.accounts.services import time_zone
from forum.core.errors import DomainError
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


@bp.route("/account/time-zone", methods=["GET", "POST"])
@login_required
def time_zone_page():
    chosen = current_user.timezone if current_user.timezone_chosen else ""
    form = TimeZoneForm(timezone=chosen)
    if form.validate_on_submit():
        try:
            time_zone.choose(current_user, form.timezone.data)
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            if current_user.timezone_chosen:
                flash(_("Time zone saved: %(zone)s.", zone=current_user.timezone), "success")
            else:
                flash(_("Your time zone will be detected by your browser."), "success")
            return redirect(url_for("accounts.time_zone_page"))
    return render_template("accounts/time_zone.html", form=form)


@bp.post("/account/time-zone/detected")
@login_required
def detected_time_zone():
    """The zone the browser reports (JSON or a form field); a zone the user chose stays."""
    payload = request.get_json(silent=True) if request.is_json else request.form
    name = (payload or {}).get("timezone")
    try:
        stored = time_zone.detected(current_user, name if isinstance(name, str) else "")
    except DomainError as error:
        return jsonify(stored=False, error=str(undo(error))), 400
    return jsonify(stored=stored, timezone=current_user.timezone)
