"""A user's own login sessions: which are live, on what device, and ending one of them."""

import re

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User, UserSession
from forum.accounts.services import end_session, idle_limit
from forum.core.types import utcnow
from forum.extensions import db


def live_sessions(user: User) -> list[UserSession]:
    """The user's sessions neither ended nor idle past the limit, the latest seen first."""
    return list(
        db.session.scalars(
            sa.select(UserSession)
            .where(
                UserSession.user_id == user.id,
                UserSession.revoked_at.is_(None),
                UserSession.last_seen_at >= utcnow() - idle_limit(),
            )
            .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
        )
    )


def own_session(user: User, session_id: int) -> UserSession | None:
    """The user's session with this id (ended or not); None for anyone else's."""
    login = db.session.get(UserSession, session_id)
    return login if login is not None and login.user_id == user.id else None


def end_own_session(login: UserSession) -> None:
    end_session(login.token)


# The first name found wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = (
    ("Edg", "Edge"),
    ("Edge", "Edge"),
    ("OPR", "Opera"),
    ("Opera", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("HeadlessChrome", "Chrome"),
    ("Chrome", "Chrome"),
    ("Chromium", "Chromium"),
    ("Safari", "Safari"),
)
# Android says "Linux" too, and iPhones "like Mac OS X".
SYSTEMS = (
    ("Windows", "Windows"),
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)
RAW_LENGTH = 60


def _first(user_agent: str, names: tuple[tuple[str, str], ...]) -> str | None:
    for token, name in names:
        if re.search(rf"\b{re.escape(token)}\b", user_agent):
            return name
    return None


def device_name(user_agent: str) -> str:
    """A short readable name for the browser that logged in: "Firefox on Windows", or the
    agent's own words, shortened, when they are not recognised."""
    browser, system = _first(user_agent, BROWSERS), _first(user_agent, SYSTEMS)
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    if browser or system:
        return browser or system
    agent = " ".join(user_agent.split())
    if not agent:
        return _("Unknown device")
    return agent if len(agent) <= RAW_LENGTH else agent[: RAW_LENGTH - 1] + "…"
