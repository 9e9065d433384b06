"""The API's description (openapi.json), its browsable page (Swagger UI, our own copy of its
files: no CDN, no inline script), and JSON 404s for any other /api/ address."""

from pathlib import Path

import flask_swagger_ui
from flask import render_template, send_from_directory
from flask_babel import lazy_gettext as _l

from forum.api.blueprint import PREFIX, bp, json_answer
from forum.api.errors import ApiError
from forum.api.spec import openapi_document

SWAGGER_UI = Path(flask_swagger_ui.__file__).parent / "dist"
SWAGGER_FILES = {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"}


@bp.get(PREFIX + "/openapi.json")
def openapi():
    return json_answer(openapi_document(), public=True)


@bp.get(PREFIX + "/docs")
def docs():
    return render_template("api/docs.html")


@bp.get(PREFIX + "/docs/files/<name>")
def docs_file(name: str):
    if name not in SWAGGER_FILES:
        raise ApiError(404, "not_found", _l("Nothing exists at this address, or it is not public."))
    response = send_from_directory(SWAGGER_UI, name, max_age=86400)
    return response


@bp.route("/api/<path:rest>", methods=["GET", "POST", "PATCH", "PUT", "DELETE"])
def unknown(rest: str):
    raise ApiError(404, "not_found", _l("Nothing exists at this address, or it is not public."))
