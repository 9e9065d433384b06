from flask import Blueprint

bp = Blueprint("investment", __name__)

from forum.investment import outputs, reports, routes  # noqa: E402,F401
