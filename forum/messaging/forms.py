"""The messaging forms: a message, a report, and the bare POST buttons (CSRF only)."""

from flask_babel import lazy_gettext as _l
from wtforms import SubmitField, TextAreaField

from forum.core.form import Form, Limit


class MessageForm(Form):
    # No maxlength attribute: a browser would cut a pasted text short without a word; the
    # service refuses a long message with a message instead (forum/messaging/services).
    body = TextAreaField(_l("Your message"), render_kw={"rows": 4})
    submit = SubmitField(_l("Send"))


class ReportForm(Form):
    reason = TextAreaField(
        _l("Why are you reporting this message? (optional)"),
        validators=[Limit(2000)],
        render_kw={"rows": 3},
    )
    submit = SubmitField(_l("Report to the organizers"))


class ButtonForm(Form):
    """A button that changes something: only the CSRF token."""
