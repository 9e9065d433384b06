"""Login wiring: the login manager and the server-side session behind the cookie.

Who may open which page lives in forum/web/access.py.
"""

from flask import Flask, session
from flask_babel import lazy_gettext as _l

from forum.accounts.models import User
from forum.accounts.services import session_user
from forum.extensions import login_manager

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
