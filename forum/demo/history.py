"""The demo fora's past, so that their dashboards show what a real forum's would: when the
delegates registered (spread over the weeks before the event, not all at the moment of
loading) and what happened in the meetings (each side's outcome, through the outcomes
service, as delegates record them after the event). Deterministic: the same data each load.
"""

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from forum.core.timerange import to_utc
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingStatus
from forum.meetings.services.outcomes import record_outcome
from forum.registration.models import Registration

REGISTRATION_WEEKS = 8
# What became of each meeting, in turn: mostly held, with some no-shows and one cancelled on
# the day; every seventh left unreported.
ATTENDANCE = ("held",) * 8 + ("no_show", "cancelled_on_day")
OUTCOMES = ("follow_up", "partnership", "investment", "follow_up", "none")
AMOUNTS = (150_000, 400_000, 1_200_000, 75_000)


def spread_registrations(event: Event) -> None:
    """Registration dates over the weeks before the event, more of them near the end (as the
    reminders go out), in the order the delegates were loaded."""
    registrations = db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id).order_by(Registration.id)
    ).all()
    opens = to_utc(event.start_date, time(9), event.tz) - timedelta(weeks=REGISTRATION_WEEKS)
    span = timedelta(weeks=REGISTRATION_WEEKS - 1).total_seconds()
    total = max(len(registrations), 1)
    for n, registration in enumerate(registrations):
        share = ((n + 1) / total) ** 0.5  # faster towards the event
        registration.created_at = opens + timedelta(seconds=span * share)
        registration.status_changed_at = registration.created_at
    db.session.flush()


def record_outcomes(event: Event) -> int:
    """Both sides' (or one side's) account of the placed meetings of a past event; how many
    meetings got one."""
    meetings = db.session.scalars(
        sa.select(Meeting)
        .where(
            Meeting.event_id == event.id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.slot_id.is_not(None),
        )
        .order_by(Meeting.id)
    ).all()
    if not meetings or meetings[0].slot.starts_at > datetime.now(UTC):
        return 0
    recorded = 0
    for n, meeting in enumerate(meetings):
        if n % 7 == 6:
            continue
        request = meeting.request
        attendance = ATTENDANCE[n % len(ATTENDANCE)]
        outcome = OUTCOMES[n % len(OUTCOMES)] if attendance == "held" else "none"
        amount = AMOUNTS[n % len(AMOUNTS)] if outcome == "investment" else None
        after = meeting.slot.ends_at
        record_outcome(meeting, request.requester, attendance, outcome, amount, now=after)
        if n % 2 == 0:  # the other side reports too, as half of them do
            other = "follow_up" if outcome == "investment" else outcome
            record_outcome(meeting, request.recipient, attendance, other, now=after)
        recorded += 1
    return recorded
