"""Error pages in the user's language (and clear ones for too many attempts)."""

from flask import Flask, render_template
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest, SecurityError


def _page(status: int, title: str, message: str):
    return render_template("errors.html", title=title, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(400)
    def bad_request(error):
        if isinstance(error, SecurityError):
            return error  # an untrusted Host: no address can be built for a page
        # Said in words where the code that refused gave some (hostile_requests, CSRF).
        described = error.description if error.description != BadRequest.description else None
        return _page(
            400, _("Bad request"), str(described or _("The request could not be understood."))
        )

    @app.errorhandler(403)
    def forbidden(_error):
        return _page(403, _("Not allowed"), _("You do not have access to this page."))

    @app.errorhandler(404)
    def not_found(_error):
        return _page(404, _("Not found"), _("This page does not exist, or is not public."))

    @app.errorhandler(413)
    def too_large(_error):
        return _page(413, _("File too large"), _("The file you sent is too large."))

    @app.errorhandler(429)
    def too_many(error):
        # A limit with its own message (asking for a new password) says it; one without gets
        # the default. (The login's limits answer with their own page: accounts/views.py.)
        limit = getattr(error, "limit", None)
        if limit is not None and limit.error_message:
            return _page(429, _("Too many attempts"), str(error.description))
        return _page(
            429,
            _("Too many attempts"),
            _("Too many failed attempts. Wait 15 minutes and try again."),
        )
