"""Language per user; the template filters that show labels, numbers and event times."""

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_decimal, format_percent, get_locale
from flask_login import current_user

from forum.core import labels
from forum.core.local_time import event_datetime, event_day, event_time, zone_label
from forum.extensions import babel


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and services called from scripts
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters.update(
        event_time=event_time,
        event_datetime=event_datetime,
        event_day=event_day,
        country_name=labels.country_name,
        language_name=labels.language_name,
        # {{ registration.status|label }}: any labelled enum, in the reader's language
        label=labels.label,
        number=format_decimal,
        percent=format_percent,  # 0.25 -> "25 %" in the reader's language
    )
    app.jinja_env.globals.update(
        zone_label=zone_label,
        get_locale=get_locale,
        SESSION_KIND_LABELS=labels.SESSION_KIND_LABELS,
        FORMAT_LABELS=labels.FORMAT_LABELS,
    )
