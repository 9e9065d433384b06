"""The mailing form: who it goes to (filters) and what it says (Spanish and English)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import ValidationError

from forum.core.bilingual import name_choices
from forum.core.form import Form, Limit
from forum.core.labels import REGISTRATION_STATUS_LABELS, label_choices
from forum.core.names import named_countries
from forum.mailings.services import merge_fields
from forum.mailings.services.audience import NO, WITH, WITHOUT, YES, Audience
from forum.mailings.services.mailings import Texts

MERGE_HELP = _l(
    "Merge fields: {name}, {organisation}, {agenda_link} (their page at the event), "
    "{calendar_link} (their personal calendar feed)."
)


def _merge_fields_valid(form, field) -> None:
    try:
        merge_fields.check(field.data or "")
    except merge_fields.MergeFieldError as error:
        raise ValidationError(str(error)) from error


class MailingForm(Form):
    statuses = SelectMultipleField(_l("Registration status"))
    participant_type_ids = SelectMultipleField(_l("Participant type"), coerce=int)
    tag_ids = SelectMultipleField(_l("Sector or value chain"), coerce=int)
    countries = SelectMultipleField(_l("Country"))
    meetings = SelectField(
        _l("Meetings"),
        default="",
        choices=[
            ("", _l("With or without meetings")),
            (WITH, _l("With placed meetings")),
            (WITHOUT, _l("Without placed meetings")),
        ],
    )
    checked_in = SelectField(
        _l("Check-in"),
        default="",
        choices=[
            ("", _l("Checked in or not")),
            (YES, _l("Only checked in")),
            (NO, _l("Not checked in yet")),
        ],
    )
    subject_es = StringField(_l("Subject in Spanish"), validators=[Limit(300), _merge_fields_valid])
    body_es = TextAreaField(
        _l("Text in Spanish"),
        validators=[Limit(20000), _merge_fields_valid],
        render_kw={"rows": 8},
        description=MERGE_HELP,
    )
    subject_en = StringField(_l("Subject in English"), validators=[Limit(300), _merge_fields_valid])
    body_en = TextAreaField(
        _l("Text in English"),
        validators=[Limit(20000), _merge_fields_valid],
        render_kw={"rows": 8},
        description=_l(
            "Each delegate gets the text in their language; with one language "
            "filled in, everybody gets that one."
        ),
    )
    count = SubmitField(_l("Count the recipients"))
    submit = SubmitField(_l("Save the draft"))

    def set_choices(self, event, countries: list[str]) -> None:
        self.statuses.choices = label_choices(REGISTRATION_STATUS_LABELS)
        self.participant_type_ids.choices = [(t.id, t.label()) for t in event.participant_types]
        self.tag_ids.choices = name_choices(event.tags)
        self.countries.choices = named_countries(countries)

    def fill(self, mailing) -> None:
        """The form shows a stored mailing (on a GET)."""
        audience = Audience.from_data(mailing.audience)
        for name, value in audience.to_data().items():
            getattr(self, name).data = value
        for name in ("subject_es", "body_es", "subject_en", "body_en"):
            getattr(self, name).data = getattr(mailing, name)

    def audience(self) -> Audience:
        return Audience(
            statuses=list(self.statuses.data or []),
            participant_type_ids=list(self.participant_type_ids.data or []),
            tag_ids=list(self.tag_ids.data or []),
            countries=list(self.countries.data or []),
            meetings=self.meetings.data or "",
            checked_in=self.checked_in.data or "",
        )

    def texts(self) -> Texts:
        return Texts(
            **{
                name: getattr(self, name).data or ""
                for name in ("subject_es", "body_es", "subject_en", "body_en")
            }
        )


class SendForm(Form):
    """The confirmation: the count the organizer saw, checked again when sending."""

    expected = HiddenField()
    submit = SubmitField(_l("Send now"))
