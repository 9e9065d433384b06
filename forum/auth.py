"""Login wiring and the access rules shared by the blueprints."""

from functools import wraps

import sqlalchemy as sa
from flask import Flask, abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from forum.extensions import db, login_manager
from forum.models import Event, User


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "account.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "warning"
    # Flask-Login's strong protection drops the session if the client changes.
    login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(token: str) -> User | None:
    """The cookie holds id:session_token; a rotated token ends the session."""
    user_id, _, session_token = token.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_token != session_token or not user.is_active:
        return None
    return user


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def organizer_required(view):
    """The view takes `event` (found by slug); only its organizers and admins pass."""

    @wraps(view)
    @login_required
    def wrapper(slug: str, *args, **kwargs):
        event = db.first_or_404(sa.select(Event).where(Event.slug == slug))
        if not current_user.is_organizer_of(event):
            abort(403)
        return view(event, *args, **kwargs)

    return wrapper


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper
