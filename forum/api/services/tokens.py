"""API tokens: made (the secret shown once), listed, revoked, and checked on each request."""

import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.api.models import PREFIX_LENGTH, ApiToken, TokenScope, hash_secret
from forum.audit import services as audit
from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.extensions import db

SECRET_PREFIX = "foro_"  # recognisable in a leaked file or a secret scanner
MAX_LIVE_TOKENS = 20


@dataclass
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def create_token(
    user: User,
    name: str,
    scope: TokenScope,
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> NewToken:
    """A new token for `user`; only the hash of its secret is kept (flushed)."""
    now = now or utcnow()
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Give the token a name."), "name")
    if expires_at is not None and expires_at <= now:
        raise DomainError(_("The expiry date must be in the future."), "expires_on")
    if len(live_tokens(user, now)) >= MAX_LIVE_TOKENS:
        raise DomainError(_("Revoke a token before making another: 20 at most."), "name")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name[:100],
        scope=scope,
        secret_hash=hash_secret(secret),
        prefix=secret[:PREFIX_LENGTH],
        expires_at=expires_at,
    )
    db.session.add(token)
    db.session.flush()
    audit.record(None, "api_token.created", f"{name} ({scope.value})", actor=user)
    return NewToken(token, secret)


def live_tokens(user: User, now: datetime | None = None) -> list[ApiToken]:
    """The user's tokens that still work (neither revoked nor expired), newest first."""
    now = now or utcnow()
    tokens = db.session.scalars(
        sa.select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ).all()
    return [token for token in tokens if token.is_live(now)]


def own_token(user: User, token_id: int) -> ApiToken | None:
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None


def revoke_token(token: ApiToken, now: datetime | None = None) -> None:
    """The token stops working at once."""
    if token.revoked_at is None:
        token.revoked_at = now or utcnow()
        db.session.flush()
        audit.record(None, "api_token.revoked", token.name, actor=token.user)


class TokenRefused(Exception):
    """Why a presented secret opens nothing: missing, unknown, revoked or expired."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def authenticate(secret: str | None, now: datetime | None = None) -> ApiToken:
    """The live token with this secret, its last use noted; else TokenRefused(code)."""
    now = now or utcnow()
    if not secret:
        raise TokenRefused("token_missing")
    token = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.secret_hash == hash_secret(secret))
    )
    if token is None:
        raise TokenRefused("token_invalid")
    if token.revoked_at is not None:
        raise TokenRefused("token_revoked")
    if not token.is_live(now):
        raise TokenRefused("token_expired")
    if not token.user.is_active:
        raise TokenRefused("token_invalid")
    # Noted at most once a minute: a sync loop does not write a row on every request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        token.last_used_at = now
    return token
