from flask import Blueprint

bp = Blueprint("registration", __name__)

from forum.registration import (  # noqa: E402,F401
    availability,
    calendar_routes,
    documents,
    meeting_actions,
    routes,
)
