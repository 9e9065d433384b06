"""A small strict RFC 5545 reader for tests, independent of the icalendar library.

It refuses what the RFC refuses (bare line breaks, lines over 75 octets, control
characters, unknown escapes, unbalanced BEGIN/END, floating times) and resolves TZID
times with the calendar's own VTIMEZONE, never with the zone database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

NAME = re.compile(r"[A-Za-z0-9-]+")
CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
DATE_TIME = re.compile(r"(\d{8}T\d{6})(Z?)")
OFFSET = re.compile(r"([+-])(\d{2})(\d{2})(\d{2})?")
TEXT_ESCAPES = {"\\": "\\", ";": ";", ",": ",", "n": "\n", "N": "\n"}


class ICalError(ValueError):
    """The input breaks a rule of RFC 5545."""


@dataclass
class Property:
    name: str
    params: dict[str, list[str]]
    value: str  # raw, still escaped


@dataclass
class Component:
    name: str
    properties: list[Property] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name.upper()]

    def one(self, name: str) -> Property:
        found = self.all(name)
        if len(found) != 1:
            raise ICalError(f"{self.name} has {len(found)} {name}, expected one")
        return found[0]

    def text(self, name: str) -> str:
        return unescape_text(self.one(name).value)

    def walk(self, name: str) -> list[Component]:
        found = [self] if self.name == name else []
        for child in self.children:
            found += child.walk(name)
        return found


def content_lines(data: bytes) -> list[str]:
    """Physical lines checked (CRLF, ≤ 75 octets, no controls) and unfolded."""
    text = data.decode("utf-8")  # strict: invalid UTF-8 raises
    if not text.endswith("\r\n"):
        raise ICalError("the last line must end with CRLF")
    lines: list[str] = []
    for physical in text[:-2].split("\r\n"):
        if "\r" in physical or "\n" in physical:
            raise ICalError(f"bare line break in {physical!r}")
        if len(physical.encode("utf-8")) > 75:
            raise ICalError(f"line longer than 75 octets: {physical!r}")
        if CONTROLS.search(physical):
            raise ICalError(f"control character in {physical!r}")
        if physical[:1] in (" ", "\t"):
            if not lines:
                raise ICalError("continuation before any line")
            lines[-1] += physical[1:]
        else:
            lines.append(physical)
    return lines


def _param_values(raw: str) -> list[str]:
    """A parameter's comma-separated values, quotes removed."""
    values, current, quoted = [], "", False
    for char in raw:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            values.append(current)
            current = ""
        else:
            current += char
    if quoted:
        raise ICalError(f"unclosed quote in {raw!r}")
    return [*values, current]


def split_line(line: str) -> Property:
    """name *(";" param) ":" value, with quoted parameter values."""
    match = NAME.match(line)
    if not match:
        raise ICalError(f"no property name in {line!r}")
    name, pos, params = match.group().upper(), match.end(), {}
    while line.startswith(";", pos):
        param = NAME.match(line, pos + 1)
        if not param or not line.startswith("=", param.end()):
            raise ICalError(f"bad parameter in {line!r}")
        start = end = param.end() + 1
        quoted = False
        while end < len(line) and (quoted or line[end] not in ";:"):
            quoted = quoted != (line[end] == '"')
            end += 1
        params[param.group().upper()] = _param_values(line[start:end])
        pos = end
    if not line.startswith(":", pos):
        raise ICalError(f"no value in {line!r}")
    return Property(name, params, line[pos + 1 :])


def unescape_text(value: str, separator: str = "") -> str:
    """A TEXT value; an unescaped comma or semicolon is an error unless it is `separator`."""
    out, pos = [], 0
    while pos < len(value):
        char = value[pos]
        if char == "\\":
            escaped = value[pos + 1 : pos + 2]
            if escaped not in TEXT_ESCAPES:
                raise ICalError(f"bad escape in {value!r}")
            out.append(TEXT_ESCAPES[escaped])
            pos += 2
            continue
        if char in ",;" and char != separator:
            raise ICalError(f"unescaped {char!r} in {value!r}")
        out.append(char)
        pos += 1
    return "".join(out)


def text_list(value: str) -> list[str]:
    """A comma-separated list of TEXT values (CATEGORIES)."""
    parts = re.split(r"(?<!\\)((?:\\\\)*),", value)
    items, current = [], ""
    for index, part in enumerate(parts):
        if index % 2:  # an even run of backslashes that came before the comma
            current += part
            items.append(current)
            current = ""
        else:
            current += part
    items.append(current)
    return [unescape_text(item) for item in items]


def parse(data: bytes) -> Component:
    """The VCALENDAR of an iCalendar stream."""
    stack: list[Component] = []
    root: Component | None = None
    for line in content_lines(data):
        prop = split_line(line)
        if prop.name == "BEGIN":
            component = Component(prop.value.upper())
            if stack:
                stack[-1].children.append(component)
            elif root is not None:
                raise ICalError("more than one top-level component")
            else:
                root = component
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value.upper():
                raise ICalError(f"END:{prop.value} does not close the open component")
            stack.pop()
        elif not stack:
            raise ICalError(f"property outside a component: {line!r}")
        else:
            stack[-1].properties.append(prop)
    if stack or root is None or root.name != "VCALENDAR":
        raise ICalError("not one complete VCALENDAR")
    return root


def _local(value: str) -> datetime:
    match = DATE_TIME.fullmatch(value)
    if not match or match.group(2):
        raise ICalError(f"not a local DATE-TIME: {value!r}")
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S")


def utc_offset(value: str) -> timedelta:
    match = OFFSET.fullmatch(value)
    if not match:
        raise ICalError(f"bad UTC offset {value!r}")
    sign, hours, minutes, seconds = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
    return -delta if sign == "-" else delta


def transitions(vtimezone: Component) -> list[tuple[datetime, timedelta, timedelta]]:
    """(UTC instant, offset before, offset after) of every onset, in order (RDATE only)."""
    found = []
    for observance in vtimezone.children:
        if observance.name not in ("STANDARD", "DAYLIGHT"):
            raise ICalError(f"unexpected {observance.name} in VTIMEZONE")
        if observance.all("RRULE"):
            raise ICalError("this reader handles RDATE onsets only")
        before = utc_offset(observance.one("TZOFFSETFROM").value)
        after = utc_offset(observance.one("TZOFFSETTO").value)
        onsets = [_local(observance.one("DTSTART").value)]
        for rdate in observance.all("RDATE"):
            onsets += [_local(v) for v in rdate.value.split(",")]
        # RFC 5545 §3.6.5: an onset is a local time at the offset in use before it.
        found += [((o - before).replace(tzinfo=UTC), before, after) for o in onsets]
    return sorted(found)


def resolve(local: datetime, vtimezone: Component) -> datetime:
    """The UTC instant of a wall time in this VTIMEZONE; the first of two (§3.3.5)."""
    changes = transitions(vtimezone)

    def offset_at(instant: datetime) -> timedelta:
        in_force = [after for when, _before, after in changes if when <= instant]
        if not in_force:
            raise ICalError(f"{instant} is before the VTIMEZONE's first onset")
        return in_force[-1]

    offsets = {after for _when, _before, after in changes}
    candidates = sorted(
        (local - offset).replace(tzinfo=UTC)
        for offset in offsets
        if offset_at((local - offset).replace(tzinfo=UTC)) == offset
    )
    if not candidates:
        raise ICalError(f"{local} does not exist in {vtimezone.text('TZID')}")
    return candidates[0]


def instant(prop: Property, calendar: Component) -> datetime:
    """A DATE-TIME property as an aware UTC datetime: UTC, or TZID with its VTIMEZONE."""
    match = DATE_TIME.fullmatch(prop.value)
    if not match:
        raise ICalError(f"not a DATE-TIME: {prop.value!r}")
    if match.group(2):
        if "TZID" in prop.params:
            raise ICalError("a UTC time cannot carry a TZID")
        return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    if "TZID" not in prop.params:
        raise ICalError(f"floating time in {prop.name}")
    (tzid,) = prop.params["TZID"]
    zones = [z for z in calendar.walk("VTIMEZONE") if z.text("TZID") == tzid]
    if len(zones) != 1:
        raise ICalError(f"{len(zones)} VTIMEZONE for TZID {tzid}")
    return resolve(_local(prop.value), zones[0])
