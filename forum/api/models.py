"""Per-person API tokens: a name, a scope, an optional expiry; only a hash of the secret."""

import enum
import hashlib
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.types import UTCDateTime, enum_type, utcnow
from forum.extensions import db

# What a token shows of itself on the account page (never enough to use it).
PREFIX_LENGTH = 12


class TokenScope(enum.StrEnum):
    READ = "read"
    READ_WRITE = "read_write"


def hash_secret(secret: str) -> str:
    """sha256 of the secret: the secret has 256 random bits, so no slow hash is needed."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiToken(db.Model):
    """A person's token. It acts for its person, and only in the events where that person has
    a team role (EventRole) when the request arrives: a role removed, the token stops there."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    scope: Mapped[TokenScope] = mapped_column(
        enum_type(TokenScope, "api_token_scope"), server_default=TokenScope.READ.value
    )
    secret_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    prefix: Mapped[str] = mapped_column(sa.String(PREFIX_LENGTH))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")

    @property
    def may_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE

    def is_live(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
