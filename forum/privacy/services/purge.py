"""Purging a past event: every delegate's personal data, once the event is long over.

`forum purge-personal-data <slug> --older-than 12m` erases each registration of an event
that ended more than the period ago. A person with no other live registration is erased
entirely (erasure.erase_person); one who also takes part in another event keeps the
account and loses this registration's personal fields. Team members and admins are left
out (they are counted apart): their roles go first.
"""

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from forum.audit.services import record
from forum.core.errors import DomainError
from forum.events.models import Event
from forum.privacy.services import erasure

_PERIOD = re.compile(r"^\s*(\d{1,4})\s*([dmy])\s*$", re.IGNORECASE)


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def cutoff(period: str, today: date) -> date:
    """The day an event must have ended before: "90d", "12m", "18m", "2y" before today."""
    match = _PERIOD.match(period or "")
    if not match or int(match.group(1)) == 0:
        raise DomainError(
            _(
                'The period "%(period)s" is not understood: write a number followed by d '
                "(days), m (months) or y (years), such as 90d, 12m or 2y.",
                period=period,
            )
        )
    number, unit = int(match.group(1)), match.group(2).lower()
    if unit == "d":
        return date.fromordinal(today.toordinal() - number)
    return months_before(today, number * (12 if unit == "y" else 1))


@dataclass
class PurgePlan:
    """What a purge erases (or would, on a dry run)."""

    people: int = 0  # accounts erased entirely
    registrations: int = 0
    photos: int = 0
    skipped: list[str] = field(default_factory=list)  # team members and admins, by email


def _plan(event: Event):
    plan, whole, partial = PurgePlan(), [], []
    for registration in sorted(event.registrations, key=lambda r: r.id):
        user = registration.user
        if registration.erased_at is not None or user.erased_at is not None:
            continue
        if erasure.refusal(user):
            plan.skipped.append(user.email)
            continue
        plan.registrations += 1
        plan.photos += bool(registration.photo_file)
        others = [r for r in user.registrations if r.id != registration.id and r.erased_at is None]
        (partial if others else whole).append(registration)
    plan.people = len(whole)
    return plan, whole, partial


def purge_event(event: Event, period: str, today: date, dry_run: bool = False) -> PurgePlan:
    """Erase (or count, when dry_run) the personal data of a past event's delegates."""
    limit = cutoff(period, today)
    if event.end_date >= limit:
        raise DomainError(
            _(
                "%(event)s ended on %(end)s: only events that ended before %(limit)s can be "
                "purged with this period.",
                event=event.name,
                end=event.end_date.isoformat(),
                limit=limit.isoformat(),
            )
        )
    plan, whole, partial = _plan(event)
    if dry_run:
        return plan
    for registration in whole:
        erasure.erase_person(registration.user, by=None, audit=False)
    for registration in partial:
        erasure.erase_registration(registration)
    record(
        event,
        "event.purged",
        event.name,
        after={
            "people": plan.people,
            "registrations": plan.registrations,
            "photos": plan.photos,
            "older_than": period,
        },
    )
    return plan
