"""Answers that must not send the session cookie again.

The session is permanent (idle expiry), so Flask re-sends its cookie with every answer, as
it was when the request began. Requests the browser makes on its own beside the page's (the
service worker's update check of /sw.js, its offline page) may be answered after the page
that put a CSRF token or a login into the session: their late cookie would put the older
session back ("The CSRF session token is missing"). Such views call
`leave_session_cookie_alone()`; they must not change the session either.

An unchanged session's cookie is sent again (its expiry moved on by the idle lifetime) only
when the browser's copy was signed REFRESH_EVERY or longer ago, as the server-side session's
last use is written (forum.accounts.services.SEEN_EVERY): the cookie then outlives its last
use by the idle lifetime less at most those minutes. Signing and sending it at every answer
cost a signed-in page about a tenth of its CPU. A changed session is always sent.
"""

import time

from flask import Flask, g, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature

REFRESH_EVERY = 5 * 60  # seconds


class SignedSession(SecureCookieSession):
    """The session, with the time its cookie was signed (None: no valid cookie came)."""

    signed_at: float | None = None


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, except for answers that leave the cookie alone, and
    an unchanged session's cookie sent again only every REFRESH_EVERY."""

    session_class = SignedSession

    def get_signing_serializer(self, app: Flask):
        """Flask's serializer, made once per secret key rather than twice per request."""
        keys = (app.secret_key, *(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        kept = app.extensions.get("session_serializer")
        if kept is None or kept[0] != keys:
            kept = app.extensions["session_serializer"] = (
                keys,
                super().get_signing_serializer(app),
            )
        return kept[1]

    def open_session(self, app: Flask, request) -> SignedSession | None:
        signer = self.get_signing_serializer(app)
        if signer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = signer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        session = self.session_class(data)
        session.signed_at = signed_at.timestamp()
        return session

    def should_set_cookie(self, app: Flask, session) -> bool:
        if g.get("leave_session_cookie_alone"):
            return False
        if session.modified:
            return True
        signed_at = getattr(session, "signed_at", None)
        if signed_at is not None and time.time() - signed_at < REFRESH_EVERY:
            return False
        return super().should_set_cookie(app, session)


def leave_session_cookie_alone() -> None:
    """This request's answer sets no session cookie."""
    g.leave_session_cookie_alone = True


def kept_by_service_worker() -> bool:
    """The service worker fetches this page to keep it for offline reading (a copy made in
    the background, beside whatever the delegate does next): its answer leaves the cookie
    alone. Reading pages only: a view that changes the session must not call this."""
    if request.headers.get("X-Foro-Keep") == "1":
        leave_session_cookie_alone()
        return True
    return False


def init_app(app: Flask) -> None:
    app.session_interface = SessionCookies()
