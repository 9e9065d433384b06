"""Every form of the app cleans its text and limits its length (forum/core/form.py).

The test walks every module of the forum package, so a new form or field cannot forget it.
"""

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import Form as PlainForm
from wtforms import HiddenField, StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

import forum
from forum.core.form import Form, SubForm


def _all_form_classes() -> list[type]:
    for module in pkgutil.walk_packages(forum.__path__, "forum."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found, todo = set(), [PlainForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("forum."):
                found.add(sub)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FORMS = _all_form_classes()


def _text_fields(cls: type) -> list[tuple[str, UnboundField]]:
    fields = []
    for name in dir(cls):
        value = getattr(cls, name, None)
        typed = isinstance(value, UnboundField) and issubclass(value.field_class, StringField)
        if typed and not issubclass(value.field_class, HiddenField):  # hidden: set by the page
            fields.append((name, value))
    return fields


# Fields whose length a service checks, so that every way in (form, import, API) says the same.
LIMITED_BY_THEIR_SERVICE = {
    ("MessageForm", "body"): "forum.messaging.services.conversations",
    ("PasswordForm", "new"): "forum.accounts.services.passwords",
    ("ResetPasswordForm", "new"): "forum.accounts.services.passwords",
}
# Must equal another field that has its limit.
EQUAL_TO = {("PasswordForm", "confirm"), ("ResetPasswordForm", "confirm")}


def test_the_walk_finds_the_forms():
    names = {cls.__name__ for cls in FORMS}
    assert {"ProfileForm", "ProjectForm", "MessageForm", "EventForm", "CheckinForm"} <= names
    assert len(FORMS) >= 50


@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_form_derives_from_the_cleaning_base(cls):
    assert issubclass(cls, Form | SubForm), f"{cls.__name__} must derive from forum.core.form"
    assert not (issubclass(cls, FlaskForm) and issubclass(cls, SubForm))


@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_text_field_has_a_maximum_length(cls):
    missing = []
    for name, unbound in _text_fields(cls):
        validators = unbound.kwargs.get("validators") or []
        limits = [v.max for v in validators if isinstance(v, Length) and v.max and v.max > 0]
        if (cls.__name__, name) in LIMITED_BY_THEIR_SERVICE:
            service = importlib.import_module(LIMITED_BY_THEIR_SERVICE[cls.__name__, name])
            assert 0 < service.MAX_LENGTH <= 4000
        elif not limits and (cls.__name__, name) not in EQUAL_TO:
            missing.append(name)
    assert missing == [], f"{cls.__name__}: text fields without Length(max=...): {missing}"


def test_text_is_cleaned_by_field_kind_and_the_person_is_told(app):
    from forum.events.forms import SessionForm
    from forum.registration.forms import ProfileForm

    data = MultiDict(
        {"name": "Ana\r\nBcc: x@example.org", "job_title": "Jefa\x01\x0b de proyecto\u202e"}
    )
    with app.test_request_context(method="POST", data=data):
        form = ProfileForm(meta={"csrf": False})
        assert form.name.data == "Ana Bcc: x@example.org"
        assert form.job_title.data == "Jefa de proyecto"
        assert form.cleaned_fields() == ["Full name", "Job title"]
    multi = MultiDict({"title": "Panel", "description": "Uno\r\n\tdos\x00\u2066tres\u2069"})
    with app.test_request_context(method="POST", data=multi):
        form = SessionForm(meta={"csrf": False})
        assert form.description.data == "Uno\n\tdostres"
        assert form.title.data == "Panel"
        assert form.cleaned_fields() == ["Description"]


def test_passwords_are_left_as_typed(app):
    from forum.accounts.forms import LoginForm

    with app.test_request_context(method="POST", data={"password": "a\tb\u202ec"}):
        assert LoginForm(meta={"csrf": False}).password.data == "a\tb\u202ec"


def test_a_text_area_limit_puts_no_maxlength_on_the_page(app):
    from forum.projects.forms import ProjectForm

    with app.test_request_context():
        html = str(ProjectForm(meta={"csrf": False}).description())
    assert "maxlength" not in html
