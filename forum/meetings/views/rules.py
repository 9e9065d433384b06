"""Organizer page: the matchmaking rules of an event."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SubmitField
from wtforms.validators import InputRequired, Optional

from forum.core.errors import DomainError
from forum.core.form import Form
from forum.meetings.blueprint import bp
from forum.meetings.services.rules import MatchmakingRules, save_rules
from forum.web.access import organizer_required
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


class RulesForm(Form):
    allow_b2b = BooleanField(_l("Allow B2B meetings (between businesses)"))
    allow_b2g = BooleanField(_l("Allow B2G meetings (with a government body)"))
    max_requests_per_delegate = IntegerField(
        _l("Requests a delegate may have open at once"),
        validators=[Optional()],
        description=_l("Pending or accepted requests sent. Leave empty for no limit."),
    )
    max_meetings_per_delegate = IntegerField(
        _l("Meetings per delegate at most"),
        validators=[Optional()],
        description=_l("Leave empty for no limit."),
    )
    request_expiry_hours = IntegerField(
        _l("Hours before an unanswered request expires"), validators=[InputRequired()]
    )
    max_delegation_size = IntegerField(
        _l("People per side at most (delegations)"), validators=[InputRequired()]
    )
    self_booking = BooleanField(
        _l("Delegates book the time of their accepted meetings themselves"),
        description=_l("Otherwise the organizers place meetings with the scheduler."),
    )
    messaging_enabled = BooleanField(
        _l("Delegates may write messages to each other"),
        description=_l("When off, nothing can be sent; conversations stay readable."),
    )
    submit = SubmitField(_l("Save"))


@bp.route("/events/<slug>/manage/meetings/rules", methods=["GET", "POST"])
@organizer_required
def matchmaking_rules(event):
    form = RulesForm(obj=MatchmakingRules.of(event))
    if form.validate_on_submit():
        rules = MatchmakingRules(
            **{name: getattr(form, name).data for name in MatchmakingRules.__dataclass_fields__}
        )
        try:
            save_rules(event, rules)
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Matchmaking rules saved."), "success")
            return redirect(url_for("meetings.matchmaking_rules", slug=event.slug))
    return render_template("form.html", form=form, title=_("Matchmaking rules"), event=event)
