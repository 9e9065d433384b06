"""Forms of the meeting pages: a request, and the optional reason for declining one."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.validators import Length

from forum.core.labels import HALF_DAY_LABELS, PRIORITY_LABELS, label_choices
from forum.meetings.models import HalfDay, Priority


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
        choices=label_choices(HALF_DAY_LABELS, blank=_l("Any time")),
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
