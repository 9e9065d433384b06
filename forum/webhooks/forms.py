"""The webhook endpoint form: the receiver's URL and the events it wants."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from forum.core.form import Form
from forum.core.labels import WEBHOOK_KIND_LABELS as KIND_LABELS
from forum.webhooks.addresses import MAX_URL
from forum.webhooks.models import KINDS
from forum.webhooks.services import EndpointInput


class EndpointForm(Form):
    url = StringField(
        _l("Receiver's address (HTTPS)"),
        validators=[InputRequired(), Length(max=MAX_URL)],
        render_kw={"placeholder": "https://crm.example.org/foro-webhooks"},
    )
    kinds = SelectMultipleField(
        _l("Send these events"),
        choices=[(kind, "") for kind in KINDS],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,  # the service names a wrong choice in the user's language
    )
    active = BooleanField(_l("Active"), default=True)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds.choices = [(kind, f"{kind} — {KIND_LABELS[kind]}") for kind in KINDS]

    def data_input(self) -> EndpointInput:
        return EndpointInput(self.url.data or "", list(self.kinds.data or []), self.active.data)
