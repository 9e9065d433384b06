"""Login wiring and the access rules shared by the blueprints."""

from functools import wraps

import sqlalchemy as sa
from flask import Flask, abort, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from forum.accounts.models import User
from forum.accounts.services import session_user
from forum.events.models import Event
from forum.extensions import db, login_manager

SESSION_KEY = "sid"  # the server-side UserSession token, in the signed cookie


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Only a live server-side session logs a user in: a replayed old cookie does not."""
    if not user_id.isdigit():
        return None
    return session_user(session.get(SESSION_KEY), int(user_id))


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
