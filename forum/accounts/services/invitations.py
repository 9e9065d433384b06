"""Invitations: an account made by someone else (an import, the desk, an event's team) gets
a mail with a link to choose its password, valid seven days, that works once.

The link is an AccountLink (links.py) over the password hash: choosing the password makes
it used. Accepting also proves the address, so it confirms the email.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.accounts.services.links import AccountLink, set_password_by_link
from forum.core.types import utcnow
from forum.extensions import db
from forum.notifications import notify

INVITATION_LINK = AccountLink(
    salt="forum.invitation",
    max_age=7 * 24 * 3600,
    expired_message=lambda: _("This invitation has expired: an invitation is valid for 7 days."),
    used_message=lambda: _(
        "This invitation has already been accepted. Log in with your password, or ask for a "
        "new password if you forgot it."
    ),
)


def is_pending(user: User) -> bool:
    """Invited (or made by someone else) and no password chosen yet."""
    return not user.has_password


def invite(user: User, event=None, inviter: User | None = None) -> None:
    """Mail the user, in their language, a link to choose a password (for `event`, named in
    the mail when given); a later call sends a new link and the earlier ones keep working
    until one is used."""
    user.invited_at = utcnow()
    db.session.flush()
    notify.invitation(user, INVITATION_LINK.token(user), event=event, inviter=inviter)


def user_for_invitation(token: str) -> User:
    """The user this invitation is for, while unused and within 7 days; LinkRefused else."""
    return INVITATION_LINK.user_for(token)


def accept_invitation(token: str, password: str) -> User:
    """Set the chosen password and confirm the address; return the user."""
    return set_password_by_link(INVITATION_LINK, token, password)


def renewable_user(token: str) -> User | None:
    """The still-pending active account a well-signed invitation (even an expired one) was
    for; None when a new link would be of no use or the token is not ours."""
    user_id = INVITATION_LINK.user_id_of(token)
    user = db.session.get(User, user_id) if user_id is not None else None
    if user is None or not user.is_active or not is_pending(user):
        return None
    return user


def renew_invitation(token: str) -> bool:
    """Send a fresh invitation for an expired link to a still-pending account, naming the
    event of its latest registration; True if one was queued. The caller answers the same
    either way."""
    from forum.registration.models import Registration  # registration builds on accounts

    user = renewable_user(token)
    if user is None:
        return False
    latest = db.session.scalar(
        sa.select(Registration)
        .where(Registration.user_id == user.id)
        .order_by(Registration.created_at.desc(), Registration.id.desc())
        .limit(1)
    )
    invite(user, event=latest.event if latest is not None else None)
    return True
