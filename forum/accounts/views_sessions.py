"""Your sessions: where you are logged in, and ending a session you do not recognise."""

from datetime import datetime

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from forum.accounts import services as accounts
from forum.accounts.blueprint import bp
from forum.accounts.login import SESSION_KEY
from forum.accounts.services import sessions as user_sessions
from forum.core.types import utcnow


def _ago(instant: datetime) -> str:
    """ "3 days ago": no time zone to choose for a user who may travel."""
    return format_timedelta(instant - utcnow(), add_direction=True)


@bp.get("/account/sessions")
@login_required
def sessions():
    this_token = session.get(SESSION_KEY)
    rows = [
        {
            "login": login,
            "device": user_sessions.device_name(login.user_agent),
            "this_device": login.token == this_token,
            "started": _ago(login.created_at),
            "seen": _ago(login.last_seen_at),
        }
        for login in user_sessions.live_sessions(current_user)
    ]
    return render_template("accounts/sessions.html", rows=rows)


@bp.post("/account/sessions/<int:session_id>/end")
@login_required
def end_session(session_id: int):
    login = user_sessions.own_session(current_user, session_id)
    if login is None:
        abort(404)
    user_sessions.end_own_session(login)
    if login.token == session.get(SESSION_KEY):  # this very browser: as a logout
        logout_user()
        session.clear()
        flash(_("You are logged out."), "info")
        return redirect(url_for("events.index"))
    device = user_sessions.device_name(login.user_agent)
    flash(_("The session on %(device)s has ended.", device=device), "success")
    return redirect(url_for("accounts.sessions"))


@bp.post("/account/sessions/end-others")
@login_required
def end_other_sessions():
    accounts.end_other_sessions(current_user, session.get(SESSION_KEY))
    flash(_("You are logged out everywhere else."), "success")
    return redirect(url_for("accounts.sessions"))
