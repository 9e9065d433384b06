"""Log in, log out and choose the interface language."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from forum.account import bp
from forum.account.forms import LanguageForm, LoginForm
from forum.auth import find_user
from forum.extensions import db


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths, so the form cannot bounce users elsewhere."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("public.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = find_user(form.email.data)
        if user is None or not user.is_active or not user.check_password(form.password.data):
            flash(_("Wrong email or password."), "danger")
        else:
            session.clear()  # a fresh session at login: nothing carried over from before
            login_user(user)
            if user.locale is None and request.accept_languages:
                user.locale = request.accept_languages.best_match(["es", "en"])
                db.session.commit()
            flash(_("Welcome, %(name)s.", name=user.name or user.email), "success")
            return redirect(_safe_next(form.next.data))
    return render_template("account/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("public.index"))


@bp.post("/language")
def language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
            db.session.commit()
    return redirect(_safe_next(form.next.data))
