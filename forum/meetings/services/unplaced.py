"""Must-meet meetings a schedule could not place: both sides and the organizers are told why.

Called by schedule.apply in its transaction, so the mails leave only if the plan is
written. A notice row per meeting and plan (its fingerprint) makes the telling happen once:
applying the same plan again, or a new plan made from the same meetings, tells no one twice;
nor does a later plan that leaves the meeting out for the same reason.
"""

import sqlalchemy as sa

from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingStatus, Priority, UnplacedNotice
from forum.meetings.services.agenda import with_agenda_data
from forum.meetings.services.schedule_plan import SchedulePlan
from forum.notifications import notify


def _must_meets_left_out(event: Event, plan: SchedulePlan) -> list[Meeting]:
    left_out = set(plan.reasons) - set(plan.assignments)
    if not left_out:
        return []
    meetings = db.session.scalars(
        with_agenda_data(
            sa.select(Meeting).where(
                Meeting.event_id == event.id,  # filtered below: an IN list can be too long
                Meeting.status != MeetingStatus.CANCELLED,
                Meeting.slot_id.is_(None),
            )
        )
    ).all()
    return sorted(
        (
            m
            for m in meetings
            if m.id in left_out
            and m.request is not None
            and m.request.priority == Priority.MUST_MEET
        ),
        key=lambda m: m.id,
    )


def tell_unplaced(event: Event, plan: SchedulePlan) -> int:
    """Write the notices and mails of the must-meet meetings `plan` leaves without a place,
    those not yet told for this plan. Returns how many meetings were newly told about."""
    meetings = _must_meets_left_out(event, plan)
    if not meetings:
        return 0
    earlier = db.session.execute(
        sa.select(UnplacedNotice.meeting_id, UnplacedNotice.plan_fingerprint, UnplacedNotice.reason)
        .join(Meeting, Meeting.id == UnplacedNotice.meeting_id)
        .where(Meeting.event_id == event.id)
        .order_by(UnplacedNotice.id)
    ).all()
    told_for_plan = {m for m, stamp, _why in earlier if stamp == plan.fingerprint}
    last_reason = {m: why for m, _stamp, why in earlier}  # in id order: the latest wins
    # Told once per plan; and a new plan that leaves it out for the same reason is no news.
    news = [
        (m, plan.reasons.get(m.id, ""))
        for m in meetings
        if m.id not in told_for_plan and last_reason.get(m.id) != plan.reasons.get(m.id, "")
    ]
    if not news:
        return 0
    db.session.add_all(
        UnplacedNotice(meeting_id=m.id, plan_fingerprint=plan.fingerprint, reason=why)
        for m, why in news
    )
    db.session.flush()  # the unique constraint answers before any mail is written
    notify.must_meets_unplaced(event, news)
    return len(news)
