"""Time ranges and local wall-clock times in an event's zone.

One value type serves programme clashes, availability and meeting slots alike; the
local-time helpers refuse wall times that do not exist (spring forward) and ask which
one is meant when a time happens twice (fall back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True, order=True)
class TimeRange:
    """A half-open interval [start, end) of aware datetimes."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a time range cannot end before it starts")

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def overlaps(self, other: TimeRange) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: TimeRange) -> bool:
        return self.start <= other.start and other.end <= self.end

    def intersection(self, other: TimeRange) -> TimeRange | None:
        start, end = max(self.start, other.start), min(self.end, other.end)
        return TimeRange(start, end) if start < end else None

    def union(self, other: TimeRange) -> TimeRange:
        """The smallest range covering both (they should overlap or touch)."""
        return TimeRange(min(self.start, other.start), max(self.end, other.end))


class LocalTimeError(ValueError):
    """A wall-clock time that cannot be turned into one instant."""


class NonExistentTimeError(LocalTimeError):
    pass


class AmbiguousTimeError(LocalTimeError):
    pass


def to_utc(day: date, wall: time, zone: str | ZoneInfo, fold: int | None = None) -> datetime:
    """The UTC instant of a local wall time; fold picks the first (0) or second (1) of two."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    naive = datetime.combine(day, wall.replace(tzinfo=None, fold=0))
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise NonExistentTimeError(naive)
    if first.utcoffset() != second.utcoffset():
        if fold is None:
            raise AmbiguousTimeError(naive)
        return (second if fold else first).astimezone(UTC)
    return first.astimezone(UTC)


def to_local(instant: datetime, zone: str | ZoneInfo) -> datetime:
    """The same instant on the wall clock of a zone."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    return instant.astimezone(tz)


def day_range(day: date, zone: str | ZoneInfo) -> TimeRange:
    """From local midnight to the next local midnight (23 or 25 hours on DST days)."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return TimeRange(start.astimezone(UTC), end.astimezone(UTC))
