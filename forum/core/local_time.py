"""Dates and times shown on an event's wall clock, in the current language (Babel CLDR).

Pages, mails and PDFs alike: under `flask_babel.force_locale` they follow the reader.
"""

from datetime import date, datetime

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.dates import format_time as babel_time
from babel.dates import get_timezone_name
from flask_babel import get_locale


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
