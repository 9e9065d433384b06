"""Password reset by email: a signed link, valid one hour, that works once.

The link carries the user's id and a fingerprint of the password hash, signed with the
app's SECRET_KEY. Setting any new password (through this link, the password page or the
CLI) changes the hash, so the link, and every other link sent before, stops working: it
is single-use without a table of used tokens.
"""

import hashlib
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from forum.accounts.models import User
from forum.accounts.services import end_other_sessions, find_user
from forum.accounts.services.passwords import check_new_password
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.extensions import db
from forum.notifications import notify

RESET_SALT = "forum.password-reset"
RESET_MAX_AGE = 3600  # seconds


class ResetLinkRefused(DomainError):
    """A reset link that cannot be used; `reason` is "expired", "used" or "invalid"."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


@dataclass(frozen=True)
class _Claims:
    user_id: int
    fingerprint: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _fingerprint(user: User) -> str:
    """Changes whenever the password (or the email) does; reveals nothing of the hash."""
    material = f"{user.id}\x00{user.email}\x00{user.password_hash}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


def reset_token(user: User) -> str:
    """A signed token that lets this user set a new password, once, within the hour."""
    return _serializer().dumps([user.id, _fingerprint(user)])


def _read(token: str) -> _Claims:
    try:
        user_id, fingerprint = _serializer().loads(token, max_age=RESET_MAX_AGE)
    except SignatureExpired as error:
        raise ResetLinkRefused(
            "expired", _("This link has expired: a link is valid for one hour.")
        ) from error
    except (BadData, TypeError, ValueError) as error:  # forged, truncated, or not ours
        raise ResetLinkRefused(
            "invalid", _("This link is not valid. Copy the whole link from the mail.")
        ) from error
    if not isinstance(user_id, int) or not isinstance(fingerprint, str):
        raise ResetLinkRefused(
            "invalid", _("This link is not valid. Copy the whole link from the mail.")
        )
    return _Claims(user_id, fingerprint)


def user_for_reset(token: str) -> User:
    """The active user this token lets set a password; ResetLinkRefused otherwise."""
    claims = _read(token)
    user = db.session.get(User, claims.user_id)
    if user is None or not user.is_active or _fingerprint(user) != claims.fingerprint:
        raise ResetLinkRefused(
            "used",
            _(
                "This link has already been used, or the password has been changed since "
                "it was sent."
            ),
        )
    return user


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
    """Set the password the link allows, end every session of the user; return the user.

    The user's row is locked and the link checked again under the lock, so that two
    requests with the same link cannot both use it.
    """
    user = user_for_reset(token)
    check_new_password(new_password, user.email, user.name)
    lock_row(User, user.id)
    db.session.refresh(user)
    user = user_for_reset(token)
    user.set_password(new_password)
    db.session.flush()
    end_other_sessions(user)
    return user
