"""A delegate's agenda as iCalendar: the download, the subscription feed and its token."""

from flask import abort, current_app, flash, redirect, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required

from forum.documents.blueprint import bp
from forum.documents.services import calendars
from forum.documents.views.programme_calendar import calendar_response, site
from forum.registration.models import Registration
from forum.web.access import approved_registration, visible_event

FEED_CACHE = "private, max-age=300"


def _agenda_name(registration: Registration) -> str:
    return _("My agenda · %(event)s", event=registration.event.name)


@bp.get("/events/<slug>/me/agenda.ics")
@login_required
def agenda_ics(slug: str):
    registration = approved_registration(slug)
    event = registration.event
    return calendar_response(
        event,
        calendars.personal_entries(registration, site()),
        _agenda_name(registration),
        f"{event.slug}-my-agenda.ics",
        "private, no-cache",
    )


@bp.get("/events/<slug>/calendar/<token>.ics")
def calendar_feed(slug: str, token: str):
    event = visible_event(slug)
    registration = calendars.registration_for_token(event, token)
    if registration is None:
        abort(404)
    locale = registration.user.locale
    if locale not in current_app.config["LANGUAGES"]:
        locale = current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):  # calendar apps send no useful language: use the delegate's
        return calendar_response(
            event,
            calendars.personal_entries(registration, site()),
            _agenda_name(registration),
            f"{event.slug}-agenda.ics",
            FEED_CACHE,
            inline=True,
        )


@bp.post("/events/<slug>/me/calendar/regenerate")
@login_required
def regenerate_calendar(slug: str):
    registration = approved_registration(slug)
    had_one = calendars.active_token(registration) is not None
    calendars.regenerate(registration)
    if had_one:
        flash(_("You have a new calendar link; the old one no longer works."), "success")
    else:
        flash(_("Your calendar link is ready."), "success")
    return redirect(url_for("registration.mine", slug=slug, _anchor="calendar"))


@bp.post("/events/<slug>/me/calendar/revoke")
@login_required
def revoke_calendar(slug: str):
    registration = approved_registration(slug)
    calendars.revoke(registration)
    flash(_("Your calendar link no longer works."), "info")
    return redirect(url_for("registration.mine", slug=slug, _anchor="calendar"))
