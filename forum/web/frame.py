"""The fixed parts of every page's frame (templates/base.html), built once per worker.

Every page is rendered inside base.html. Much of it is the same for every reader who reads
in the same language under the same address: the head's style sheets and icons, the account
menu's links, the scripts. Built with url_for() and _() at each request, the frame was the
largest part of a signed-in page's CPU after the database.

- ``frame_part(name)``: templates/frame/<name>.html rendered once per language and script
  root (the path the app is served under), kept in the worker as markup, and served to every
  reader: a part must hold nothing of the reader (it is rendered without the page's context:
  no current_user; it must not read request, session or g either). What is the reader's
  (their name, tokens, unread count, their event's links) stays in base.html.
- ``fixed_url(endpoint, **values)``: url_for(), kept per script root and arguments (the
  menu's links to an event's pages, built for every page of every reader).

Both depend only on the code (routes, templates, the catalogue of translations): a new
release starts new workers.
"""

from flask import Flask, current_app, request, url_for
from flask_babel import get_locale
from markupsafe import Markup

PARTS = "frame_parts"
URLS = "frame_urls"
MAX_URLS = 4096  # an event's links per slug: a worker clears them if slugs ever grow past


def frame_part(name: str) -> Markup:
    """The part's markup, for the reader's language under this script root."""
    parts = current_app.extensions[PARTS]
    key = (name, request.script_root, str(get_locale()))
    markup = parts.get(key)
    if markup is None:
        template = current_app.jinja_env.get_template(f"frame/{name}.html")
        markup = parts[key] = Markup(template.render())
    return markup


def fixed_url(endpoint: str, **values) -> str:
    """url_for(endpoint, **values) for a page of the app, built once per worker."""
    urls = current_app.extensions[URLS]
    key = (request.script_root, endpoint, *sorted(values.items()))
    url = urls.get(key)
    if url is None:
        if len(urls) >= MAX_URLS:
            urls.clear()
        url = urls[key] = url_for(endpoint, **values)
    return url


def init_app(app: Flask) -> None:
    app.extensions[PARTS] = {}
    app.extensions[URLS] = {}
    app.jinja_env.globals.update(frame_part=frame_part, fixed_url=fixed_url)
