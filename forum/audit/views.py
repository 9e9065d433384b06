"""The event's audit log for its organizers, on screen and as CSV."""

import io

from flask import render_template, request, send_file

from forum.audit import services as audit
from forum.audit.actions import (
    action_choices,
    action_label,
    actor_label,
    describe_change,
)
from forum.audit.blueprint import bp
from forum.audit.exports import audit_table
from forum.core import exports
from forum.core.labels import AUDIT_ACTION_LABELS
from forum.extensions import db
from forum.web.access import organizer_required
from forum.web.pagination import paginate

PER_PAGE = 100


def _filters() -> tuple[str, str]:
    """The action (a known code, else none) and the text the organizer filtered by."""
    action = request.args.get("action", "")
    text = request.args.get("q", "").strip()[:200]
    return (action if action in AUDIT_ACTION_LABELS else ""), text


@bp.get("/events/<slug>/manage/audit")
@organizer_required
def audit_log(event):
    action, text = _filters()
    pagination = paginate(audit.entries_query(event, action, text), PER_PAGE)
    return render_template(
        "audit/manage/log.html",
        event=event,
        pagination=pagination,
        action=action,
        q=text,
        choices=action_choices(),
        action_label=action_label,
        actor_label=actor_label,
        describe_change=describe_change,
    )


@bp.get("/events/<slug>/manage/audit.csv")
@organizer_required
def audit_csv(event):
    action, text = _filters()
    entries = db.session.scalars(audit.entries_query(event, action, text)).all()
    content, exporter = exports.render_table("csv", audit_table(event, entries))
    return send_file(
        io.BytesIO(content),
        mimetype=exporter.content_type,
        as_attachment=True,
        download_name=f"{event.slug}-audit.csv",
        max_age=0,
    )
