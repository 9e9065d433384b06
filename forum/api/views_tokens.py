"""The account page's API tokens: make one (its secret shown once), see them, revoke one."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.api.blueprint import bp
from forum.api.forms import NewTokenForm
from forum.api.models import TokenScope
from forum.api.services import tokens as token_service
from forum.core.errors import DomainError
from forum.core.local_time import zone_or_none
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


def _expiry(day) -> datetime | None:
    """The end of the chosen day in the person's zone (UTC when none is known)."""
    if day is None:
        return None
    zone = zone_or_none(current_user.timezone) or ZoneInfo("UTC")
    return datetime.combine(day, time(23, 59, 59), zone)


def _when(instant: datetime | None) -> str | None:
    """A date and time in the person's zone, in their language."""
    if instant is None:
        return None
    zone = zone_or_none(current_user.timezone) or ZoneInfo("UTC")
    return format_datetime(instant.astimezone(zone).replace(tzinfo=None), "medium")


def _page(form: NewTokenForm, secret: str | None = None, status: int = 200):
    rows = [
        {"token": token, "expires": _when(token.expires_at), "used": _when(token.last_used_at)}
        for token in token_service.live_tokens(current_user)
    ]
    roles = sorted(current_user.event_roles, key=lambda r: r.event.name)
    page = render_template("api/tokens.html", form=form, rows=rows, secret=secret, roles=roles)
    return page, status


@bp.get("/account/tokens")
@login_required
def tokens():
    return _page(NewTokenForm())


@bp.post("/account/tokens")
@login_required
def create_token():
    form = NewTokenForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    try:
        made = token_service.create_token(
            current_user, form.name.data, TokenScope(form.scope.data), _expiry(form.expires_on.data)
        )
    except DomainError as error:
        show_errors(form, undo(error))
        return _page(form, status=422)
    flash(_("Copy the token now: it will not be shown again."), "warning")
    # Shown in this answer only (never stored, never in a redirect's address or the session).
    return _page(NewTokenForm(formdata=None), secret=made.secret)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    token = token_service.own_token(current_user, token_id)
    if token is None:
        abort(404)
    token_service.revoke_token(token)
    flash(_("The token “%(name)s” is revoked.", name=token.name), "success")
    return redirect(url_for("api.tokens"))
