"""The user's own time zone: detected by their browser, or chosen by them.

A choice made on the account page wins: detection (a browser in another country, a laptop
set to the wrong zone) never overwrites it until the user goes back to "detect".
"""

from flask_babel import gettext as _

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.core.local_time import zone_or_none
from forum.extensions import db


def _checked(name: str) -> str:
    if zone_or_none(name) is None:
        shown = str(name)[:80]
        raise DomainError(
            _("“%(zone)s” is not a time zone we know. Choose one from the list.", zone=shown),
            field="timezone",
        )
    return name


def detected(user: User, name: str) -> bool:
    """Store the zone the user's browser reports, unless they chose one; True if stored."""
    name = _checked(name)
    if user.timezone_chosen or user.timezone == name:
        return False
    user.timezone = name
    db.session.flush()
    return True


def choose(user: User, name: str | None) -> None:
    """The user's own choice; None or '' hands the zone back to detection."""
    if not name:
        user.timezone_chosen = False
    else:
        user.timezone = _checked(name)
        user.timezone_chosen = True
    db.session.flush()
