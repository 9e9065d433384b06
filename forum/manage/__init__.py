from flask import Blueprint

bp = Blueprint("manage", __name__)

from forum.manage import (  # noqa: E402,F401
    badges,
    documents,
    matchmaking_rules,
    meetings_grid,
    meetings_setup,
    outbox,
    pitches,
    projects,
    registrations,
    routes,
)
