"""Forms of the meeting pages: a request, and the optional reason for declining one."""

from datetime import date

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

    def request_fields(self) -> dict:
        """The request as the service takes it (colleagues apart: the view knows who they are).

        A new field of a request is read here, once, so the view does not change with it.
        """
        day = self.preferred_day.data
        return {
            "priority": Priority(self.priority.data),
            "message": self.message.data or "",
            "preferred_day": date.fromisoformat(day) if day else None,
            "preferred_half": self.preferred_half.data,
        }


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Reason (optional)"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Decline"))
