"""Forms of the meeting pages: a request, and the optional reason for declining one."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.validators import Length

from forum.meetings.models import HalfDay, Priority

PRIORITY_LABELS = {
    Priority.MUST_MEET: _l("Must meet"),
    Priority.WOULD_LIKE: _l("Would like to meet"),
}
HALF_DAY_LABELS = {HalfDay.MORNING: _l("Morning"), HalfDay.AFTERNOON: _l("Afternoon")}


class MeetingRequestForm(FlaskForm):
    message = TextAreaField(
        _l("Message"),
        validators=[Length(max=2000)],
        description=_l("Say who you are and what you would like to talk about."),
    )
    priority = RadioField(
        _l("Priority"),
        choices=[(int(p), label) for p, label in PRIORITY_LABELS.items()],
        coerce=int,
        default=int(Priority.WOULD_LIKE),
    )
    preferred_day = SelectField(_l("Preferred day"))
    preferred_half = SelectField(
        _l("Preferred time of day"),
        choices=[("", _l("Any time"))] + [(h.value, label) for h, label in HALF_DAY_LABELS.items()],
        coerce=lambda value: HalfDay(value) if value else None,
    )
    colleagues = SelectMultipleField(
        _l("Colleagues who come with you"),
        coerce=int,
        description=_l("Approved delegates of your organisation."),
    )
    submit = SubmitField(_l("Send the request"))


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Reason (optional)"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Decline"))
