"""Forms of the admin's user list: the switches for active and admin."""

from wtforms import HiddenField
from wtforms.validators import AnyOf

from forum.core.form import Form


class SwitchForm(Form):
    """Turn a flag on ("1") or off ("0")."""

    value = HiddenField(validators=[AnyOf(("0", "1"))])
