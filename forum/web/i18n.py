"""Language per user; the template filters that show labels, numbers and event times."""

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_decimal, get_locale
from flask_login import current_user

from forum.core import labels, names
from forum.core.bilingual import by_label
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
        # country, language and currency names from CLDR, in the reader's language
        country_name=names.country_name,
        language_name=names.language_name,
        language_names=names.language_names,
        language_endonym=names.language_endonym,
        currency_name=names.currency_name,
        whole_money=names.whole_money,
        # {{ registration.status|label }}: any labelled enum, in the reader's language
        label=labels.label,
        number=format_decimal,
    )
    app.jinja_env.filters["by_label"] = by_label  # {% for t in event.tags|by_label %}
    app.jinja_env.globals.update(
        zone_label=zone_label,
        get_locale=get_locale,
        SESSION_KIND_LABELS=labels.SESSION_KIND_LABELS,
        FORMAT_LABELS=labels.FORMAT_LABELS,
    )
