"""The header's "Messages" link with the unread count, for a signed-in delegate."""

from flask import g
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from forum.messaging.blueprint import bp
from forum.messaging.services.conversations import unread_by_event


@bp.app_template_global()
def messages_link(event=None) -> tuple[str, int] | None:
    """(event slug, unread messages) for the header, or None when the viewer is no approved
    delegate anywhere. The event of the page if the viewer takes part in it, else the one
    with unread messages, else the latest. One query per request, only when a page asks."""
    if not current_user.is_authenticated:
        return None
    if "messages_by_event" not in g:
        try:
            g.messages_by_event = unread_by_event(current_user.id)
        except SQLAlchemyError:  # an error page after a failed transaction: no link
            g.messages_by_event = []
    rows = g.messages_by_event
    if not rows:
        return None
    slug = getattr(event, "slug", None)
    here = next((row for row in rows if row[0] == slug), None)
    return here or max(rows, key=lambda row: row[1])
