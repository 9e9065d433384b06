"""Language per user, and dates/times shown in an event's time zone for the locale."""

from datetime import date, datetime

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.dates import format_time as babel_time
from babel.dates import get_timezone_name
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_decimal, get_locale
from flask_login import current_user

from forum.core import labels
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


def event_time(instant: datetime, event, fmt: str = "short") -> str:
    """A time of day on the event's wall clock, e.g. 09:30."""
    return babel_time(instant, fmt, tzinfo=event.tz, locale=get_locale())


def event_datetime(instant: datetime, event, fmt: str = "medium") -> str:
    return babel_datetime(instant, fmt, tzinfo=event.tz, locale=get_locale())


def event_day(value: date | datetime, event=None, fmt: str = "full") -> str:
    """A calendar day in words for the locale; instants are read on the event's clock."""
    if isinstance(value, datetime):
        value = value.astimezone(event.tz).date()
    return babel_date(value, fmt, locale=get_locale())


def zone_label(event) -> str:
    """The zone as people say it, with its IANA name: 'hora de Perú (America/Lima)'."""
    name = get_timezone_name(event.tz, locale=get_locale())
    return f"{name} ({event.timezone})"


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
    )
    app.jinja_env.globals.update(
        zone_label=zone_label,
        get_locale=get_locale,
        SESSION_KIND_LABELS=labels.SESSION_KIND_LABELS,
        FORMAT_LABELS=labels.FORMAT_LABELS,
    )
