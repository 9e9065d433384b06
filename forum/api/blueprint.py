"""The API's blueprint and what every API view shares: JSON answers with an ETag, the
language of messages, the errors, and the registry that /api/v1/openapi.json is built from."""

import hashlib
import json
from dataclasses import dataclass, field
from functools import wraps

from flask import Blueprint, current_app, request
from flask_babel import force_locale
from marshmallow import Schema, ValidationError

from forum.api.errors import ApiError, api_language, error_response
from forum.api.schemas import event_zone
from forum.core.errors import DomainError

bp = Blueprint("api", __name__)
PREFIX = "/api/v1"


@dataclass
class Operation:
    """One route of the API as the OpenAPI description tells it."""

    rule: str
    method: str
    summary: str
    tag: str
    response: type[Schema] | None = None
    status: int = 200
    query: type[Schema] | None = None
    body: type[Schema] | None = None
    token: bool = False
    errors: tuple[int, ...] = ()
    description: str = ""
    extra: dict = field(default_factory=dict)


OPERATIONS: list[Operation] = []
PUBLIC_ERRORS = (400, 404, 422, 429)
TOKEN_ERRORS = (400, 401, 403, 404, 422, 429)


def operation(rule: str, method: str = "GET", **options):
    """Route a view at PREFIX + rule and describe it in the OpenAPI document."""
    op = Operation(rule=PREFIX + rule, method=method, **options)
    OPERATIONS.append(op)

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            with force_locale(api_language()):
                return view(*args, **kwargs)

        endpoint = view.__name__
        bp.add_url_rule(op.rule, endpoint, wrapper, methods=[method])
        return wrapper

    return decorator


def json_answer(payload, status: int = 200, *, public: bool = False):
    """The payload as JSON with a strong ETag; 304 when the client's copy is the same."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    response = current_app.response_class(body, status=status, mimetype="application/json")
    if request.method == "GET":
        response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
        response.headers["Cache-Control"] = "public, max-age=60" if public else "private, no-cache"
        response.make_conditional(request)
    else:
        response.headers["Cache-Control"] = "no-store"
    if public:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag"
    return response


def dump(schema: type[Schema], obj, zone=None, *, many: bool = False):
    """Serialize with the schema, instants in `zone` (the event's)."""
    token = event_zone.set(zone) if zone is not None else None
    try:
        return schema(many=many).dump(obj)
    finally:
        if token is not None:
            event_zone.reset(token)


def read_query(schema: type[Schema]) -> dict:
    return schema().load(request.args)


def read_body(schema: type[Schema]) -> dict:
    """The JSON body, read by the schema; malformed JSON or another shape is a 422."""
    data = request.get_json(silent=True, force=True) if request.data else None
    if data is None:
        if request.data:
            raise ApiError(422, "malformed_json", _malformed())
        data = {}
    if not isinstance(data, dict):
        raise ApiError(422, "body_not_object", _not_object())
    return schema().load(data)


def _malformed():
    from flask_babel import gettext as _

    return _("The body is not valid JSON.")


def _not_object():
    from flask_babel import gettext as _

    return _("The body must be a JSON object.")


# Marshmallow's own (English) messages, told apart to say them in the asker's language.
_UNKNOWN, _REQUIRED, _NULL = (
    "Unknown field.",
    "Missing data for required field.",
    "Field may not be null.",
)


def _first_error(messages, path: str = "") -> tuple[str, str]:
    """(dotted field, marshmallow's message) of the first error in a nested error dict."""
    if isinstance(messages, dict):
        key, value = next(iter(messages.items()))
        name = f"{path}.{key}" if path and key != "_schema" else (path or str(key))
        return _first_error(value, name)
    if isinstance(messages, list) and messages:
        return _first_error(messages[0], path)
    return path, str(messages)


def validation_error(error: ValidationError) -> ApiError:
    from flask_babel import gettext as _

    name, message = _first_error(error.messages)
    if message == _UNKNOWN:
        return ApiError(422, "unknown_field", _("Unknown field: %(field)s.", field=name), name)
    if message == _REQUIRED:
        return ApiError(422, "required", _("This field is required: %(field)s.", field=name), name)
    if message == _NULL:
        return ApiError(
            422, "invalid_value", _("This field may not be null: %(field)s.", field=name), name
        )
    return ApiError(
        422, "invalid_value", _("Wrong type or value for the field %(field)s.", field=name), name
    )


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    return error_response(error)


@bp.errorhandler(ValidationError)
def _invalid(error: ValidationError):
    with force_locale(api_language()):
        return error_response(validation_error(error))


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError):
    from forum.api.services.writes import api_field

    form_field, messages = next(iter(error.errors.items()))
    return error_response(ApiError(422, "rejected", messages[0], api_field(form_field) or None))
