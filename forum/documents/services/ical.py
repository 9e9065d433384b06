"""iCalendar (RFC 5545): one VEVENT per agenda entry, one VCALENDAR per list of entries.

Pure functions over plain values (no database, no request), built on the icalendar library
with three corrections where it would be wrong:

- TEXT is escaped by RFC 5545 §3.3.11 alone: icalendar turns a literal backslash followed
  by "N" into a line break, so such text would not come back as it was written.
- A wall time that happens twice (the night clocks go back) means its first occurrence in
  RFC 5545 §3.3.5, so the second one is written in UTC; every other time carries the TZID.
- VTIMEZONE onsets are local times at the offset before the change (§3.6.5): icalendar
  writes a spring-forward onset one hour late, which is put right from the zone database.

DTSTAMP is the entry's last change, not the time of the download, so the same data gives
the same bytes: feeds can be cached and compared (ETag) and calendar apps see no change.
"""

import copy
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import ClassVar
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Event,
    Timezone,
    vCategory,
    vDDDTypes,
    vDuration,
    vText,
    vUri,
)

PRODID = "-//Foro//Foro//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"

_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# C0 and C1 control characters except the line feed, and lone surrogates (not UTF-8).
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_ALL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


class EntryStatus(enum.StrEnum):
    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True)
class AgendaEntry:
    """One thing in a calendar: a session, a meeting or a pitch, with plain values."""

    uid: str
    title: str
    start: datetime  # aware; stored in UTC
    end: datetime
    tzid: str  # the event's IANA zone: DTSTART and DTEND are written on its wall clock
    changed_at: datetime  # the last change, written as DTSTAMP
    location: str = ""
    url: str = ""
    description: str = ""
    sequence: int = 0
    status: EntryStatus = EntryStatus.CONFIRMED
    categories: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        # In UTC, equal entries are equal instants: two wall times that differ only by fold
        # compare (and hash) equal in their own zone.
        for name in ("start", "end", "changed_at"):
            object.__setattr__(self, name, getattr(self, name).astimezone(UTC))


def sanitise_text(value: str) -> str:
    """Text without control characters: line breaks become \\n, tabs spaces, the rest goes."""
    text = _LINE_BREAKS.sub("\n", value).replace("\t", " ")
    return _CONTROLS.sub("", text)


def one_line(value: str) -> str:
    """A value that must stay on one content line (URIs, UIDs): no controls or line breaks."""
    return _ALL_CONTROLS.sub("", value)


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and line feed."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


class _Text(vText):
    """A TEXT value escaped by the RFC alone, so that any text comes back identical."""

    __slots__ = ()

    def to_ical(self) -> bytes:
        return escape_text(str(self)).encode(self.encoding)


class _Categories(vCategory):
    """CATEGORIES whose items are escaped like _Text (vCategory re-escapes them its own way)."""

    def to_ical(self) -> bytes:
        return b",".join(escape_text(str(c)).encode() for c in self.cats)


def _text(value: str) -> _Text:
    return _Text(sanitise_text(value))


def _needs_utc(instant: datetime, tz: ZoneInfo) -> bool:
    """True for the second of two equal wall times: a TZID time means the first one."""
    local = instant.astimezone(tz)
    return local.replace(fold=0).astimezone(UTC) != instant.astimezone(UTC)


def _times(entry: AgendaEntry) -> tuple[datetime, datetime]:
    """DTSTART and DTEND on the event's wall clock, or both in UTC when that is ambiguous."""
    tz = ZoneInfo(entry.tzid)
    if _needs_utc(entry.start, tz) or _needs_utc(entry.end, tz):
        return entry.start.astimezone(UTC), entry.end.astimezone(UTC)
    return entry.start.astimezone(tz), entry.end.astimezone(tz)


def build_vevent(entry: AgendaEntry) -> Event:
    """The VEVENT of one entry."""
    event = Event()
    start, end = _times(entry)
    event["UID"] = vText(one_line(entry.uid))
    event["DTSTAMP"] = vDDDTypes(entry.changed_at.astimezone(UTC))
    event["DTSTART"] = vDDDTypes(start)
    event["DTEND"] = vDDDTypes(end)
    event["SEQUENCE"] = max(entry.sequence, 0)
    event["STATUS"] = vText(entry.status.value)
    event["SUMMARY"] = _text(entry.title)
    if entry.location:
        event["LOCATION"] = _text(entry.location)
    if entry.description:
        event["DESCRIPTION"] = _text(entry.description)
    if entry.url:
        event["URL"] = vUri(one_line(entry.url))
    categories = [c for c in map(sanitise_text, entry.categories) if c]
    if categories:
        event["CATEGORIES"] = _Categories(categories)
    return event


def _onset_fix(onset: datetime, offset_from: timedelta, offset_to: timedelta, tz) -> datetime:
    """The onset whose time at offset_from is the zone's real change (RFC 5545 §3.6.5)."""
    for local in (onset, onset - (offset_to - offset_from)):
        change = (local - offset_from).replace(tzinfo=UTC)
        before = (change - timedelta(seconds=1)).astimezone(tz).utcoffset()
        if before == offset_from and change.astimezone(tz).utcoffset() == offset_to:
            return local
    return onset


def exact_onsets(timezone: Timezone) -> Timezone:
    """Put right the onsets of a generated VTIMEZONE from the zone database (idempotent)."""
    tz = ZoneInfo(str(timezone["TZID"]))
    for observance in timezone.subcomponents:
        offset_from = observance["TZOFFSETFROM"].td
        offset_to = observance["TZOFFSETTO"].td
        if offset_from == offset_to:
            continue  # the observance in force on the first day, not a change
        start = observance["DTSTART"].dt
        observance["DTSTART"] = vDDDTypes(_onset_fix(start, offset_from, offset_to, tz))
        rdates = observance.get("RDATE")
        for rdate in rdates if isinstance(rdates, list) else [rdates] if rdates else []:
            for value in rdate.dts:
                value.dt = _onset_fix(value.dt, offset_from, offset_to, tz)
    return timezone


@lru_cache(maxsize=64)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for whole years; generating one takes milliseconds, so it is cached."""
    timezone = Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )
    return exact_onsets(timezone)


def _years(entries: Sequence[AgendaEntry], days: Iterable[date]) -> tuple[int, int]:
    years = [d.year for d in days]
    years += [instant.year for e in entries for instant in (e.start, e.end)]
    return min(years), max(years)


def _zones(entries: Sequence[AgendaEntry], tzid: str) -> list[str]:
    return sorted({tzid} | {e.tzid for e in entries})


def _head(name: str, tzid: str, refresh: timedelta | None) -> Calendar:
    """The calendar's own properties, without components."""
    calendar = Calendar()
    calendar["VERSION"] = "2.0"
    calendar["PRODID"] = vText(PRODID)
    calendar["CALSCALE"] = "GREGORIAN"
    calendar["METHOD"] = "PUBLISH"
    calendar["X-WR-CALNAME"] = _text(name)
    calendar["X-WR-TIMEZONE"] = vText(one_line(tzid))
    if refresh is not None:
        calendar["REFRESH-INTERVAL"] = vDuration(refresh, params={"VALUE": "DURATION"})
        calendar["X-PUBLISHED-TTL"] = vDuration(refresh)
    return calendar


def build_calendar(
    entries: Sequence[AgendaEntry],
    name: str,
    tzid: str,
    days: tuple[date, date],
    refresh: timedelta | None = None,
) -> Calendar:
    """A VCALENDAR of the entries, with a VTIMEZONE for every TZID used and for `tzid`.

    `days` (the event's first and last day) bound the time zone rules written, with the
    entries; `refresh` tells subscribing apps how often to poll.
    """
    calendar = _head(name, tzid, refresh)
    first_year, last_year = _years(entries, days)
    for zone in _zones(entries, tzid):
        # A copy, so that nothing done to this calendar reaches the cached component.
        calendar.add_component(copy.deepcopy(_vtimezone(zone, first_year, last_year)))
    for entry in entries:
        calendar.add_component(build_vevent(entry))
    # The safety net: a TZID that has no VTIMEZONE yet gets one here.
    calendar.add_missing_timezones(date(first_year, 1, 1), date(last_year + 1, 1, 1))
    for timezone in calendar.timezones:
        exact_onsets(timezone)
    return calendar


def fold(line: str) -> bytes:
    """One content line folded at 75 octets, never inside a character or after a backslash."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return raw
    parts, start, limit = [], 0, 75
    while len(raw) - start > limit:
        end = start + limit
        while raw[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            end -= 1
        backslashes = len(raw[start:end]) - len(raw[start:end].rstrip(b"\\"))
        if backslashes % 2 and end - 1 > start:  # keep a TEXT escape (\\, \n...) on one line
            end -= 1
        parts.append(raw[start:end])
        start, limit = end, 74  # a continuation line starts with a space
    parts.append(raw[start:])
    return b"\r\n ".join(parts)


def _lines(component) -> tuple[str, ...]:
    return tuple(line for line in component.content_lines() if line)


@lru_cache(maxsize=4096)
def _vevent_lines(entry: AgendaEntry) -> tuple[str, ...]:
    """The unfolded lines of an entry's VEVENT; entries are values, so this is a plain cache."""
    return _lines(build_vevent(entry))


@lru_cache(maxsize=64)
def _vtimezone_lines(tzid: str, first_year: int, last_year: int) -> tuple[str, ...]:
    return _lines(_vtimezone(tzid, first_year, last_year))


def render_calendar(
    entries: Sequence[AgendaEntry],
    name: str,
    tzid: str,
    days: tuple[date, date],
    refresh: timedelta | None = None,
) -> bytes:
    """The calendar as bytes: UTF-8, CRLF line ends, lines folded at 75 octets.

    The same content lines as build_calendar(...).to_ical(), made faster for feeds that are
    polled all day: each VEVENT and VTIMEZONE is serialised once and folded in one pass.
    """
    *head, end = _lines(_head(name, tzid, refresh))
    first_year, last_year = _years(entries, days)
    lines = list(head)
    for zone in _zones(entries, tzid):
        lines += _vtimezone_lines(zone, first_year, last_year)
    for entry in entries:
        lines += _vevent_lines(entry)
    lines.append(end)
    return b"".join(fold(line) + b"\r\n" for line in lines)


class CalendarExporter:
    """The iCal export, in the shape of forum.core.exports (identifier, type, render)."""

    identifier: ClassVar[str] = "ics"
    extension: ClassVar[str] = "ics"
    content_type: ClassVar[str] = CONTENT_TYPE

    def __init__(
        self,
        entries: Sequence[AgendaEntry],
        name: str,
        tzid: str,
        days: tuple[date, date],
        refresh: timedelta | None = None,
    ) -> None:
        self.entries, self.name, self.tzid, self.days = entries, name, tzid, days
        self.refresh = refresh

    def render(self) -> bytes:
        return render_calendar(self.entries, self.name, self.tzid, self.days, self.refresh)
