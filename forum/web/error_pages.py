"""Error pages in the user's language (and clear ones for too many attempts)."""

from flask import Flask, current_app, render_template, request, session
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError, SecurityError

from forum.api.errors import http_error, is_api_request
from forum.core.pdf import DocumentTooLarge, too_large_message

SERVICE_UNAVAILABLE = 503
RETRY_AFTER_SECONDS = 30
# SQLSTATE classes of a lost or refused connection (08), of a server shutting down (57P),
# and of one out of connections (53300): the database is away, not the request wrong.
_UNREACHABLE_STATES = ("08", "57P", "53300")


def _page(status: int, title: str, message: str):
    if is_api_request():  # never an HTML page under /api/: the API's JSON error
        return http_error(status)
    return render_template("errors.html", title=title, message=message), status


def database_unreachable(error: BaseException) -> bool:
    """Whether a database error means "the database is not there" (a 503: try again soon)
    rather than a bug or a conflict: a failed connection, a dropped one, a server going down.
    SQLite's OperationalError ("database is locked", "unable to open") counts too."""
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    if not isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError):
        return False
    state = getattr(error.orig, "sqlstate", None)
    return state is None or state.startswith(_UNREACHABLE_STATES)


def unavailable_page():
    """The 503 page, rendered without the database: the language comes from the session
    cookie or the browser, never from the signed-in user's row."""
    languages = current_app.config["LANGUAGES"]
    lang = session.get("lang") if session.get("lang") in languages else None
    lang = lang or request.accept_languages.best_match(languages)
    lang = lang or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(lang):
        page = render_template(
            "unavailable.html",
            lang=lang,
            title=_("Foro is briefly unavailable"),
            message=_(
                "The site cannot reach its database at the moment. Please try again in a minute."
            ),
            again=_("Try again"),
        )
    response = current_app.response_class(page, status=SERVICE_UNAVAILABLE)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(sa_exc.OperationalError)
    @app.errorhandler(sa_exc.InterfaceError)
    def database_error(error):
        from forum.extensions import db

        try:
            db.session.rollback()
        except sa_exc.SQLAlchemyError:
            current_app.logger.debug("rollback after a lost connection failed", exc_info=True)
        if not database_unreachable(error):
            raise error
        current_app.logger.error("the database is unreachable: %s", error)
        if is_api_request():
            return http_error(SERVICE_UNAVAILABLE)
        return unavailable_page()

    @app.errorhandler(HTTPException)
    def other_http_error(error):
        # Codes without a page of their own (405, 415...): as Werkzeug says them, but JSON
        # under /api/.
        if is_api_request() and error.code is not None:
            return http_error(error.code)
        return error

    @app.errorhandler(InternalServerError)
    def server_error(error):
        if is_api_request():
            return http_error(500)
        return error

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

    @app.errorhandler(DocumentTooLarge)
    def document_too_large(_error):
        # A PDF past its render bounds: the worker lived on, the reader is told why.
        return _page(422, _("Document not made"), str(too_large_message()))

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
