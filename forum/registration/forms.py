"""The registration form: account, person, organisation and matchmaking profile."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional

from forum.core.bilingual import name_choices
from forum.core.form import Form, Limit, QuickSelect
from forum.core.labels import (
    GENDER_LABELS,
    ORG_TYPE_LABELS,
    SIZE_LABELS,
    label_choices,
)
from forum.core.names import country_choices, country_name, currency_label, language_choices
from forum.registration.models import Gender, OrganisationSize, OrganisationType
from forum.registration.services.organisation_picker import NEW

# Languages delegates can say they speak, named (and sorted) in the reader's language.
SPOKEN_LANGUAGE_CODES = ("es", "en", "qu", "ay", "pt", "fr", "it", "de")
TICKET_CURRENCIES = ("USD", "EUR", "PEN")


def spoken_language_choices() -> list[tuple[str, str]]:
    return language_choices(SPOKEN_LANGUAGE_CODES)


def ticket_currency_choices() -> list[tuple[str, str]]:
    """The few currencies of tickets and meeting outcomes, as "PEN · sol peruano"."""
    return [(code, currency_label(code)) for code in TICKET_CURRENCIES]


def _optional_enum(enum_cls):
    return lambda value: enum_cls(value) if value else None


class ProfileForm(Form):
    name = StringField(_l("Full name"), validators=[DataRequired(), Limit(200)])
    job_title = StringField(_l("Job title"), validators=[Limit(200)])
    gender = SelectField(
        _l("Gender (optional)"),
        choices=label_choices(GENDER_LABELS, blank="—"),
        coerce=_optional_enum(Gender),
        widget=QuickSelect(),
        description=_l("Used only for anonymous, gender-disaggregated figures."),
    )
    languages = SelectMultipleField(
        _l("Languages you speak"), choices=spoken_language_choices, widget=QuickSelect(True)
    )
    participant_type_id = SelectField(
        _l("I take part as"), coerce=lambda v: int(v) if v else None, widget=QuickSelect()
    )

    # The organisation by name (services/organisation_picker): the page carries only the
    # delegate's own, never the list of all; organisation_id is the one picked among the
    # suggestions (static/js/organisation-picker.js), org_choice the answer when the name
    # fits several.
    org_name = StringField(
        _l("Organisation"),
        validators=[Limit(200)],
        description=_l("Type its name: choose it if it is already here, or add it."),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    organisation_id = HiddenField()
    org_choice = RadioField(
        _l("Which organisation do you mean?"), choices=[], validate_choice=False
    )
    org_type = SelectField(
        _l("Type of organisation"),
        choices=label_choices(ORG_TYPE_LABELS, blank="—"),
        coerce=_optional_enum(OrganisationType),
        widget=QuickSelect(),
    )
    org_country = SelectField(
        _l("Country"), choices=lambda: [("", "—"), *country_choices()], widget=QuickSelect()
    )
    org_region = StringField(
        _l("Region"), validators=[Limit(120)], render_kw={"list": "region-suggestions"}
    )
    org_website = URLField(_l("Website"), validators=[Optional(), URL(), Limit(300)])
    org_size = SelectField(
        _l("Size"),
        choices=label_choices(SIZE_LABELS, blank="—"),
        coerce=_optional_enum(OrganisationSize),
        widget=QuickSelect(),
    )
    org_women_led = BooleanField(
        _l("Led by women"),
        description=_l("Counted apart in the event's reports for funders."),
    )

    sector_tags = SelectMultipleField(
        _l("Sectors and value chains"), coerce=int, widget=QuickSelect(True)
    )
    offers = TextAreaField(_l("What I offer"), validators=[Limit(2000)], render_kw={"rows": 3})
    offer_tags = SelectMultipleField(_l("I offer, in"), coerce=int, widget=QuickSelect(True))
    seeks = TextAreaField(_l("What I seek"), validators=[Limit(2000)], render_kw={"rows": 3})
    seek_tags = SelectMultipleField(_l("I seek, in"), coerce=int, widget=QuickSelect(True))
    ticket_min = IntegerField(
        _l("Smallest investment ticket"), validators=[Optional(), NumberRange(min=0)]
    )
    ticket_max = IntegerField(
        _l("Largest investment ticket"), validators=[Optional(), NumberRange(min=0)]
    )
    ticket_currency = SelectField(
        _l("Currency"), choices=ticket_currency_choices, widget=QuickSelect()
    )
    photo = FileField(_l("Photo or logo"), description=_l("JPEG, PNG, WebP or GIF, at most 5 MB."))
    submit = SubmitField(_l("Save"))

    def set_event_choices(self, event) -> None:
        self.participant_type_id.choices = [("", "—")] + [
            (t.id, t.label()) for t in event.participant_types
        ]
        tags = name_choices(event.tags)
        self.sector_tags.choices = self.offer_tags.choices = self.seek_tags.choices = tags

    def offer_organisations(self, name: str, matches) -> None:
        """The choice among the organisations a typed name fits, and a new one by that name."""
        self.org_choice.choices = [
            (str(m.id), f"{m.name} ({country_name(m.country)})") for m in matches
        ] + [(NEW, _l("None of these: create “%(name)s”", name=name))]


class JoinForm(ProfileForm):
    """The profile as a new registration: the event's privacy notice must be accepted."""

    privacy_consent = BooleanField(
        _l("I have read the privacy notice"),
        validators=[DataRequired(_l("Tick the box to accept the privacy notice."))],
    )


class RegistrationForm(JoinForm):
    """The profile, plus an account for newcomers (removed for logged-in users)."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Limit(254)])
    password = PasswordField(
        _l("Choose a password"),
        validators=[DataRequired(), Length(min=10, max=200)],
        description=_l("At least 10 characters."),
    )
    submit = SubmitField(_l("Register"))
