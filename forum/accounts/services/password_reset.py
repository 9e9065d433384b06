"""Password reset by email: a signed link, valid one hour, that works once.

The link (links.py) carries a fingerprint of the password hash: setting any new password
(through this link, the password page, an invitation or the CLI) changes the hash, so the
link, and every other link sent before, stops working.
"""

from flask_babel import gettext as _

from forum.accounts.models import User
from forum.accounts.services import find_user
from forum.accounts.services.links import AccountLink, LinkRefused, set_password_by_link
from forum.notifications import notify

RESET_LINK = AccountLink(
    salt="forum.password-reset",
    max_age=3600,
    expired_message=lambda: _("This link has expired: a link is valid for one hour."),
)
ResetLinkRefused = LinkRefused  # the name the views and tests know


def reset_token(user: User) -> str:
    """A signed token that lets this user set a new password, once, within the hour."""
    return RESET_LINK.token(user)


def user_for_reset(token: str) -> User:
    """The active user this token lets set a password; LinkRefused otherwise."""
    return RESET_LINK.user_for(token)


def request_password_reset(email: str, locale: str) -> bool:
    """Mail a reset link to the active account with this email; True if one was queued.

    The caller answers the same whatever this returns. For an unknown or inactive address
    the same work is done (a token signed, the mail rendered in `locale` and written to the
    outbox) and then taken back, so that the answer takes as long as for a real account.
    """
    user = find_user(email)
    if user is not None and user.is_active:
        notify.password_reset(user, reset_token(user))
        return True
    stand_in = User(email=email.strip().lower()[:254], name="", locale=locale)  # never added
    notify.password_reset_rehearsal(stand_in, reset_token(stand_in))
    return False


def reset_password(token: str, new_password: str) -> User:
    """Set the password the link allows, end every session of the user; return the user."""
    return set_password_by_link(RESET_LINK, token, new_password)
