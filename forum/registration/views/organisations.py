"""Suggestions for the organisation field of the registration and profile forms (JSON)."""

from flask import abort, jsonify, request
from flask_babel import gettext as _

from forum.core.names import country_name
from forum.events.registration_window import registration_state
from forum.extensions import limiter
from forum.registration.blueprint import bp
from forum.registration.services import organisation_picker
from forum.web.access import my_registration, visible_event

# One lookup a keystroke (the script waits for a pause in typing): room for a few names typed
# from one address, not for reading the whole list out.
SUGGEST_LIMIT_PER_CLIENT = "60 per minute"


def _too_many_lookups() -> str:
    return _("Too many lookups. Wait a minute and type the name again.")


@bp.get("/events/<slug>/organisations/suggestions")
@limiter.limit(SUGGEST_LIMIT_PER_CLIENT, error_message=_too_many_lookups)
def organisation_suggestions(slug: str):
    """At most ten organisations whose name holds what is typed (`q`, two characters or more),
    for whoever may use the event's registration form or has a registration to edit."""
    event = visible_event(slug)
    if not registration_state(event).is_open and my_registration(event) is None:
        abort(404)
    found = organisation_picker.suggestions(request.args.get("q", ""))
    response = jsonify(
        [
            {"id": m.id, "name": m.name, "country": m.country, "label": country_name(m.country)}
            for m in found
        ]
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
