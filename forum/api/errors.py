"""JSON errors of the API: a stable code, a message in the asker's language, the field at fault.

Nothing under /api/ ever answers with an HTML page: forum/web/error_pages.py hands every
error of an /api/ address to `http_error` here, routing errors (404, 405) included.
"""

from flask import current_app, jsonify, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

API_PREFIX = "/api/"


class ApiError(Exception):
    """An answer other than success: status, stable code, message (lazy), field at fault."""

    def __init__(self, status: int, code: str, message, field: str | None = None) -> None:
        super().__init__(code)
        self.status, self.code, self.message, self.field = status, code, message, field


# Status -> (code, message) for errors that come from outside a view (routing, the limiter).
HTTP_ERRORS = {
    400: ("bad_request", _l("The request could not be understood.")),
    401: ("token_missing", _l("Send a valid API token: Authorization: Bearer <token>.")),
    403: ("forbidden", _l("This token may not do this.")),
    404: ("not_found", _l("Nothing exists at this address, or it is not public.")),
    405: ("method_not_allowed", _l("This method is not allowed at this address.")),
    409: (
        "conflict",
        _l("Someone else changed the same data at the same moment. Nothing was saved: try again."),
    ),
    413: ("too_large", _l("The request body is too large.")),
    415: ("unsupported_media_type", _l("Send the body as JSON (Content-Type: application/json).")),
    429: ("rate_limited", _l("Too many requests with this token. Wait a minute and try again.")),
    500: ("server_error", _l("Something went wrong on our side. Nothing was saved.")),
    503: ("unavailable", _l("The service is briefly unavailable. Try again in a minute.")),
}


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def api_language() -> str:
    """?lang=es|en first, then Accept-Language, then the default: never the session's."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang", "")
    if asked in languages:
        return asked
    best = request.accept_languages.best_match(languages)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def error_response(error: ApiError):
    with force_locale(api_language()):
        body = {"code": error.code, "message": str(error.message)}
    if error.field is not None:
        body["field"] = error.field
    response = jsonify(body)
    response.status_code = error.status
    response.headers["Cache-Control"] = "no-store"
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="foro"'
    return response


def http_error(status: int):
    """The JSON answer for an HTTP error raised outside an API view's own checks."""
    code, message = HTTP_ERRORS.get(status, HTTP_ERRORS[500] if status >= 500 else HTTP_ERRORS[400])
    return error_response(ApiError(status, code, message))
