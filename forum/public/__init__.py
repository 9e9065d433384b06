from flask import Blueprint

bp = Blueprint("public", __name__)

from forum.public import calendars, documents, routes  # noqa: E402,F401
