"""form_html keeps the fields an empty form shows everyone alike, per key (core/form_html.py)."""

from forum.core import form_html as module
from forum.core.form_html import EXTENSION, form_html, form_html_key


class Caller:
    """A Jinja call block's `caller`: counts how often it is asked to write."""

    def __init__(self, html: str) -> None:
        self.html, self.calls = html, 0

    def __call__(self) -> str:
        self.calls += 1
        return self.html


def test_a_key_is_written_once_and_none_every_time(app):
    with app.test_request_context("/", headers={"Accept-Language": "es"}):
        fields = Caller('<input name="a">')
        assert form_html(None, fields) == '<input name="a">'
        assert form_html(None, fields) == '<input name="a">'
        assert fields.calls == 2  # a filled-in form is written each time
        key = form_html_key("t.html", ((1, "Café"),))
        assert key == ("es", "", "t.html", ((1, "Café"),))
        assert str(form_html(key, fields)) == '<input name="a">'
        other = Caller('<input name="b">')
        assert str(form_html(key, other)) == '<input name="a">'
        assert (fields.calls, other.calls) == (3, 0)
        changed = form_html_key("t.html", ((1, "Café"), (2, "Cacao")))
        assert str(form_html(changed, other)) == '<input name="b">'
        assert other.calls == 1


def test_the_language_is_part_of_the_key(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        english = form_html_key("t.html")
    with app.test_request_context("/", headers={"Accept-Language": "es"}):
        spanish = form_html_key("t.html")
    assert (english[0], spanish[0]) == ("en", "es")


def test_a_full_store_starts_again_from_empty(app, monkeypatch):
    monkeypatch.setattr(module, "MAX_ENTRIES", 3)
    app.extensions.pop(EXTENSION, None)  # the app may have served forms before
    with app.test_request_context("/"):
        for n in range(3):
            form_html(("k", n), Caller(str(n)))
        assert len(app.extensions[EXTENSION]) == 3
        form_html(("k", 3), Caller("3"))
        assert list(app.extensions[EXTENSION]) == [("k", 3)]
