"""The form a delegate fills in after a meeting: what happened, and what came of it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forum.meetings.models import Attendance, OutcomeKind
from forum.registration.forms import CURRENCIES

ATTENDANCE_LABELS = {
    Attendance.HELD: _l("The meeting was held"),
    Attendance.NO_SHOW: _l("The other side did not come"),
    Attendance.CANCELLED_ON_DAY: _l("It was cancelled on the day"),
}
OUTCOME_LABELS = {
    OutcomeKind.FOLLOW_UP: _l("Follow-up agreed"),
    OutcomeKind.PARTNERSHIP: _l("Partnership"),
    OutcomeKind.INVESTMENT_DISCUSSION: _l("Investment discussion"),
    OutcomeKind.NONE: _l("None"),
}


class OutcomeForm(FlaskForm):
    attendance = RadioField(
        _l("What happened?"),
        choices=[(k.value, label) for k, label in ATTENDANCE_LABELS.items()],
        validators=[DataRequired()],
    )
    outcome = RadioField(
        _l("Outcome"),
        choices=[(k.value, label) for k, label in OUTCOME_LABELS.items()],
        default=OutcomeKind.NONE.value,
        validators=[DataRequired()],
    )
    amount = IntegerField(
        _l("Indicative amount (whole units, for an investment discussion)"),
        validators=[Optional(), NumberRange(min=0, max=10**12)],
    )
    currency = SelectField(_l("Currency"), choices=CURRENCIES, default="USD")
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Save"))
