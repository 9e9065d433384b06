"""When an event's registration form is open, and why not: the one rule used by the
registration service, the register page and the event page's button.

Open while the event is published, after `registration_opens_at` (when set), before
`registration_closes_at` (when set) and before the end of the event's last day on its own
wall clock: a forum that has ended takes no registrations even when the organizers never
set a closing date. The desk (organizers adding or importing delegates) is not bound by it.
"""

import enum
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.core.local_time import event_datetime, event_day
from forum.core.types import utcnow


class Window(enum.StrEnum):
    OPEN = "open"
    NOT_YET = "not_yet"  # before registration_opens_at
    CLOSED = "closed"  # unpublished, or after registration_closes_at
    ENDED = "ended"  # after the event's last day


@dataclass(frozen=True)
class RegistrationState:
    window: Window
    when: datetime | None = None  # the instant that decides it (opens, closes, ends)

    @property
    def is_open(self) -> bool:
        return self.window == Window.OPEN


def event_ends_at(event) -> datetime:
    """Midnight after the event's last day, on the event's clock."""
    return datetime.combine(event.end_date + timedelta(days=1), time(0), tzinfo=event.tz)


def registration_state(event, now: datetime | None = None) -> RegistrationState:
    """`now` defaults to the clock read here (the one place tests set a date on)."""
    from forum.events.models import EventStatus  # the model calls this module

    now = now or utcnow()
    if event.status != EventStatus.PUBLISHED:
        return RegistrationState(Window.CLOSED)
    ends = event_ends_at(event)
    if now >= ends:
        return RegistrationState(Window.ENDED, ends)
    closes = event.registration_closes_at
    if closes is not None and now >= closes:
        return RegistrationState(Window.CLOSED, closes)
    opens = event.registration_opens_at
    if opens is not None and now < opens:
        return RegistrationState(Window.NOT_YET, opens)
    return RegistrationState(Window.OPEN)


def closed_message(event, state: RegistrationState) -> str:
    """Why the form is not open, in the reader's language, on the event's clock."""
    if state.window == Window.ENDED:
        return _(
            "This forum ended on %(day)s: registration is closed.",
            day=event_day(event.end_date, event),
        )
    if state.window == Window.NOT_YET:
        return _("Registration opens on %(when)s.", when=event_datetime(state.when, event))
    if state.when is not None:
        return _("Registration closed on %(when)s.", when=event_datetime(state.when, event))
    return _("Registration for this event is closed.")


def check_open(event, now: datetime | None = None) -> None:
    """DomainError, with the reason in the reader's language, unless registration is open."""
    state = registration_state(event, now)
    if not state.is_open:
        raise DomainError(closed_message(event, state))
