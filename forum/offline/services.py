"""What makes Foro installable: the web app manifest's fields.

The service worker itself is a static file (forum/static/js/service-worker.js); what it may
keep for offline reading is decided there, in one list of page patterns.
"""

from flask_babel import gettext as _

THEME_COLOR = "#0b4f6c"  # the navbar's colour in forum.css (.bg-primary-subtle-dark)
BACKGROUND_COLOR = "#ffffff"
ICONS = (
    ("icons/foro-192.png", "192x192", "image/png", "any"),
    ("icons/foro-512.png", "512x512", "image/png", "any"),
    ("icons/foro-maskable-512.png", "512x512", "image/png", "maskable"),
    ("icons/foro.svg", "any", "image/svg+xml", "any"),
)


def manifest(static_url, start_url: str, language: str) -> dict:
    """The manifest in the reader's language; `static_url(filename)` gives an icon's URL."""
    return {
        "name": "Foro",
        "short_name": "Foro",
        "description": _("Investment and cooperation fora"),
        "lang": language,
        "start_url": start_url,
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static_url(path), "sizes": sizes, "type": kind, "purpose": purpose}
            for path, sizes, kind, purpose in ICONS
        ],
    }
