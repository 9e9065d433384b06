"""Forms: a project, its presenting team, an organizer's review, and the project settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Optional

from forum.core.bilingual import name_choices
from forum.core.form import Form, Limit
from forum.core.labels import (
    INSTRUMENT_LABELS,
    PROJECT_KIND_LABELS,
    PROJECT_STATUS_LABELS,
    SDG_LABELS,
    STAGE_LABELS,
    label_choices,
)
from forum.core.money import currency_codes
from forum.core.names import country_choices, currency_label
from forum.events.models import Event
from forum.projects.models import Instrument, ProjectKind, ProjectStage, ProjectStatus
from forum.registration.models import Registration

COMMON_CURRENCIES = ("USD", "EUR", "PEN", "CLP", "COP", "MXN", "BRL", "BOB", "GTQ", "JPY")


def _optional_enum(enum_cls):
    return lambda value: enum_cls(value) if value else None


def _optional_int(value):
    return int(value) if value not in (None, "") else None


def currency_choices(first: str = "") -> list[tuple[str, str]]:
    """Currencies by code with their names; the event's and the common ones first."""
    leading = list(dict.fromkeys(c for c in (first, *COMMON_CURRENCIES) if c))
    rest = [code for code in currency_codes() if code not in leading]
    return [(code, currency_label(code)) for code in leading + rest]


class ProjectForm(Form):
    title = StringField(_l("Title"), validators=[Limit(300)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[Limit(1000)],
        description=_l("Two or three sentences for the catalogue."),
        render_kw={"rows": 3},
    )
    description = TextAreaField(
        _l("Description"), validators=[Limit(10_000)], render_kw={"rows": 8}
    )
    kind = SelectField(
        _l("Kind of project"),
        choices=label_choices(PROJECT_KIND_LABELS, blank="—"),
        coerce=_optional_enum(ProjectKind),
    )
    tags = SelectMultipleField(_l("Value chains and sectors"), coerce=int)
    country = SelectField(_l("Country"), choices=lambda: [("", "—"), *country_choices()])
    regions = StringField(
        _l("Regions"),
        validators=[Limit(300)],
        description=_l("Separate several regions with commas."),
    )
    amount = StringField(
        _l("Amount sought"),
        validators=[Limit(40)],
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
    )
    currency = SelectField(_l("Currency"))
    instrument = SelectField(
        _l("Instrument sought"),
        choices=label_choices(INSTRUMENT_LABELS, blank="—"),
        coerce=_optional_enum(Instrument),
    )
    stage = SelectField(
        _l("Stage"),
        choices=label_choices(STAGE_LABELS, blank="—"),
        coerce=_optional_enum(ProjectStage),
    )
    beneficiaries = IntegerField(_l("Expected beneficiaries"), validators=[Optional()])
    women_share = IntegerField(
        _l("Share of women among them (%)"),
        validators=[Optional()],
        render_kw={"min": 0, "max": 100},
    )
    smallholders = IntegerField(_l("Smallholders among them"), validators=[Optional()])
    area_hectares = IntegerField(
        _l("Area (hectares)"),
        validators=[Optional()],
        description=_l("Where it applies: land under the project."),
    )
    sdgs = SelectMultipleField(
        _l("Sustainable Development Goals"),
        coerce=int,
        choices=[(number, f"{number}. {label}") for number, label in SDG_LABELS.items()],
    )
    contact_id = SelectField(_l("Contact person"), coerce=_optional_int)
    document = FileField(
        _l("Document (PDF)"),
        description=_l(
            "A one-pager or teaser as a PDF, at most 10 MB. It is offered as a download."
        ),
    )
    remove_document = BooleanField(_l("Remove the current document"))
    submit = SubmitField(_l("Save"))

    def set_choices(self, event: Event, contacts: list[Registration]) -> None:
        self.tags.choices = name_choices(event.tags)
        self.currency.choices = currency_choices(event.report_currency)
        self.contact_id.choices = [("", "—")] + [
            (r.id, f"{r.user.name or r.user.email}" + (f" · {r.job_title}" if r.job_title else ""))
            for r in contacts
        ]


class ReviewForm(Form):
    status = SelectField(
        _l("Decision"),
        choices=[
            (s.value, PROJECT_STATUS_LABELS[s])
            for s in (ProjectStatus.ACCEPTED, ProjectStatus.NEEDS_CHANGES, ProjectStatus.REJECTED)
        ],
    )
    comment = TextAreaField(
        _l("Comment for the presenters"),
        validators=[Limit(4000)],
        description=_l("Sent by mail with the decision. Required when asking for changes."),
        render_kw={"rows": 3},
    )
    submit = SubmitField(_l("Save the review"))


class ProjectSettingsForm(Form):
    projects_public = BooleanField(
        _l("Anyone may see the project catalogue"),
        description=_l("Otherwise only approved delegates and the organizers see it."),
    )
    project_submissions_open = BooleanField(_l("Delegates may submit projects"))
    report_currency = SelectField(_l("Report currency"))
    rates = TextAreaField(
        _l("Exchange rates"),
        validators=[Limit(2000)],
        description=_l(
            "One currency per line: its code and what one unit is worth in the report "
            "currency, e.g. PEN 0.27. Totals in the report currency appear only when every "
            "currency has a rate. Update the rates when you change the report currency."
        ),
        render_kw={"rows": 6, "spellcheck": "false"},
    )
    submit = SubmitField(_l("Save"))


class PresenterForm(Form):
    """Add a colleague of the presenting organisation to a project's team."""

    registration_id = SelectField(_l("Colleague"), coerce=int)
    submit = SubmitField(_l("Add to the team"))

    def set_choices(self, colleagues: list[Registration]) -> None:
        self.registration_id.choices = [(r.id, r.user.name or r.user.email) for r in colleagues]
