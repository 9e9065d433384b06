"""Log in, log out, change or reset the password, and choose the interface language."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_timedelta, get_locale, refresh
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from forum.accounts import services as accounts
from forum.accounts.blueprint import bp
from forum.accounts.forms import (
    ForgotPasswordForm,
    LanguageForm,
    LoginForm,
    PasswordForm,
    ResetPasswordForm,
)
from forum.accounts.login import SESSION_KEY
from forum.accounts.models import User
from forum.accounts.services import login_limits, password_reset
from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.extensions import csrf, limiter
from forum.web.formerrors import show_errors
from forum.web.transaction import undo

# Every request for a link counts, known address or not, so the limits reveal nothing.
FORGOT_LIMIT_PER_EMAIL = "3 per hour"
FORGOT_LIMIT_PER_CLIENT = "10 per hour"
# An unusable link is gone (expired, used) or never was one (forged, truncated).
REFUSED_STATUS = {"expired": 410, "used": 410, "invalid": 400}


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths, so the form cannot bounce users elsewhere."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("events.index")


def _forgot_email_key() -> str:
    return "password-forgot:" + (request.form.get("email") or "").strip().lower()


def _too_many_links() -> str:
    return _("Too many requests for a new password. Wait an hour and try again.")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        address = request.remote_addr
        refusal = login_limits.refusal(form.email.data, address)
        if refusal is not None:
            return _login_refused(refusal)
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            login_limits.record_failure(form.email.data, address)
            flash(_("Wrong email or password."), "danger")
        else:
            login_limits.forget_pair(form.email.data, address)
            _log_in(user)
            flash(_("Welcome, %(name)s.", name=user.name or user.email), "success")
            return redirect(_safe_next(form.next.data))
    return render_template("accounts/login.html", form=form)


def _login_refused(refusal: login_limits.Refusal):
    """429 with what to do: wait (how long), or get a reset link, which always works."""
    wait = max(refusal.retry_at - utcnow(), timedelta(minutes=1))
    page = render_template(
        "accounts/login_refused.html",
        kind=refusal.limit.kind,
        wait=format_timedelta(wait, threshold=1.5, add_direction=False),
    )
    response = make_response(page, 429)
    response.headers["Retry-After"] = str(int(wait.total_seconds()))
    return response


def _log_in(user: User) -> None:
    """Start a new server-side session for the user in this browser."""
    session.clear()  # nothing from before the login survives it
    # The cookie outlives the browser, renewed at each request, for as long as the server
    # keeps an unused session (SESSION_IDLE_DAYS; see services.session_user).
    session.permanent = True
    login = accounts.start_session(user, request.user_agent.string)
    session[SESSION_KEY] = login.token
    login_user(user)
    if user.locale is None and request.accept_languages:
        user.locale = request.accept_languages.best_match(["es", "en"])
    # The request's language was chosen while nobody was logged in (the browser's, or the
    # session's, now cleared); choose again so the welcome and what follows are in theirs.
    refresh()


@bp.post("/logout")
@login_required
def logout():
    accounts.end_session(session.get(SESSION_KEY))
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    response = redirect(url_for("events.index"))
    # The pages the service worker kept for offline reading (Today, the badge, meetings) and
    # the browser's cache go with the session: the next person on this phone sees none.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("This is not your current password."))
        else:
            try:
                accounts.change_password(current_user, form.new.data, session.get(SESSION_KEY))
            except DomainError as error:
                show_errors(form, undo(error))
            else:
                flash(_("Password changed. Your other sessions have been ended."), "success")
                return redirect(url_for("events.index"))
    return render_template("accounts/password.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(FORGOT_LIMIT_PER_CLIENT, methods=["POST"], error_message=_too_many_links)
@limiter.limit(
    FORGOT_LIMIT_PER_EMAIL,
    methods=["POST"],
    key_func=_forgot_email_key,
    error_message=_too_many_links,
)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        # The same page whether or not the address has an account (and as fast).
        password_reset.request_password_reset(form.email.data, str(get_locale()))
        return render_template("accounts/reset_link_sent.html", email=form.email.data)
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        password_reset.user_for_reset(token)
    except password_reset.ResetLinkRefused as refused:
        return _refused_link(refused)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = password_reset.reset_password(token, form.new.data)
        except password_reset.ResetLinkRefused as refused:  # used meanwhile, in another tab
            return _refused_link(undo(refused))
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            _log_in(user)
            flash(
                _("Your new password is set and you are logged in. Every other session has ended."),
                "success",
            )
            return redirect(url_for("events.index"))
    return _private(render_template("accounts/reset_password.html", form=form))


def _refused_link(refused: password_reset.ResetLinkRefused):
    page = render_template("accounts/reset_link_refused.html", message=str(refused))
    return _private(page), REFUSED_STATUS[refused.reason]


def _private(page: str):
    """The token is in this page's URL: keep it out of caches and of Referer headers."""
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _cross_site() -> bool:
    """A form posted from another site, as the browser tells (Sec-Fetch-Site, else Origin)."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return bool(origin) and origin.rstrip("/") != request.host_url.rstrip("/")


@bp.post("/language")
@csrf.exempt
def language():
    """A signed-in user's choice is kept on the account: their form carries a CSRF token. An
    anonymous visitor's form carries none, so that a public page is the same bytes for every
    visitor (forum/web/public_cache.py); their choice touches only their own session, and a
    form posted from another site is refused (it could replace the session cookie)."""
    if current_user.is_authenticated:
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
    elif _cross_site():
        abort(400)
    form = LanguageForm(meta={"csrf": False})
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
    return redirect(_safe_next(form.next.data))


# The routes of the admin's user list, "Your sessions" and invitations live in their own modules.
from forum.accounts import (  # noqa: E402, F401
    views_admin,
    views_invitations,
    views_sessions,
    views_time_zone,
)
