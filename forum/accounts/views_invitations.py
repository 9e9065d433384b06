"""Links mailed to an account's owner other than a reset: accept an invitation (choose the
first password), ask for a new invitation, confirm a self-registered address.

Kept apart from views.py (login, password) so that each stays short; views.py imports this
module, which registers the routes on the same blueprint.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.accounts.blueprint import bp
from forum.accounts.forms import ResetPasswordForm
from forum.accounts.models import User
from forum.accounts.services import confirmation, invitations
from forum.accounts.services.links import LinkRefused
from forum.accounts.views import REFUSED_STATUS, _log_in, _private, _safe_next
from forum.core.errors import DomainError
from forum.extensions import limiter
from forum.web.formerrors import show_errors
from forum.web.transaction import undo

# Every request counts, whatever the link, so the limits reveal nothing.
RENEW_LIMIT_PER_ACCOUNT = "3 per hour"
RENEW_LIMIT_PER_CLIENT = "10 per hour"
RESEND_LIMIT_PER_ACCOUNT = "3 per hour"
RESEND_LIMIT_PER_CLIENT = "10 per hour"


def _renew_account_key() -> str:
    token = (request.view_args or {}).get("token", "")
    user_id = invitations.INVITATION_LINK.user_id_of(token)
    return f"invitation-renew:{user_id}" if user_id is not None else f"invitation-renew:{token}"


def _resend_account_key() -> str:
    return f"confirmation-resend:{current_user.get_id()}"


def _too_many() -> str:
    return _("Too many requests for a new link. Wait an hour and try again.")


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    try:
        user = invitations.user_for_invitation(token)
    except LinkRefused as refused:
        return _refused_invitation(token, refused)
    form = ResetPasswordForm()
    form.submit.label.text = _("Choose this password")
    if form.validate_on_submit():
        try:
            user = invitations.accept_invitation(token, form.new.data)
        except LinkRefused as refused:  # accepted meanwhile, in another tab
            return _refused_invitation(token, undo(refused))
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            _log_in(user)
            flash(
                _("Welcome, %(name)s: your password is set.", name=user.name or user.email),
                "success",
            )
            return redirect(_landing(user))
    return _private(render_template("accounts/invitation_accept.html", form=form, user=user))


def _landing(user: User) -> str:
    """Their registration, if they have exactly one; the list of events otherwise."""
    if len(user.registrations) == 1:
        return url_for("registration.mine", slug=user.registrations[0].event.slug)
    return url_for("events.index")


def _refused_invitation(token: str, refused: LinkRefused):
    renewable = refused.reason == "expired" and invitations.renewable_user(token) is not None
    page = render_template(
        "accounts/invitation_refused.html",
        message=str(refused),
        reason=refused.reason,
        renewable=renewable,
        token=token,
    )
    return _private(page), REFUSED_STATUS[refused.reason]


@bp.post("/invitation/<token>/renew")
@limiter.limit(RENEW_LIMIT_PER_CLIENT, error_message=_too_many)
@limiter.limit(RENEW_LIMIT_PER_ACCOUNT, key_func=_renew_account_key, error_message=_too_many)
def renew_invitation(token: str):
    # The same page whatever happened: it must not tell whether the account is still waiting.
    invitations.renew_invitation(token)
    return _private(render_template("accounts/invitation_renewed.html"))


@bp.get("/account/confirm/<token>")
def confirm_email(token: str):
    try:
        user = confirmation.confirm_email(token)
    except LinkRefused as refused:
        page = render_template(
            "accounts/confirm_refused.html", message=str(refused), reason=refused.reason
        )
        return _private(page), REFUSED_STATUS[refused.reason]
    return _private(render_template("accounts/email_confirmed.html", user=user))


@bp.post("/account/confirm/resend")
@login_required
@limiter.limit(RESEND_LIMIT_PER_CLIENT, error_message=_too_many)
@limiter.limit(RESEND_LIMIT_PER_ACCOUNT, key_func=_resend_account_key, error_message=_too_many)
def resend_confirmation():
    if confirmation.awaits_confirmation(current_user):
        confirmation.send_confirmation(
            current_user._get_current_object(), _event_named(request.form.get("slug", ""))
        )
        flash(_("We have sent a new link to %(email)s.", email=current_user.email), "success")
    else:
        flash(_("Your address is already confirmed."), "info")
    return redirect(_safe_next(request.form.get("next")))


def _event_named(slug: str):
    """The event of one of the user's registrations, to name it in the mail."""
    return next((r.event for r in current_user.registrations if r.event.slug == slug), None)
