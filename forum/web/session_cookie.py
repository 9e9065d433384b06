"""Answers that must not send the session cookie again.

The session is permanent (idle expiry), so Flask re-sends its cookie with every answer, as
it was when the request began. Requests the browser makes on its own beside the page's (the
service worker's update check of /sw.js, its offline page) may be answered after the page
that put a CSRF token or a login into the session: their late cookie would put the older
session back ("The CSRF session token is missing"). Such views call
`leave_session_cookie_alone()`; they must not change the session either.
"""

from flask import Flask, g, request
from flask.sessions import SecureCookieSessionInterface


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, except for answers that leave the cookie alone."""

    def should_set_cookie(self, app: Flask, session) -> bool:
        if g.get("leave_session_cookie_alone"):
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
