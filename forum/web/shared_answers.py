"""Answers to anonymous visitors kept whole for a second, in front of Flask (a micro-cache).

forum.web.public_cache makes an anonymous public page (event page, programme, their .ics
and PDF) the same bytes for every visitor who asks in the same words, and keeps them in
Redis and for VERSION_SECONDS in the worker. A hit there still runs all of Flask: the
request context, the session, the locale, the URL map, the before/after hooks, the
security headers. On a busy event page that machinery is most of the cost of a hit.

This WSGI layer keeps, for VERSION_SECONDS, the finished answer (status, every header,
body) of each such hit, keyed by every part of the request that can change it: method,
scheme, host, path, query, Accept-Language, Accept-Encoding and the Cookie header. A
request that asks in exactly the same words within the second gets those bytes without
entering Flask. Only requests without a cookie of their own are served so (the browser's
time-zone cookie aside, which is part of the key): a session or "remember me" cookie may
sign someone in, and someone signed in never gets a shared answer (nor does a request with
an Authorization header). Conditional requests
(If-None-Match) get their 304 here as Flask would give it.

A change is seen as public_cache's copies are: at once in the worker that made it (its
flush hook clears these answers too), within the second in the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from werkzeug.wrappers import Response

from forum.web.i18n import ZONE_COOKIE

#: the environ key public_cache sets when the answer is a shared copy, the same for anyone
#: who asks in the same words
SHARED = "foro.shared_answer"
ANSWERS = "shared_answers"  # app.extensions key: {request key: (time kept, status, headers, body)}
MAX_ANSWERS = 64  # about 20 KB each (gzip-compressed pages)
_KEYED = (
    "REQUEST_METHOD",
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_COOKIE",
)


def _without_identity(cookie: str) -> bool:
    """True when the Cookie header holds nothing but the time-zone cookie (or nothing)."""
    if not cookie:
        return True
    names = (part.split("=", 1)[0].strip() for part in cookie.split(";"))
    return all(name in ("", ZONE_COOKIE) for name in names)


class SharedAnswers:
    """WSGI middleware: see the module's doc. `answers` is shared with public_cache's flush
    hook, which clears it when this worker changes a public page. `seconds()`: how long an
    answer is kept (public_cache's VERSION_SECONDS, read at each request)."""

    def __init__(self, wsgi_app: Callable, answers: dict, seconds: Callable[[], float]) -> None:
        self.wsgi_app = wsgi_app
        self.answers = answers
        self.seconds = seconds

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if (
            environ.get("REQUEST_METHOD") != "GET"
            or "HTTP_AUTHORIZATION" in environ
            or not _without_identity(environ.get("HTTP_COOKIE", ""))
        ):
            return self.wsgi_app(environ, start_response)
        key = tuple(environ.get(name, "") for name in _KEYED)
        kept = self.answers.get(key)
        if kept is not None and time.monotonic() - kept[0] < self.seconds():
            return self._answer(kept, environ, start_response)
        caught: list = []

        def catch(status: str, headers: list, exc_info=None):
            caught[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, catch)
        if not environ.get(SHARED) or not caught or not caught[0].startswith("200"):
            return body
        headers = caught[1]
        if any(name.lower() == "set-cookie" for name, _value in headers):
            return body  # something was given to this visitor alone: never shared
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        if len(self.answers) >= MAX_ANSWERS:
            self.answers.clear()
        self.answers[key] = (time.monotonic(), caught[0], list(headers), data)
        return [data]

    @staticmethod
    def _answer(kept: tuple, environ: dict, start_response: Callable) -> Iterable[bytes]:
        _kept_at, status, headers, data = kept
        if "HTTP_IF_NONE_MATCH" not in environ:
            start_response(status, list(headers))
            return [data]
        response = Response(data, status=status, headers=headers)
        return response.make_conditional(environ)(environ, start_response)
