from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, SelectField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo

from forum.core.form import Form, Limit
from forum.core.labels import ZONE_REGION_LABELS
from forum.core.local_time import zone_choices
from forum.core.names import endonym_choices


class LoginForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Limit(254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Limit(1000)])
    next = HiddenField()
    submit = SubmitField(_l("Log in"))


class LanguageForm(Form):
    lang = SelectField(_l("Language"), choices=endonym_choices(("es", "en")))
    next = HiddenField()
    submit = SubmitField(_l("Change"))


def _new_password_field() -> PasswordField:
    # Length and the common-password list are checked by the service
    # (accounts.services.passwords), so that every way of setting a password says the same.
    return PasswordField(
        _l("New password"),
        validators=[DataRequired()],
        description=_l("At least 10 characters."),
    )


def _confirm_field() -> PasswordField:
    return PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two passwords differ."))],
    )


class PasswordForm(Form):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Limit(1000)])
    new = _new_password_field()
    confirm = _confirm_field()
    submit = SubmitField(_l("Change password"))


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class ForgotPasswordForm(Form):
    # Stripped: a phone's keyboard adds a space after the address it completes.
    email = EmailField(
        _l("Email"), filters=[_strip], validators=[DataRequired(), Email(), Limit(254)]
    )
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(Form):
    new = _new_password_field()
    confirm = _confirm_field()
    submit = SubmitField(_l("Set the password"))


class TimeZoneForm(Form):
    # Any name is taken back and checked by the service (accounts.services.time_zone), so a
    # stale or forged one gets the same clear message as every other way of setting it.
    timezone = SelectField(
        _l("Your time zone"),
        validate_choice=False,
        description=_l(
            "Times are shown in the event's zone, with yours beside them when it differs."
        ),
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = {str(ZONE_REGION_LABELS[region]): zones for region, zones in zone_choices()}
        self.timezone.choices = {
            "": [("", str(_l("Detect it from my browser")))],
            **groups,
            "UTC": [("UTC", "UTC")],
        }
