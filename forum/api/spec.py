"""/api/v1/openapi.json: built by apispec from the routes' registry and the very marshmallow
schemas that serialize the answers and read the bodies (forum/api/schemas.py)."""

import re
from functools import cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from forum.api.blueprint import OPERATIONS, Operation
from forum.api.schemas import ErrorSchema

_ARGUMENT = re.compile(r"<(?:(int|string):)?([a-z_]+)>")
ERROR_TEXT = {
    400: "A request refused before it is read (a NUL byte in the address)",
    304: "Not modified: the copy named by If-None-Match is current",
    401: "No token, or a token that is unknown, revoked or expired",
    403: "The token's person has no role here that allows this, or the token is read-only",
    404: "No such event or object (drafts are not public)",
    422: "Bad input: malformed JSON, a wrong type, an unknown field (named in `field`)",
    429: "Too many requests with this token",
}


def _path(rule: str) -> str:
    return _ARGUMENT.sub(lambda m: "{" + m.group(2) + "}", rule)


def _path_parameters(rule: str) -> list[dict]:
    return [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1} if kind == "int" else {"type": "string"},
        }
        for kind, name in _ARGUMENT.findall(rule)
    ]


def _error(status: int) -> dict:
    return {
        "description": ERROR_TEXT[status],
        "content": {"application/json": {"schema": ErrorSchema}},
    }


def _operation(op: Operation) -> dict:
    parameters = _path_parameters(op.rule)
    if op.query is not None:
        parameters.append({"in": "query", "schema": op.query})
    responses = {
        str(op.status): {
            "description": "OK" if op.status == 200 else "Created",
            "content": {"application/json": {"schema": op.response}},
        }
    }
    if op.method == "GET":
        responses[str(op.status)]["headers"] = {"ETag": {"schema": {"type": "string"}}}
        responses["304"] = {"description": ERROR_TEXT[304]}
        parameters.append(
            {
                "name": "If-None-Match",
                "in": "header",
                "required": False,
                "schema": {"type": "string"},
            }
        )
    for status in op.errors:
        responses[str(status)] = _error(status)
    operation = {
        "summary": op.summary,
        "tags": [op.tag],
        "operationId": f"{op.method.lower()}_{_path(op.rule)}".replace("/", "_")
        .replace("{", "")
        .replace("}", "")
        .replace("-", "_"),
        "parameters": parameters,
        "responses": responses,
    }
    if op.description:
        operation["description"] = op.description
    if op.body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": op.body}},
        }
    operation["security"] = [{"token": []}] if op.token else []
    return operation


@cache
def openapi_document() -> dict:
    """The whole description (made once per process: it depends on code only)."""
    spec = APISpec(
        title="Foro API",
        version="1.0.0",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={
            "description": (
                "Public programme and catalogue of published events, and, with a personal "
                "token (Authorization: Bearer ...), an event's registrations, meetings and "
                "investment follow-up for its team. Lists are cursor pages (next_cursor); "
                "`updated_since` gives the rows changed since an instant; answers carry an "
                "ETag. Errors: {code, message, field}, the message in ?lang= or "
                "Accept-Language (es, en)."
            )
        },
    )
    spec.components.security_scheme("token", {"type": "http", "scheme": "bearer"})
    paths: dict[str, dict] = {}
    for op in OPERATIONS:
        if op.response is None:
            continue
        paths.setdefault(_path(op.rule), {})[op.method.lower()] = _operation(op)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()
