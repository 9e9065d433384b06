"""What happened in a meeting, as each side records it afterwards, and the event's totals."""

import re
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import Attendance, Meeting, MeetingOutcome, MeetingStatus, OutcomeKind
from forum.registration.models import Registration

CURRENCY = re.compile(r"^[A-Z]{3}$")  # ISO 4217 alphabetic code


def find_outcome(meeting: Meeting, registration: Registration) -> MeetingOutcome | None:
    return db.session.scalar(
        sa.select(MeetingOutcome).filter_by(meeting_id=meeting.id, registration_id=registration.id)
    )


def outcome_problem(meeting: Meeting, registration: Registration, now: datetime) -> str | None:
    """Why this delegate cannot record an outcome of this meeting now, or None."""
    if registration.id not in {p.registration_id for p in meeting.participants}:
        return _("Only the participants of a meeting can record what happened.")
    if meeting.status == MeetingStatus.CANCELLED:
        return _("This meeting is cancelled.")
    if meeting.slot is None:
        return _("This meeting has no time yet.")
    if now < meeting.slot.starts_at:
        return _("You can record what happened once the meeting has started.")
    return None


def _checked(
    attendance: Attendance | str, outcome: OutcomeKind | str, amount: int | None, currency: str
) -> tuple[Attendance, OutcomeKind, int | None]:
    errors: dict[str, list[str]] = {}
    try:
        attendance, outcome = Attendance(attendance), OutcomeKind(outcome)
    except ValueError:
        raise DomainError(_("Choose what happened and the outcome.")) from None
    if attendance != Attendance.HELD and outcome != OutcomeKind.NONE:
        errors["outcome"] = [_("A meeting that was not held has no outcome.")]
    if outcome != OutcomeKind.INVESTMENT_DISCUSSION:
        amount = None
    elif amount is not None and amount < 0:
        errors["amount"] = [_("The amount cannot be negative.")]
    if not CURRENCY.match(currency):
        errors["currency"] = [_("Give the currency as a three-letter code, such as USD.")]
    if errors:
        raise DomainError(errors)
    return attendance, outcome, amount


def record_outcome(
    meeting: Meeting,
    registration: Registration,
    attendance: Attendance | str,
    outcome: OutcomeKind | str,
    amount: int | None = None,
    currency: str = "USD",
    notes: str = "",
    now: datetime | None = None,
) -> MeetingOutcome:
    """Record (or correct) one side's account of a meeting, once it has started."""
    now = now or utcnow()
    problem = outcome_problem(meeting, registration, now)
    if problem:
        raise DomainError(problem)
    currency = (currency or "USD").strip().upper()
    attendance, outcome, amount = _checked(attendance, outcome, amount, currency)
    lock_row(Meeting, meeting.id)  # one record per side, even after a double click
    record = find_outcome(meeting, registration)
    if record is None:
        record = MeetingOutcome(meeting_id=meeting.id, registration_id=registration.id)
        db.session.add(record)
    record.attendance, record.outcome, record.amount = attendance, outcome, amount
    record.currency, record.notes, record.recorded_at = currency, notes.strip(), now
    db.session.flush()
    return record


def outcome_counts(event: Event) -> dict:
    """Records per attendance and per outcome, and indicative amounts summed per currency.

    Both sides may report the same investment discussion: each meeting counts once per
    currency, with the larger of the figures its sides gave.
    """
    base = sa.select(MeetingOutcome).join(Meeting).where(Meeting.event_id == event.id)
    records = base.subquery()
    attendance = dict.fromkeys(Attendance, 0)
    attendance.update(
        db.session.execute(
            sa.select(records.c.attendance, sa.func.count()).group_by(records.c.attendance)
        ).all()
    )
    outcomes = dict.fromkeys(OutcomeKind, 0)
    outcomes.update(
        db.session.execute(
            sa.select(records.c.outcome, sa.func.count()).group_by(records.c.outcome)
        ).all()
    )
    per_meeting = (
        sa.select(records.c.currency, sa.func.max(records.c.amount).label("amount"))
        .where(records.c.amount.is_not(None))
        .group_by(records.c.meeting_id, records.c.currency)
        .subquery()
    )
    amounts = dict(
        db.session.execute(
            sa.select(per_meeting.c.currency, sa.func.sum(per_meeting.c.amount))
            .group_by(per_meeting.c.currency)
            .order_by(per_meeting.c.currency)
        ).all()
    )
    meetings = db.session.scalar(sa.select(sa.func.count(sa.distinct(records.c.meeting_id))))
    return {
        "attendance": attendance,
        "outcomes": outcomes,
        "amounts": {currency: int(total) for currency, total in amounts.items()},
        "records": sum(attendance.values()),
        "meetings_reported": meetings,
    }
