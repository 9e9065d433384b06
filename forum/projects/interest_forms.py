"""Forms of the investment pages: an investor's interest, a presenter's commitment record."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired

from forum.core.form import Form, Limit
from forum.core.labels import (
    COMMITMENT_LABELS,
    INSTRUMENT_LABELS,
    INTEREST_LEVEL_LABELS,
    label_choices,
)
from forum.projects.models import CommitmentStatus, Instrument, InterestLevel

AMOUNT_ATTRS = {"inputmode": "decimal", "autocomplete": "off"}


def _optional_instrument(value):
    return Instrument(value) if value else None


def _instrument_field(label) -> SelectField:
    return SelectField(
        label,
        choices=label_choices(INSTRUMENT_LABELS, blank="—"),
        coerce=_optional_instrument,
    )


class InterestForm(Form):
    level = RadioField(
        _l("Your interest"),
        choices=label_choices(INTEREST_LEVEL_LABELS),
        coerce=InterestLevel,
        default=InterestLevel.INTERESTED.value,
        validators=[InputRequired()],
    )
    amount = StringField(
        _l("Indicative amount"),
        validators=[Limit(40)],
        description=_l("Optional; not a commitment."),
        render_kw=AMOUNT_ATTRS,
    )
    currency = SelectField(_l("Currency"))
    instrument = _instrument_field(_l("Instrument"))
    note = TextAreaField(
        _l("Note"),
        validators=[Limit(4000)],
        description=_l("Only you, the presenting organisation and the organizers see it."),
        render_kw={"rows": 4},
    )
    request_meeting = BooleanField(_l("Also request a meeting with the project contact"))
    submit = SubmitField(_l("Save my interest"))


class CommitmentForm(Form):
    interest_id = SelectField(_l("Investor"), coerce=int)
    status = SelectField(
        _l("Status"),
        choices=label_choices(COMMITMENT_LABELS),
        coerce=CommitmentStatus,
    )
    amount = StringField(_l("Amount"), validators=[Limit(40)], render_kw=AMOUNT_ATTRS)
    currency = SelectField(_l("Currency"))
    instrument = _instrument_field(_l("Instrument"))
    notes = TextAreaField(_l("Follow-up notes"), validators=[Limit(4000)], render_kw={"rows": 3})
    submit = SubmitField(_l("Save the follow-up"))
