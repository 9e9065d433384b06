"""Forms of the funder report page: the narrative and one form per custom indicator."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, SubmitField, TextAreaField

from forum.core.form import Form, Limit
from forum.reports.services.content import MAX_NAME, MAX_NARRATIVE, MAX_UNIT


def _text(label):
    return TextAreaField(label, validators=[Limit(MAX_NARRATIVE)], render_kw={"rows": 5})


class NarrativeForm(Form):
    objectives_es = _text(_l("Objectives (Spanish)"))
    objectives_en = _text(_l("Objectives (English)"))
    results_es = _text(_l("Results (Spanish)"))
    results_en = _text(_l("Results (English)"))
    lessons_es = _text(_l("Lessons learned (Spanish)"))
    lessons_en = _text(_l("Lessons learned (English)"))
    submit = SubmitField(_l("Save the narrative"))


class IndicatorForm(Form):
    """One indicator; figures are text so that "12,5" and "abc" get a message, not a crash."""

    indicator_id = HiddenField()
    name_es = StringField(_l("Name (Spanish)"), validators=[Limit(MAX_NAME)])
    name_en = StringField(_l("Name (English)"), validators=[Limit(MAX_NAME)])
    unit_es = StringField(_l("Unit (Spanish, optional)"), validators=[Limit(MAX_UNIT)])
    unit_en = StringField(_l("Unit (English, optional)"), validators=[Limit(MAX_UNIT)])
    value = StringField(_l("Value"), validators=[Limit(40)], render_kw={"inputmode": "decimal"})
    target = StringField(
        _l("Target (optional)"),
        validators=[Limit(40)],
        render_kw={"inputmode": "decimal"},
    )
    save = SubmitField(_l("Save"))
    delete = SubmitField(_l("Delete"))
    up = SubmitField(_l("Move up"))
    down = SubmitField(_l("Move down"))
