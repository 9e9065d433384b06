"""The delegate's Today page: now and next, the day's agenda and the badge, on a phone.

The service worker keeps the last copy opened (forum/static/js/service-worker.js), so the
page must stand on its own offline: the QR code is inline, the time it was made is shown.
"""

from flask import render_template
from flask_login import login_required

from forum.core.types import utcnow
from forum.meetings.blueprint import bp
from forum.meetings.services import today as service
from forum.web.access import approved_registration
from forum.web.session_cookie import kept_by_service_worker


@bp.get("/events/<slug>/today")
@login_required
def today(slug: str):
    me = approved_registration(slug)
    kept_by_service_worker()
    now = utcnow()
    response = render_template(
        "meetings/today.html",
        event=me.event,
        me=me,
        today=service.today_of(me, now),
        now=now,
        phases=service,
    )
    return response, 200, {"Cache-Control": "private, no-cache"}
