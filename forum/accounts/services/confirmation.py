"""Confirming the address of a self-registered account: a signed link, valid seven days.

An account made through the registration form chose its own password but has not shown it
owns its address; until it does, its registrations do not reach the organizers' desk
(registration.services.registration.reaches_desk). The link's fingerprint covers the
confirmation time, so it works once. Accounts made by someone else confirm their address by
accepting their invitation (invitations.py); accounts older than this rule were confirmed
by the migration that added it.
"""

import hashlib

from flask_babel import gettext as _

from forum.accounts.models import User
from forum.accounts.services.links import AccountLink
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.extensions import db
from forum.notifications import notify


def confirmation_fingerprint(user: User) -> str:
    """Changes when the address is confirmed (or changes): the link then is used."""
    material = f"{user.id}\x00{user.email}\x00{user.email_confirmed_at}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


CONFIRM_LINK = AccountLink(
    salt="forum.email-confirmation",
    max_age=7 * 24 * 3600,
    expired_message=lambda: _(
        "This confirmation link has expired: a link is valid for 7 days. Log in and ask for a "
        "new one on your registration page."
    ),
    fingerprint=confirmation_fingerprint,
    used_message=lambda: _("This address is already confirmed: you can log in."),
)


def awaits_confirmation(user: User) -> bool:
    """Registered on their own (a password of their choice) and the address not proved yet."""
    return user.has_password and user.email_confirmed_at is None


def send_confirmation(user: User, event=None) -> None:
    """Queue the mail with the link, in the user's language, naming the event if given."""
    notify.email_confirmation(user, CONFIRM_LINK.token(user), event=event)


def confirm_email(token: str) -> User:
    """Mark the address confirmed; LinkRefused for an expired, used or forged link.

    The row is locked and the link read again under the lock, so a double click confirms
    once and the second request is told the address is already confirmed.
    """
    user = CONFIRM_LINK.user_for(token)
    lock_row(User, user.id)
    db.session.refresh(user)
    user = CONFIRM_LINK.user_for(token)
    user.email_confirmed_at = utcnow()
    db.session.flush()
    return user
