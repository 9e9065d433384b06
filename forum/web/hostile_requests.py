"""Requests whose address carries a NUL byte are refused before any view runs.

PostgreSQL refuses NUL in text (a DataError, so a 500), and no address of ours ever holds
one: a slug, an id or a search word with %00 in it is a probe or a broken link. Forms are
not concerned: their fields lose control characters as they are read (forum/core/form.py).
"""

from flask import Flask, abort, request
from flask_babel import gettext as _


def _has_nul() -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True))


def refuse_nul() -> None:
    if _has_nul():
        abort(400, _("This address contains a character that is not allowed (a NUL byte)."))


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul)
