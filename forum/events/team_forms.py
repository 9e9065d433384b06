"""Forms of the team page: add a person by email, change a member's role."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired

from forum.core.form import Form, Limit
from forum.core.labels import TEAM_ROLE_LABELS
from forum.core.names import language_choices
from forum.events.models import TeamRole

ROLE_CHOICES = [(role.value, TEAM_ROLE_LABELS[role]) for role in TeamRole]


class TeamMemberForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Limit(254)])
    name = StringField(
        _l("Name"),
        validators=[Limit(200)],
        description=_l("For a new account; an existing account keeps its name."),
    )
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default=TeamRole.DESK.value)
    language = SelectField(
        _l("Language of the invitation"),
        choices=lambda: language_choices(("es", "en")),
        description=_l("For a new account; an existing account keeps its language."),
    )
    submit = SubmitField(_l("Add to the team"))


class RoleForm(Form):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    submit = SubmitField(_l("Change role"))
