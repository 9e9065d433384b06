"""Accounts: users with a password, a language and a revocable login token."""

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_babel import pgettext
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from forum.core.types import UTCDateTime, utcnow
from forum.extensions import db


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), server_default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255), server_default="")
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    # The IANA zone the person lives in (Europe/Rome): pages show their clock beside the
    # event's. Detected by their browser until they choose one on the account page
    # (timezone_chosen), after which detection leaves it alone.
    timezone: Mapped[str | None] = mapped_column(sa.String(64))
    timezone_chosen: Mapped[bool] = mapped_column(server_default=sa.false())
    is_admin: Mapped[bool] = mapped_column(server_default=sa.false())
    is_active_account: Mapped[bool] = mapped_column(server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Accounts made by someone else (an import, the desk, a team) get an invitation mail;
    # the last one went out at invited_at. Until a password is set it is not accepted.
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Self-registered accounts prove the address by a link; an accepted invitation does too.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The person asked to be forgotten (forum/privacy): the row stays, anonymous, for the
    # meetings and figures that point at it; pages show "a former delegate".
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event_roles = relationship("EventRole", back_populates="user", cascade="all, delete-orphan")
    registrations = relationship(
        "Registration", back_populates="user", cascade="all, delete-orphan"
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        return self.is_active_account

    @property
    def has_password(self) -> bool:
        """False for an account made by someone else whose invitation is not accepted yet."""
        return bool(self.password_hash)

    @property
    def display_name(self) -> str:
        if self.erased_at is not None:
            return pgettext("person", "a former delegate")
        return self.name

    def team_role(self, event) -> str | None:
        """The user's role in the event's team ("organizer", "desk"...), or None."""
        return next((r.role for r in self.event_roles if r.event_id == event.id), None)

    def is_organizer_of(self, event) -> bool:
        """Organizes the event (everything) or is a platform admin."""
        return self.is_admin or self.team_role(event) == "organizer"

    def is_team_member_of(self, event) -> bool:
        """Any role in the event's team (or a platform admin): may see its drafts."""
        return self.is_admin or self.team_role(event) is not None

    def may(self, event, *roles: str) -> bool:
        """Organizers and admins may everything; the other roles what they are listed for."""
        return self.is_organizer_of(event) or self.team_role(event) in roles

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserSession(db.Model):
    """One login, server-side: the cookie only names it, so logout can really end it."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user_agent: Mapped[str] = mapped_column(sa.String(300), server_default="")

    user = relationship("User")


class LoginFailure(db.Model):
    """One failed login: the email typed (an account or not) and the client's address.

    The login limits count these rows (services/login_limits.py); a row older than the
    longest window (a day) counts for nothing and is deleted when the next failure is saved.
    """

    __tablename__ = "login_failures"
    __table_args__ = (
        sa.Index("ix_login_failures_email_failed_at", "email", "failed_at"),
        sa.Index("ix_login_failures_address_failed_at", "address", "failed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    address: Mapped[str] = mapped_column(sa.String(45))  # the longest IPv6 text
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
