"""Signed links mailed to an account's owner: a new password, an invitation, an address check.

A link carries the user's id and a fingerprint of what the link may change, signed with the
app's SECRET_KEY and a salt per kind of link (a reset link is no invitation). Once used, the
fingerprint no longer matches (the password hash, or the confirmation time, changed), so
each link works once without a table of used tokens.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from forum.accounts.models import User
from forum.accounts.services import end_other_sessions, login_limits
from forum.accounts.services.passwords import check_new_password
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.extensions import db


class LinkRefused(DomainError):
    """A link that cannot be used; `reason` is "expired", "used" or "invalid"."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


def password_fingerprint(user: User) -> str:
    """Changes whenever the password (or the email) does; reveals nothing of the hash."""
    material = f"{user.id}\x00{user.email}\x00{user.password_hash}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


@dataclass(frozen=True)
class AccountLink:
    """One kind of link: its salt, how long it lives, and what makes it used."""

    salt: str
    max_age: int  # seconds
    expired_message: Callable[[], str]
    fingerprint: Callable[[User], str] = password_fingerprint
    used_message: Callable[[], str] = lambda: _(
        "This link has already been used, or the password has been changed since it was sent."
    )

    def _serializer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=self.salt)

    def token(self, user: User) -> str:
        return self._serializer().dumps([user.id, self.fingerprint(user)])

    def user_for(self, token: str) -> User:
        """The active user the token was made for, while unused; LinkRefused otherwise."""
        invalid = _("This link is not valid. Copy the whole link from the mail.")
        try:
            user_id, fingerprint = self._serializer().loads(token, max_age=self.max_age)
        except SignatureExpired as error:
            raise LinkRefused("expired", self.expired_message()) from error
        except (BadData, TypeError, ValueError) as error:  # forged, truncated, or not ours
            raise LinkRefused("invalid", invalid) from error
        if not isinstance(user_id, int) or not isinstance(fingerprint, str):
            raise LinkRefused("invalid", invalid)
        user = db.session.get(User, user_id)
        if user is None or not user.is_active or self.fingerprint(user) != fingerprint:
            raise LinkRefused("used", self.used_message())
        return user

    def user_id_of(self, token: str) -> int | None:
        """The id inside a well-signed token, even an expired or used one (to offer a new
        link for it); None when the token is not ours."""
        try:
            signed, payload = self._serializer().loads_unsafe(token)
            user_id = payload[0] if signed and isinstance(payload, list) else None
        except (BadData, TypeError, ValueError, IndexError):
            return None
        return user_id if isinstance(user_id, int) else None


def set_password_by_link(link: AccountLink, token: str, password: str) -> User:
    """Set the password a reset link or an invitation allows; return the user.

    The row is locked and the link read again under the lock, so that two requests with one
    link cannot both use it. The link came by mail, so the address is proved: the account
    is confirmed (an invited account that resets instead of accepting stays on the desk).
    Every session of the user ends, and the login limits on the account are lifted: the
    mailed link always lets its owner in.
    """
    user = link.user_for(token)
    check_new_password(password, user.email, user.name)
    lock_row(User, user.id)
    db.session.refresh(user)
    user = link.user_for(token)
    user.set_password(password)
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    db.session.flush()
    end_other_sessions(user)
    login_limits.clear_account(user.email)
    return user
