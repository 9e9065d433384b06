"""Forms of the admin's user list: the switches for active and admin."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf


class SwitchForm(FlaskForm):
    """Turn a flag on ("1") or off ("0")."""

    value = HiddenField(validators=[AnyOf(("0", "1"))])
