"""The account page's form for a new API token."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Optional

from forum.api.models import TokenScope
from forum.core.form import Form, Limit


class NewTokenForm(Form):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Limit(100)],
        description=_l("What uses it, e.g. “CRM sync”."),
    )
    scope = SelectField(
        _l("Scope"),
        choices=[
            (TokenScope.READ.value, _l("Read only")),
            (TokenScope.READ_WRITE.value, _l("Read and write (registrations, check-in)")),
        ],
        default=TokenScope.READ.value,
    )
    expires_on = DateField(
        _l("Expires on"),
        validators=[Optional()],
        description=_l("Leave empty for a token that lasts until you revoke it."),
    )
    submit = SubmitField(_l("Create token"))
