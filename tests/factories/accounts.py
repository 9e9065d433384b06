"""Users with a login."""

from functools import cache

from werkzeug.security import generate_password_hash

from forum.accounts.models import User
from forum.core.types import utcnow
from forum.extensions import db

PASSWORD = "correct horse battery"


@cache
def password_hash() -> str:
    return generate_password_hash(PASSWORD)  # slow on purpose, so hashed once per run


def create_user(
    email: str = "delegate@example.org",
    name: str = "Ana Quispe",
    admin: bool = False,
    locale: str = "en",
    confirmed: bool = True,
) -> User:
    """A user who logs in with PASSWORD; `confirmed=False`: self-registered, address not
    confirmed yet (their registrations do not reach the desk)."""
    user = User(email=email, name=name, is_admin=admin, locale=locale)
    user.email_confirmed_at = utcnow() if confirmed else None
    user.password_hash = password_hash()
    db.session.add(user)
    db.session.commit()
    return user
