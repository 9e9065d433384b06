"""Forms of the meeting pages: a request, and the optional reason for declining one."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.validators import ValidationError

from forum.core.form import Form, Limit, QuickSelect
from forum.core.labels import PRIORITY_LABELS
from forum.meetings.models import Priority
from forum.meetings.services.preferences import Preference


class MeetingRequestForm(Form):
    message = TextAreaField(
        _l("Message"),
        validators=[Limit(2000)],
        description=_l("Say who you are and what you would like to talk about."),
    )
    priority = RadioField(
        _l("Priority"),
        choices=[(int(p), label) for p, label in PRIORITY_LABELS.items()],
        coerce=int,
        default=int(Priority.WOULD_LIKE),
    )
    # Only days and half-days with meeting slots (services/preferences.py); the view lists them.
    preferred_time = SelectField(
        _l("Preferred time"),
        validate_choice=False,  # our own message below, in the reader's language
        widget=QuickSelect(),
        description=_l("Only the times when meetings take place are listed."),
    )
    colleagues = SelectMultipleField(
        _l("Colleagues who come with you"),
        coerce=int,
        description=_l("Approved delegates of your organisation."),
        widget=QuickSelect(True),
    )
    submit = SubmitField(_l("Send the request"))

    def request_fields(self) -> dict:
        """The request as the service takes it (colleagues apart: the view knows who they are).

        A new field of a request is read here, once, so the view does not change with it.
        """
        preference = Preference.from_key(self.preferred_time.data) or Preference()
        return {
            "priority": Priority(self.priority.data),
            "message": self.message.data or "",
            "preferred_day": preference.day,
            "preferred_half": preference.half,
        }

    def validate_preferred_time(self, field) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(
                _("There are no meeting slots at that time: choose one of the times offered.")
            )


class DeclineForm(Form):
    reason = TextAreaField(_l("Reason (optional)"), validators=[Limit(1000)])
    submit = SubmitField(_l("Decline"))
