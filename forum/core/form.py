"""The base of every form: free text is cleaned as it comes in (forum.core.text's policy).

Every form in the app derives from Form (or SubForm inside a FormField) instead of FlaskForm
(tests/core/test_form_limits.py walks them all), so no field can forget the policy: a
one-line field (StringField, EmailField, URLField, ...) loses line breaks and control
characters, a TextAreaField keeps its line breaks and tabs. Passwords are left exactly as
typed. When something was removed, the person is told which fields changed, so nothing
disappears without a word.
"""

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import Form as PlainForm
from wtforms import FormField, PasswordField, StringField, TextAreaField
from wtforms.meta import DefaultMeta
from wtforms.validators import Length
from wtforms.widgets import Select

from forum.core.text import one_line, without_control


def _cleaner(field, clean):
    def clean_text(value):
        if not isinstance(value, str):
            return value
        cleaned = clean(value)
        if cleaned != value.replace("\r\n", "\n"):  # CR LF -> LF is no news to anyone
            field.control_removed = True
        return cleaned

    return clean_text


class _Cleaning:
    """The Meta part that gives every text field its cleaning filter, last in line."""

    def bind_field(self, form, unbound_field, options):
        field = super().bind_field(form, unbound_field, options)
        if isinstance(field, StringField) and not isinstance(field, PasswordField):
            clean = without_control if isinstance(field, TextAreaField) else one_line
            field.control_removed = False
            field.filters = (*field.filters, _cleaner(field, clean))
        return field


def _cleaned(form) -> list[str]:
    labels = []
    for field in form:
        if isinstance(field, FormField):
            labels += _cleaned(field.form)
        elif getattr(field, "control_removed", False):
            labels.append(str(field.label.text))
    return labels


class SubForm(PlainForm):
    """A form inside a form (FormField): no CSRF token of its own, the same cleaning."""

    class Meta(_Cleaning, DefaultMeta):
        pass


class Form(FlaskForm):
    # False where the view tells the person in its own words (messaging).
    tell_cleaned = True

    class Meta(_Cleaning, FlaskForm.Meta):
        pass

    def cleaned_fields(self) -> list[str]:
        """The labels of the fields whose text lost control or invisible characters."""
        return _cleaned(self)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.tell_cleaned and (cleaned := self.cleaned_fields()):
            flash(
                _(
                    "Line breaks, control characters or invisible direction marks were "
                    "removed from: %(fields)s. Please check the text.",
                    fields=", ".join(cleaned),
                ),
                "warning",
            )
        return valid


class Limit(Length):
    """At most `max` characters, as a form error in the person's language.

    Unlike wtforms' Length it puts no maxlength attribute on the field: a browser would cut a
    pasted text short without a word, and the person would lose the end of it.
    """

    def __init__(self, max: int):
        super().__init__(
            max=max,
            message=_l(
                "At most %(max)d characters, please; this text has %(length)d. "
                "Shorten it and save again."
            ),
        )
        self.field_flags = {}


class QuickSelect(Select):
    """WTForms' select, its options written in one f-string each: the organisation list of a
    3,000-delegate forum has 1,830 of them, which WTForms' own way (html_params per option)
    took ~30 ms of CPU to write on every registration and profile page. The same HTML."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        selected = "selected " if choice.selected else ""
        label = escape(choice.label or choice.value)
        return Markup(f'<option {selected}value="{escape(value)}">{label}</option>')
