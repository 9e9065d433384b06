"""Forms of the privacy pages: the notice, consent, deleting an account, erasing a delegate."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired

from forum.core.form import Form, Limit


class NoticeForm(Form):
    text_es = TextAreaField(
        _l("Privacy notice in Spanish"),
        validators=[Limit(20000)],
        render_kw={"rows": 12},
        description=_l("Leave both empty to show the default notice."),
    )
    text_en = TextAreaField(
        _l("Privacy notice in English"), validators=[Limit(20000)], render_kw={"rows": 12}
    )
    submit = SubmitField(_l("Save the notice"))


class ConsentForm(Form):
    accept = BooleanField(
        _l("I have read the privacy notice"),
        validators=[DataRequired(_l("Tick the box to accept the privacy notice."))],
    )
    submit = SubmitField(_l("Accept"))


class DeleteAccountForm(Form):
    """Passwords confirm; an account without one (an invitation never accepted) types its
    email address instead."""

    password = PasswordField(_l("Your password"), validators=[Limit(200)])
    email = StringField(_l("Your email address"), validators=[Limit(254)])
    submit = SubmitField(_l("Delete my account and my data"))


class EraseDelegateForm(Form):
    confirmation = StringField(
        _l("Type the delegate's email address to confirm"),
        validators=[DataRequired(), Limit(254)],
    )
    submit = SubmitField(_l("Erase this delegate's personal data"))
