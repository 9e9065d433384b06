"""The HTML of a form's fields that is the same for every reader, rendered once per worker.

A form nobody has filled in yet (a GET) writes the same fields for every reader of the same
event in the same language: only the CSRF token and the fields the view fills in for the
reader (their name, their colleagues) differ. Writing those fields is most of the page's
cost (WTForms widgets and Bootstrap's render_field macro, ~250 country options...), so a
template wraps the shared fields in

    {% call form_html(fields_key) %}...{% endcall %}

and the view passes `fields_key`: None when the form may carry anything of the reader's (a
POST coming back with their values and errors, a profile being edited), else
`form_html_key(...)` of everything the wrapped fields depend on besides the language (the
template, the event, the choices the view gave the fields). A change of any of them is a new
key, so it shows at once, to everyone: nothing is invalidated, and nothing personal is kept.
Each worker keeps at most MAX_ENTRIES pieces (it starts again from empty when full).
"""

from collections.abc import Callable, Hashable

from flask import current_app, request
from flask_babel import get_locale
from markupsafe import Markup

EXTENSION = "foro.form_html"
MAX_ENTRIES = 256


def form_html_key(*parts: Hashable) -> tuple:
    """A key for form_html: the parts, with the language and the app's root path."""
    return (str(get_locale()), request.script_root, *parts)


def form_html(key: tuple | None, caller: Callable[[], str]) -> Markup:
    """What `caller()` (a Jinja call block) writes, kept for the next request with this key."""
    if key is None:
        return Markup(caller())
    kept: dict = current_app.extensions.setdefault(EXTENSION, {})
    html = kept.get(key)
    if html is None:
        if len(kept) >= MAX_ENTRIES:
            kept.clear()
        html = kept[key] = Markup(caller())
    return html
