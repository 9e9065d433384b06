"""Login limits that protect an account without letting anyone lock its owner out.

Failed logins are rows of LoginFailure, counted over sliding windows:

- the pair (email typed, client address), 5 per 15 minutes: guessing one account's password
  from one place stops there, and only there, so the owner still logs in from anywhere else;
- the account (email typed), 50 per day from any address: slow guessing spread over many
  addresses stops too. This one can keep the owner out, so setting a new password (the
  reset link, an accepted invitation, the password page) clears the account's failures:
  "Forgot your password?" always lets the owner in;
- the address, 100 per 15 minutes over any emails: one place trying many accounts. It is
  generous because an office, a venue's wifi or a proxy puts many people behind one address.

Only failures count, and a success clears its own pair's. The email is counted as typed,
account or not, so a limit never tells which addresses have an account.

Why a table and not Flask-Limiter (which guards /password/forgot): its counters live in
its storage, which is per worker process unless Redis is configured (with `gunicorn -w 4`
the first refusal came at the 20th attempt, not the 5th), and it clears one exact key, not
"every pair of this account": a reset could not lift the limits set from addresses it does
not know. The table is shared by every worker with nothing more to run, one DELETE clears an
account, and the windows follow utcnow. Concurrent attempts may each read a count below a
limit before any of them saves its failure, so a burst passes a limit by at most the number
of requests in flight; the attempts after it are refused.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from forum.accounts.models import LoginFailure
from forum.core.types import utcnow
from forum.extensions import db


@dataclass(frozen=True)
class Limit:
    kind: str  # "pair", "account" or "address": what the refusal page explains
    attempts: int
    window: timedelta


PAIR = Limit("pair", 5, timedelta(minutes=15))
ACCOUNT = Limit("account", 50, timedelta(days=1))
ADDRESS = Limit("address", 100, timedelta(minutes=15))
KEPT = max(PAIR.window, ACCOUNT.window, ADDRESS.window)  # older failures count for nothing


@dataclass(frozen=True)
class Refusal:
    limit: Limit
    retry_at: datetime  # when the oldest failure that fills the window leaves it


def _email(email: str) -> str:
    return email.strip().lower()[:254]


def _address(address: str | None) -> str:
    return (address or "")[:45]


def refusal(email: str, address: str | None) -> Refusal | None:
    """Why a login for `email` from `address` may not be tried now, or None if it may.

    When several limits are full, the one that lasts longest: it is the one to wait for.
    """
    email, address = _email(email), _address(address)
    now = utcnow()
    conditions = (
        (PAIR, sa.and_(LoginFailure.email == email, LoginFailure.address == address)),
        (ACCOUNT, LoginFailure.email == email),
        (ADDRESS, LoginFailure.address == address),
    )
    refusals = []
    for limit, condition in conditions:
        newest = db.session.scalars(
            sa.select(LoginFailure.failed_at)
            .where(condition, LoginFailure.failed_at > now - limit.window)
            .order_by(LoginFailure.failed_at.desc())
            .limit(limit.attempts)
        ).all()
        if len(newest) >= limit.attempts:
            refusals.append(Refusal(limit, newest[-1] + limit.window))
    return max(refusals, key=lambda r: r.retry_at, default=None)


def record_failure(email: str, address: str | None) -> None:
    """Count a failed login; failures too old to count for any limit are deleted."""
    now = utcnow()
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.failed_at <= now - KEPT))
    db.session.add(LoginFailure(email=_email(email), address=_address(address), failed_at=now))
    db.session.flush()


def forget_pair(email: str, address: str | None) -> None:
    """After a success: the typos before it, from this place, no longer count."""
    db.session.execute(
        sa.delete(LoginFailure).where(
            LoginFailure.email == _email(email), LoginFailure.address == _address(address)
        )
    )
    db.session.flush()


def clear_account(email: str) -> None:
    """A new password was set: no failure against this account counts any more, from any
    address (the guessers were guessing a password that is gone)."""
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.email == _email(email)))
    db.session.flush()
