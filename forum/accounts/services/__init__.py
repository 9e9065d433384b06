"""Accounts and their server-side login sessions.

The password rules are in passwords.py, the reset by email in password_reset.py (imported
on its own: it sends mail, and the notifications import this module).
"""

import secrets
from datetime import timedelta
from functools import cache

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from forum.accounts.models import User, UserSession
from forum.accounts.services import login_limits
from forum.accounts.services.passwords import check_new_password
from forum.core.types import utcnow
from forum.extensions import db


def user_locale(user: User) -> str:
    """The language the user reads (mails, documents): theirs if the app offers it, else the
    app's default."""
    languages = current_app.config.get("LANGUAGES", ())
    if user.locale and user.locale in languages:
        return user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def ensure_account(
    email: str,
    name: str,
    password_hash: str = "",
    locale: str | None = None,
    *,
    is_admin: bool = False,
) -> User:
    """The account with this email, or a new one (flushed) with this name, hash and language.

    It takes a password hash, not a password, so that a loader can give many accounts one
    password without paying for a slow hash each time; an empty hash means no login yet.
    """
    user = find_user(email)
    if user is None:
        user = User(
            email=email.strip().lower(),
            name=" ".join(name.split()),
            password_hash=password_hash,
            locale=locale,
            is_admin=is_admin,
            # Made by a loader or the CLI with a password: nobody is left to confirm it.
            email_confirmed_at=utcnow() if password_hash else None,
        )
        db.session.add(user)
        db.session.flush()
    return user


@cache
def _stand_in_hash() -> str:
    """A hash made as the accounts' are (same method and cost), of a password nobody knows."""
    return generate_password_hash(secrets.token_urlsafe(24))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None.

    Exactly one password hash is checked whatever the email: for an unknown, inactive or
    passwordless account a stand-in hash, so that the answer takes as long as for a real
    account and its timing does not tell which emails have one.
    """
    user = find_user(email)
    if user is None or not user.is_active or not user.has_password:
        check_password_hash(_stand_in_hash(), password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    return user


def start_session(user: User, user_agent: str = "") -> UserSession:
    """A new login session; its token goes in the cookie, so the id changes at every login."""
    login = UserSession(user=user, user_agent=user_agent[:300])
    db.session.add(login)
    db.session.flush()
    return login


# last_seen_at moves at most this often: not a write per request, and precise enough for an
# idle limit counted in days.
SEEN_EVERY = timedelta(minutes=5)


def idle_limit() -> timedelta:
    """How long a login session lives unused (SESSION_IDLE_DAYS)."""
    return timedelta(days=current_app.config["SESSION_IDLE_DAYS"])


@cache
def _session_by_token() -> sa.Select:
    """With its user and the user's team roles in the same query: every signed-in request asks
    this first, and most pages then ask whether the viewer organizes the event (one round trip
    to the database fewer per page). Built once: constructing it cost more than running it;
    built at the first request, not at import: its eager loads need every model mapped."""
    return (
        sa.select(UserSession)
        .where(UserSession.token == sa.bindparam("token"))
        .options(joinedload(UserSession.user).joinedload(User.event_roles))
    )


def session_user(token: str | None, user_id: int) -> User | None:
    """The user of a live session token, if it belongs to user_id; the session is seen now.

    A session unused for longer than the idle limit is revoked here and gives no user: the
    browser that kept it is logged out.
    """
    if not token:
        return None
    login = db.session.execute(_session_by_token(), {"token": token}).unique().scalar_one_or_none()
    if login is None or login.revoked_at is not None or login.user_id != user_id:
        return None
    now = utcnow()
    if now - login.last_seen_at > idle_limit():
        login.revoked_at = now
        db.session.flush()
        return None
    if now - login.last_seen_at >= SEEN_EVERY:
        login.last_seen_at = now
    return login.user if login.user.is_active else None


def end_session(token: str | None) -> None:
    if token:
        db.session.execute(
            sa.update(UserSession)
            .where(UserSession.token == token, UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        db.session.flush()


def end_other_sessions(user: User, keep_token: str | None = None) -> int:
    """Revoke every live session of a user but one; returns how many ended."""
    query = sa.update(UserSession).where(
        UserSession.user_id == user.id, UserSession.revoked_at.is_(None)
    )
    if keep_token:
        query = query.where(UserSession.token != keep_token)
    ended = db.session.execute(query.values(revoked_at=utcnow())).rowcount
    db.session.flush()
    return ended


def change_password(user: User, new_password: str, keep_token: str | None) -> None:
    """Set a new password and end every other session of the user; failed logins against
    the old password stop counting."""
    check_new_password(new_password, user.email, user.name)
    user.set_password(new_password)
    db.session.flush()
    end_other_sessions(user, keep_token)
    login_limits.clear_account(user.email)
