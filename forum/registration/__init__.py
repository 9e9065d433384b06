from flask import Blueprint

bp = Blueprint("registration", __name__)

from forum.registration import routes  # noqa: E402,F401
