"""The days and half-days a meeting request may prefer: only those with meeting slots.

The scheduler treats a preference as a hard rule (schedule_instance._allowed), so a
preference no slot matches can never be kept: the form offers only the ones that exist,
and `check_preference` refuses any other (a forged form, or slots removed meanwhile).
Before the organizers have made any slot, every day and half-day of the event is offered.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.core.timerange import to_local
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import HalfDay, MeetingSlot
from forum.meetings.services.schedule_instance import AFTERNOON_FROM

HALVES = (HalfDay.MORNING, HalfDay.AFTERNOON)


@dataclass(frozen=True)
class Preference:
    """A preferred day and half-day, either or both open; `key` is its form value."""

    day: date | None = None
    half: HalfDay | None = None

    @property
    def key(self) -> str:
        day = self.day.isoformat() if self.day else ""
        return f"{day}/{self.half.value}" if self.half else day

    @classmethod
    def from_key(cls, key: str | None) -> "Preference | None":
        """The preference a form value names; None when it names none."""
        day_text, _slash, half_text = (key or "").partition("/")
        try:
            day = date.fromisoformat(day_text) if day_text else None
            half = HalfDay(half_text) if half_text else None
        except ValueError:
            return None
        return cls(day, half)


def slot_times(event: Event) -> dict[date, set[HalfDay]]:
    """Each local day of the event with meeting slots, and its half-days that have some."""
    found: dict[date, set[HalfDay]] = {}
    # the distinct start times alone (many slots share one): no ORM object per slot
    starts = db.session.scalars(
        sa.select(MeetingSlot.starts_at).where(MeetingSlot.event_id == event.id).distinct()
    )
    tz = event.tz
    for starts_at in starts:
        local = to_local(starts_at, tz)  # schedule_instance.is_afternoon's rule
        half = HalfDay.AFTERNOON if local.time() >= AFTERNOON_FROM else HalfDay.MORNING
        found.setdefault(local.date(), set()).add(half)
    return found


def _event_days(event: Event) -> dict[date, set[HalfDay]]:
    count = (event.end_date - event.start_date).days + 1
    return {event.start_date + timedelta(days=n): set(HALVES) for n in range(count)}


def offered(event: Event) -> list[Preference]:
    """The preferences a request may give, in the order the form lists them: any time, any
    morning or afternoon, then each day and its half-days."""
    times = slot_times(event) or _event_days(event)
    halves = set().union(*times.values()) if times else set()
    choices = [Preference()] + [Preference(None, h) for h in HALVES if h in halves]
    for day in sorted(times):
        choices.append(Preference(day))
        choices += [Preference(day, h) for h in HALVES if h in times[day]]
    return choices


def check_preference(
    event: Event,
    day: date | None,
    half: HalfDay | None,
    choices: list[Preference] | None = None,
) -> None:
    """Refuse a preference no meeting slot of the event matches (`choices`: offered(event),
    when the caller has just read it)."""
    if Preference(day, half) not in (offered(event) if choices is None else choices):
        raise DomainError(
            _("There are no meeting slots at that time: choose one of the times offered."),
            "preferred_time",
        )
