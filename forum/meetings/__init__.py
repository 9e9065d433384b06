from flask import Blueprint

bp = Blueprint("meetings", __name__)

from forum.meetings import routes  # noqa: E402,F401
