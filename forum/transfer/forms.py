"""The import upload and the "copy as a new edition" form."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, StringField, SubmitField
from wtforms.validators import DataRequired

from forum.core.form import Form, Limit


class ImportEventForm(Form):
    file = FileField(
        _l("Event document (JSON)"),
        validators=[FileRequired(_l("Choose the JSON file of an exported event."))],
        description=_l("A file made by “Export this event (JSON)” in Foro, at most 50 MB."),
        render_kw={"accept": ".json,application/json"},
    )
    slug = StringField(
        _l("New web address (slug)"),
        validators=[Limit(80)],
        description=_l("Leave empty to keep the document's; needed when that one is taken."),
    )
    name = StringField(_l("New name"), validators=[Limit(200)])
    submit = SubmitField(_l("Import"))


class NewEditionForm(Form):
    name = StringField(_l("Name of the new edition"), validators=[DataRequired(), Limit(200)])
    slug = StringField(
        _l("Web address (slug)"),
        validators=[DataRequired(), Limit(80)],
        description=_l("Lower-case letters, digits and hyphens, e.g. foro-peru-2024."),
    )
    start_date = DateField(
        _l("First day of the new edition"),
        validators=[DataRequired()],
        description=_l("Every date and time of the programme moves by the same number of days."),
    )
    submit = SubmitField(_l("Create the new edition"))
