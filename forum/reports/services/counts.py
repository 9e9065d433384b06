"""The shapes every figure takes: a labelled count that knows which list it counts."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Count:
    """How many in one group. `key` is the group's code as the list's filter takes it (a status,
    a participant type id, a country code...; "" for "not given"), `label` its words in the
    language of the request."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class DayCount:
    """Registrations made on one day (in the event's time zone): all, and those now approved."""

    day: date
    registered: int
    approved: int


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None
