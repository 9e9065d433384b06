"""Organizer page: the event's meeting reminders (the day before, and before each meeting)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.notifications import reminders
from forum.notifications.blueprint import bp
from forum.notifications.forms import ReminderSettingsForm
from forum.web.access import organizer_required
from forum.web.transaction import undo


@bp.route("/events/<slug>/manage/reminders", methods=["GET", "POST"])
@organizer_required
def reminder_settings(event):
    current = reminders.settings_of(event)
    form = ReminderSettingsForm(
        day_before=current.day_before,
        day_before_hour=current.day_before_hour,
        minutes_before=current.minutes_before or 0,
    )
    if form.validate_on_submit():
        chosen = reminders.ReminderSettings(
            day_before=form.day_before.data,
            day_before_hour=form.day_before_hour.data,
            minutes_before=form.minutes_before.data or None,
        )
        try:
            changed = reminders.update_settings(event, chosen)
        except DomainError as error:
            undo(error)
            flash(str(error), "danger")
        else:
            if changed:
                flash(_("The reminders have been saved."), "success")
            else:
                flash(_("Nothing has changed in the reminders."), "info")
            return redirect(url_for("notifications.reminder_settings", slug=event.slug))
    return render_template(
        "notifications/manage/reminders.html", event=event, form=form, settings=current
    )
