"""The platform admin's work on accounts: find people, deactivate or reactivate an account,
grant or revoke platform admin.

Two rules hold whatever the order of requests: an admin never acts on their own account here
(no locking oneself out by mistake), and there is always at least one active admin. The
second is checked under a lock on every admin's row, so that two admins revoking each other
at the same moment cannot both succeed.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.accounts.services import end_other_sessions
from forum.audit.services import record
from forum.core.errors import DomainError
from forum.core.text_search import all_words
from forum.extensions import db

PER_PAGE = 50


def users_query(text: str = "") -> sa.Select:
    """Every account, or those whose name or email holds each word of `text` (case and
    accents ignored, any order), by email."""
    return sa.select(User).order_by(User.email).where(all_words((User.name, User.email), text))


def account_name(user: User) -> str:
    """How the audit log names an account."""
    return f"{user.name} <{user.email}>" if user.name else user.email


def _not_yourself(user: User, by: User | None) -> None:
    if by is not None and by.id == user.id:
        raise DomainError(_("You cannot change your own account here; ask another admin."))


def _keep_an_admin(user: User) -> None:
    """Refuse to leave the platform without an active admin; locks every admin's row."""
    db.session.execute(sa.update(User).where(User.is_admin).values(id=User.id))
    others = db.session.scalar(
        sa.select(sa.func.count(User.id)).where(
            User.is_admin, User.is_active_account, User.id != user.id
        )
    )
    if not others:
        raise DomainError(
            _(
                "%(name)s is the last active admin: make someone else admin first.",
                name=account_name(user),
            )
        )


def set_active(user: User, active: bool, by: User | None = None) -> User:
    """Deactivate (every session ends; no login until reactivated) or reactivate."""
    _not_yourself(user, by)
    if user.is_active_account == active:
        return user
    if not active and user.is_admin:
        _keep_an_admin(user)
    user.is_active_account = active
    db.session.flush()
    if not active:
        end_other_sessions(user)
    _audit_flag(user, "active", active, "account.reactivated", "account.deactivated", by)
    return user


def set_admin(user: User, admin: bool, by: User | None = None) -> User:
    """Grant or revoke platform admin."""
    if not admin:
        _not_yourself(user, by)
    if user.is_admin == admin:
        return user
    if not admin:
        _keep_an_admin(user)
    user.is_admin = admin
    db.session.flush()
    _audit_flag(user, "admin", admin, "admin.granted", "admin.revoked", by)
    return user


def _audit_flag(user: User, flag: str, value: bool, on: str, off: str, by: User | None) -> None:
    """A platform-wide change to one account: audited with no event."""
    record(
        None,
        on if value else off,
        account_name(user),
        before={flag: not value},
        after={flag: value},
        actor=by,
    )
