"""Dates and times shown on an event's wall clock, in the current language (Babel CLDR).

Pages, mails and PDFs alike: under `flask_babel.force_locale` they follow the reader.

A time shown to a person names its zone, and when the reader lives in another zone their
own clock is shown beside it: `zoned_time` ("09:30–10:00 Rome time · 02:30–03:00 in Lima").
Whose clock that is comes from the caller: pages pass the viewer's zone (forum/web/i18n.py),
mails and PDFs the recipient's, set for the rendering with `reader_zone(...)`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.dates import format_skeleton, get_timezone_gmt, get_timezone_location, get_timezone_name
from babel.dates import format_time as babel_time
from flask_babel import get_locale
from flask_babel import gettext as _

# Files of the tz database that are no zone a person lives in.
_NOT_ZONES = {"Factory", "localtime", "posixrules", "posix", "right"}
# The regions a person picks their zone from (the rest are aliases such as US/Eastern).
ZONE_REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
ZONE_NAME_LENGTH = 64  # users.timezone

# The reader's zone for what is being rendered, set by mails and PDFs (the recipient's);
# _UNSET means "not set here": pages then use the viewer's.
_UNSET = object()
_reader_zone: ContextVar[object] = ContextVar("reader_zone", default=_UNSET)


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


@cache
def known_zones() -> frozenset[str]:
    return frozenset(z for z in available_timezones() if z.split("/")[0] not in _NOT_ZONES)


def zone_or_none(name: object) -> ZoneInfo | None:
    """The zone of an IANA name a browser or a form sent; None for anything else."""
    if not isinstance(name, str) or len(name) > ZONE_NAME_LENGTH or name not in known_zones():
        return None
    return ZoneInfo(name)


def zone_place(tz: ZoneInfo) -> str:
    """The zone as a place in the reader's language ('Roma', 'Lima'), or its offset from
    UTC for zones that are no place (UTC, Etc/GMT+5)."""
    if "/" in tz.key and not tz.key.startswith("Etc/"):
        return _city(tz.key, str(get_locale()))
    now = datetime.now(tz)
    if not now.utcoffset():
        return "UTC"
    return get_timezone_gmt(now, "long", locale=get_locale())


def zone_time_label(event) -> str:
    """The event's zone as said beside a time: 'Rome time', 'hora de Roma'."""
    return _("%(place)s time", place=zone_place(event.tz))


@cache
def _city(key: str, locale: str) -> str:
    # CLDR's lookup is a third of a zoned time's cost; a page names the same two places often.
    return get_timezone_location(ZoneInfo(key), locale=locale, return_city=True)


@contextmanager
def reader_zone(name: str | None) -> Iterator[None]:
    """Render for a reader of that zone (a mail's or a PDF's recipient); None: no other
    clock than the event's."""
    token = _reader_zone.set(zone_or_none(name))
    try:
        yield
    finally:
        _reader_zone.reset(token)


def forced_reader_zone() -> object:
    """The zone reader_zone() set (a ZoneInfo or None), or _UNSET outside of one."""
    return _reader_zone.get()


def is_set(zone: object) -> bool:
    return zone is not _UNSET


def _clock(start: datetime, end: datetime | None, tz: ZoneInfo) -> str:
    text = babel_time(start, "short", tzinfo=tz, locale=get_locale())
    if end is not None:
        text += "–" + babel_time(end, "short", tzinfo=tz, locale=get_locale())
    return text


def _short_day(instant: datetime, tz: ZoneInfo) -> str:
    return format_skeleton("MMMEd", instant.astimezone(tz), locale=get_locale())


def zoned_parts(
    start: datetime, event, end: datetime | None = None, viewer=None, day: bool = False
) -> tuple[str, str | None]:
    """('09:30–10:00 Rome time', '02:30–03:00 in Lima'): the event's clock with its zone
    named, and the viewer's when their zone differs (None when it does not). `day`: with
    the date ('4 Dec 2026, 23:33 ...'); the viewer's date is added whenever it is another
    day there."""
    event_tz = event.tz
    shown = _clock(start, end, event_tz)
    if day:
        shown = f"{event_day(start, event, fmt='medium')}, {shown}"
    ours = _("%(time)s %(place)s time", time=shown, place=zone_place(event_tz))
    return ours, viewer_clock(start, end, event_tz, viewer, day)


def viewer_clock(
    start: datetime, end: datetime | None, event_tz: ZoneInfo, viewer, day: bool = False
) -> str | None:
    """'02:30–03:00 in Lima', or None when there is no viewer's zone or it reads the same as
    the event's; with the viewer's date when asked (`day`) or when it is another day there."""
    if viewer is None or _same_clock(start, event_tz, viewer):
        return None
    local = _clock(start, end, viewer)
    if day or start.astimezone(viewer).date() != start.astimezone(event_tz).date():
        local = f"{_short_day(start, viewer)}, {local}"
    return _("%(time)s in %(place)s", time=local, place=zone_place(viewer))


def zoned_time(
    start: datetime, event, end: datetime | None = None, viewer=None, day: bool = False
) -> str:
    """One line for mails, PDFs and pages: '09:30–10:00 Rome time · 02:30–03:00 in Lima'."""
    ours, theirs = zoned_parts(start, event, end, viewer, day)
    return ours if theirs is None else f"{ours} · {theirs}"


def other_clock(event, viewer: ZoneInfo) -> bool:
    """The viewer's clock differs from the event's during the event (Madrid and Rome do not)."""
    noon = datetime.combine(event.start_date, time(12), tzinfo=event.tz)
    return not _same_clock(noon, event.tz, viewer)


def _same_clock(instant: datetime, a: ZoneInfo, b: ZoneInfo) -> bool:
    """Two zones read the same at that instant (Europe/Rome and Europe/Madrid): one time."""
    return a.key == b.key or instant.astimezone(a).utcoffset() == instant.astimezone(b).utcoffset()


def zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The zones a person picks from, by region, each named by its place and offset in the
    reader's language: [('America', [('America/Lima', 'Lima (GMT-5)'), ...]), ...]."""
    # Keyed by the day too: the offsets shown change with summer time.
    return _zone_choices(str(get_locale()), datetime.now(ZoneInfo("UTC")).date())


@cache
def _zone_choices(_locale: str, day: date) -> list[tuple[str, list[tuple[str, str]]]]:
    now = datetime.combine(day, time(12), ZoneInfo("UTC"))
    groups = []
    for region in ZONE_REGIONS:
        zones = []
        for key in sorted(z for z in known_zones() if z.startswith(region + "/")):
            tz = ZoneInfo(key)
            offset = get_timezone_gmt(now.astimezone(tz), "long", locale=get_locale())
            zones.append((key, f"{zone_place(tz)} ({offset}) · {key}"))
        groups.append((region, sorted(zones, key=lambda choice: choice[1].casefold())))
    return groups
