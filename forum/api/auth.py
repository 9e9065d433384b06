"""Who may call what with a token: the areas of an event's data and the team roles for each.

A token acts for its person, only in events where that person has a team role when the
request arrives (forum/web/access.py reads it), and writes only with the read_write scope.
A browser's session cookie authorizes nothing here: only the Authorization header counts.
"""

import hashlib
from functools import wraps

import sqlalchemy as sa
from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin

from forum.api.errors import ApiError
from forum.api.models import ApiToken
from forum.api.services.tokens import TokenRefused, authenticate
from forum.events.models import Event, TeamRole
from forum.extensions import db
from forum.web.access import token_role

ORGANIZER, DESK = TeamRole.ORGANIZER.value, TeamRole.DESK.value
REVIEWER, VIEWER = TeamRole.REVIEWER.value, TeamRole.VIEWER.value

# area -> the team roles that read it; writes: the desk's registrations only.
READERS = {
    "registrations": (ORGANIZER, DESK, VIEWER),
    "meetings": (ORGANIZER, DESK, VIEWER),
    "projects": (ORGANIZER, REVIEWER, VIEWER),
}
WRITERS = {"registrations": (ORGANIZER, DESK)}

REFUSALS = {
    "token_missing": _l("Send a valid API token: Authorization: Bearer <token>."),
    "token_invalid": _l("This API token is not valid."),
    "token_revoked": _l("This API token has been revoked."),
    "token_expired": _l("This API token has expired."),
}


def presented_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _space, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def rate_limit_key() -> str:
    """Per token (a hash of what was sent, no query), else per address."""
    secret = presented_secret()
    if secret:
        return "api-token:" + hashlib.sha256(secret.encode()).hexdigest()[:24]
    return "api-address:" + (request.remote_addr or "")


def current_token() -> ApiToken:
    try:
        token = authenticate(presented_secret())
    except TokenRefused as refused:
        raise ApiError(401, refused.code, REFUSALS[refused.code]) from None
    # The token's person is the actor of this request (the audit log names them), whatever
    # session cookie the browser may also have sent.
    g._login_user = token.user
    return token


def token_event(slug: str, token: ApiToken, area: str, write: bool) -> Event:
    """The event, if the token's person has a role there that may read (or write) `area`."""
    event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
    role = token_role(token.user, event) if event is not None else None
    if event is None or (role is None and not event.is_public):
        raise ApiError(404, "not_found", _l("This event does not exist, or is not public."))
    if role is None:
        raise ApiError(
            403, "no_role_in_event", _l("The token's owner has no role in this event's team.")
        )
    if role not in (WRITERS if write else READERS).get(area, ()):
        raise ApiError(403, "role_not_allowed", _l("Your role in this event does not allow this."))
    if write and not token.may_write:
        raise ApiError(
            403, "read_only_token", _l("This token may only read: make a read-write one.")
        )
    return event


def token_required(area: str, write: bool = False):
    """The view takes `event` instead of `slug`, checked against the token."""

    def decorator(view):
        @wraps(view)
        def wrapper(slug: str, *args, **kwargs):
            g._login_user = AnonymousUserMixin()  # the cookie never counts, even on failure
            token = current_token()
            return view(token_event(slug, token, area, write), *args, **kwargs)

        return wrapper

    return decorator
