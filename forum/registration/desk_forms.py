"""Registration desk forms: list filters, settings, participant types, tags, CSV import."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as pgettext  # lazy; so named, pybabel reads its context
from flask_wtf.file import FileField, FileRequired
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    ColorField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, NumberRange, Optional, Regexp

from forum.core.form import Form, Limit
from forum.core.labels import ORG_TYPE_LABELS, label_choices
from forum.core.names import country_choices, country_name, language_choices
from forum.registration.forms import NEW
from forum.registration.models import (
    Gender,
    OrganisationSize,
    OrganisationType,
    RegistrationStatus,
)
from forum.registration.services.desk import RegistrationFilter
from forum.registration.services.types_and_tags import COLOUR_RE

# What a browser's datetime-local input sends and expects back.
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


def _enum_or_none(enum_cls, value: str | None):
    try:
        return enum_cls(value) if value else None
    except ValueError:
        return None


def filter_from_args(args: MultiDict) -> RegistrationFilter:
    """The list filters from the query string; values that make no sense are ignored."""
    type_id = args.get("participant_type", "")
    country = args.get("country", "").strip().upper()
    return RegistrationFilter(
        status=_enum_or_none(RegistrationStatus, args.get("status")),
        participant_type_id=int(type_id) if type_id.isdigit() else None,
        country=country if len(country) == 2 and country.isalpha() else "",
        organisation_type=_enum_or_none(OrganisationType, args.get("organisation_type")),
        gender=_enum_or_none(Gender, args.get("gender")),
        q=args.get("q", "")[:200],
        invitation_pending=args.get("invitation") == "pending",
        organisation_size=_enum_or_none(OrganisationSize, args.get("organisation_size")),
        region=args.get("region", "").strip()[:120],
        checked_in={"yes": True, "no": False}.get(args.get("checked_in", "")),
    )


def filter_args(filters: RegistrationFilter) -> dict[str, str]:
    """The query-string arguments that give back the same filters (for links and exports)."""
    values = {
        "status": filters.status.value if filters.status else "",
        "participant_type": str(filters.participant_type_id or ""),
        "country": filters.country,
        "organisation_type": filters.organisation_type.value if filters.organisation_type else "",
        "gender": filters.gender.value if filters.gender else "",
        "q": filters.q,
        "invitation": "pending" if filters.invitation_pending else "",
        "organisation_size": filters.organisation_size.value if filters.organisation_size else "",
        "region": filters.region,
        "checked_in": {True: "yes", False: "no"}.get(filters.checked_in, ""),
    }
    return {key: value for key, value in values.items() if value}


class RegistrationSettingsForm(Form):
    opens_at = DateTimeLocalField(
        _l("Registration opens"),
        format=LOCAL_FORMATS,
        validators=[Optional()],
        description=_l("Leave empty to open it as soon as the event is published."),
    )
    closes_at = DateTimeLocalField(
        _l("Registration closes"),
        format=LOCAL_FORMATS,
        validators=[Optional()],
        description=_l("Leave empty to keep it open."),
    )
    fold = SelectField(
        _l("Repeated hour"),
        choices=[
            ("", _l("Not needed")),
            ("0", _l("First time (before clocks go back)")),
            ("1", _l("Second time (after clocks go back)")),
        ],
        description=_l("Only on the night clocks go back, when a time happens twice."),
    )
    capacity = IntegerField(
        _l("Capacity"),
        validators=[Optional(), NumberRange(min=0)],
        description=_l("Approved delegates at most. Leave empty for no limit."),
    )
    auto_promote = BooleanField(
        _l("Promote from the waiting list by itself when a place frees up"),
    )
    submit = SubmitField(_l("Save"))


class ParticipantTypeForm(Form):
    name_es = StringField(_l("Name in Spanish"), validators=[DataRequired(), Limit(120)])
    name_en = StringField(
        _l("Name in English"),
        validators=[Limit(120)],
        description=_l("English readers see the Spanish name while this is empty."),
    )
    color = ColorField(
        _l("Colour"),
        default="#1b6ca8",
        validators=[Limit(7), Regexp(COLOUR_RE, message=_l("A colour like #1b6ca8."))],
    )
    capacity = IntegerField(
        _l("Capacity"),
        validators=[Optional(), NumberRange(min=0)],
        description=_l("Approved delegates of this type at most. Leave empty for no limit."),
    )
    submit = SubmitField(_l("Save"))


class TagsForm(Form):
    names = TextAreaField(
        _l("New sectors and value chains"),
        validators=[DataRequired(), Limit(5000)],
        description=_l(
            "One per line, the Spanish name, then “|” and the English name, "
            "e.g. Café | Coffee, Cacao | Cocoa."
        ),
        render_kw={"rows": 5},
    )
    submit = SubmitField(_l("Add"))


class DelegateImportForm(Form):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(_l("Choose a CSV file."))],
        description=_l("UTF-8, separated by commas or semicolons, at most 2 MB."),
        render_kw={"accept": ".csv,text/csv"},
    )
    notify = BooleanField(
        _l("Write to each imported delegate who has a password (the usual mail for their status)")
    )
    submit = SubmitField(_l("Import"))


class AddDelegateForm(Form):
    """One delegate added by the desk; an account without a password gets an invitation."""

    name = StringField(_l("Full name"), validators=[DataRequired(), Limit(200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Limit(254)])
    organisation_id = SelectField(_l("Organisation"), coerce=str)
    org_name = StringField(
        _l("Name of the new organisation"),
        validators=[Limit(200)],
        description=_l("Only for a new organisation, with its type and country."),
    )
    org_type = SelectField(
        _l("Type of organisation"),
        choices=label_choices(ORG_TYPE_LABELS, blank="—"),
        coerce=lambda value: OrganisationType(value) if value else None,
    )
    org_country = SelectField(_l("Country"), choices=lambda: [("", "—"), *country_choices()])
    participant_type_id = SelectField(
        _l("Participant type"), coerce=lambda value: int(value) if value else None
    )
    status = SelectField(
        _l("Status"),
        choices=[
            (RegistrationStatus.APPROVED.value, pgettext("registration status", "Approved")),
            (RegistrationStatus.SUBMITTED.value, _l("Submitted (to review)")),
        ],
    )
    locale = SelectField(
        _l("Language of the invitation and mails"), choices=lambda: language_choices(("es", "en"))
    )
    submit = SubmitField(_l("Add the delegate"))

    def set_event_choices(self, event, organisations) -> None:
        self.participant_type_id.choices = [("", "—")] + [
            (t.id, t.label()) for t in event.participant_types
        ]
        self.organisation_id.choices = [("", "—"), (NEW, _l("— A new organisation —"))] + [
            (str(o.id), f"{o.name} ({country_name(o.country)})") for o in organisations
        ]
