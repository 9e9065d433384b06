from flask import Blueprint

bp = Blueprint("manage", __name__)

from forum.manage import badges, outbox, registrations, routes  # noqa: E402,F401
