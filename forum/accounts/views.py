"""Log in, log out, change password and choose the interface language."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from forum.accounts import services as accounts
from forum.accounts.blueprint import bp
from forum.accounts.forms import LanguageForm, LoginForm, PasswordForm
from forum.accounts.login import SESSION_KEY
from forum.extensions import limiter

LOGIN_LIMIT = "5 per 15 minutes"


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths, so the form cannot bounce users elsewhere."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("events.index")


def _login_account_key() -> str:
    return "login-account:" + (request.form.get("email") or "").strip().lower()


def _failed(response) -> bool:
    """Only failed attempts count against the limits (a success redirects)."""
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT, methods=["POST"], deduct_when=_failed)
@limiter.limit(LOGIN_LIMIT, methods=["POST"], key_func=_login_account_key, deduct_when=_failed)
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Wrong email or password."), "danger")
        else:
            session.clear()  # nothing from before the login survives it
            login = accounts.start_session(user, request.user_agent.string)
            session[SESSION_KEY] = login.token
            login_user(user)
            if user.locale is None and request.accept_languages:
                user.locale = request.accept_languages.best_match(["es", "en"])
            flash(_("Welcome, %(name)s.", name=user.name or user.email), "success")
            return redirect(_safe_next(form.next.data))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    accounts.end_session(session.get(SESSION_KEY))
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("events.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("This is not your current password."))
        else:
            accounts.change_password(current_user, form.new.data, session.get(SESSION_KEY))
            flash(_("Password changed. Your other sessions have been ended."), "success")
            return redirect(url_for("events.index"))
    return render_template("accounts/password.html", form=form)


@bp.post("/language")
def language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
    return redirect(_safe_next(form.next.data))
