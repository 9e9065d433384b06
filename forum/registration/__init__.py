from flask import Blueprint

bp = Blueprint("registration", __name__)

from forum.registration import availability, meeting_actions, routes  # noqa: E402,F401
