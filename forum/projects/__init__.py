from flask import Blueprint

bp = Blueprint("projects", __name__)

from forum.projects import routes, submissions  # noqa: E402,F401
