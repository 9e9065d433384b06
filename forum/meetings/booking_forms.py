"""The form a delegate fills in after a meeting: what happened, and what came of it."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, NumberRange, Optional

from forum.core.form import Form, Limit
from forum.core.labels import ATTENDANCE_LABELS, OUTCOME_LABELS, label_choices
from forum.meetings.models import OutcomeKind
from forum.registration.forms import ticket_currency_choices


class OutcomeForm(Form):
    attendance = RadioField(
        _l("What happened?"),
        choices=label_choices(ATTENDANCE_LABELS),
        validators=[DataRequired()],
    )
    outcome = RadioField(
        _l("Outcome"),
        choices=label_choices(OUTCOME_LABELS),
        default=OutcomeKind.NONE.value,
        validators=[DataRequired()],
    )
    amount = IntegerField(
        _l("Indicative amount (whole units, for an investment discussion)"),
        validators=[Optional(), NumberRange(min=0, max=10**12)],
    )
    currency = SelectField(_l("Currency"), choices=ticket_currency_choices, default="USD")
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Limit(2000)])
    submit = SubmitField(_l("Save"))
