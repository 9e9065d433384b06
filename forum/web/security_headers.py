"""The security headers every answer carries, in one after_request hook.

- Content-Security-Policy: scripts and styles only from our own files, no inline script or
  style attribute ('unsafe-inline' is never allowed), no framing, no plugins, forms post
  only to us. A view that sets a stricter policy of its own (the photo, the teaser PDF)
  keeps it.
- X-Frame-Options for browsers that predate frame-ancestors; nosniff; same-origin referrers
  (a delegate's page address never leaves for another site).
- Cache-Control "private, no-store" on pages (GET) for a logged-in person when the view said
  nothing itself: a shared cache or the next person at a hotel's computer must not get
  another's page. Views that set their own caching (public pages, files) keep theirs.
- Strict-Transport-Security only over HTTPS (behind PROXY_COUNT proxies, the scheme they
  forward), so a plain-HTTP development server is not pinned to HTTPS.
"""

from flask import Flask, Response, request, session

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    )
)
HSTS = "max-age=31536000; includeSubDomains"
PRIVATE = "private, no-store"


def _logged_in() -> bool:
    # flask_login keeps the account's id in the session; reading it loads no user.
    return "_user_id" in session


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    # Answers to POST are never stored by a cache without freshness headers, and a no-store
    # on them would only keep a script from reading the answer it waits for (Chromium).
    readable = request.method in ("GET", "HEAD")
    if readable and "Cache-Control" not in headers and _logged_in():
        headers["Cache-Control"] = PRIVATE
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
