"""The organizer's reminder settings of an event."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, SubmitField
from wtforms.validators import ValidationError

from forum.core.form import Form
from forum.notifications.reminders import HOURS, MINUTES_BEFORE_CHOICES


class NumberChoiceField(SelectField):
    """A drop-down of whole numbers that answers anything else with its own clear message
    (WTForms' "Invalid Choice: could not coerce." says nothing to an organizer)."""

    def __init__(self, label, message, **kwargs):
        super().__init__(label, coerce=int, validate_choice=False, **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist:
            try:
                self.data = int(valuelist[0])
            except ValueError:
                self.data = None

    def pre_validate(self, form):
        if self.data not in {value for value, _label in self.choices}:
            raise ValidationError(str(self.message))


class ReminderSettingsForm(Form):
    day_before = BooleanField(
        _l("Send each delegate their meetings of the next day, the day before")
    )
    day_before_hour = NumberChoiceField(
        _l("Time of the day-before mail (event time)"),
        message=_l("Choose the hour of the day-before reminder from the list."),
        choices=[(hour, f"{hour:02d}:00") for hour in HOURS],
    )
    minutes_before = NumberChoiceField(
        _l("Reminder before each meeting"),
        message=_l("Choose how long before each meeting from the list."),
        choices=[(0, _l("No reminder before each meeting"))]
        + [(m, _l("%(minutes)d minutes before", minutes=m)) for m in MINUTES_BEFORE_CHOICES],
    )
    submit = SubmitField(_l("Save the reminders"))
