"""Meeting reminders: the eve's mail with the next day's meetings, and one N minutes before
each meeting. The organizers choose them per event; `forum tick` writes the due ones to the
outbox (forum/notifications/tick.py), every minute from cron or from the RQ cron scheduler.

When a reminder is due, and until when it may still go (a tick that did not run for a while
sends nothing stale):
- the day before: on the eve, from the organizer's hour (event time) until midnight; a tick
  that misses the whole evening sends nothing on the day itself;
- N minutes before a meeting: from N minutes before its start, for at most LATE_LIMIT, and
  never once the meeting has started.

Who: approved delegates whose data has not been erased and whose account is active, in the
meetings delegates can rely on (`announced_meetings`: placed, not cancelled, and published
unless delegates book their own times), of published events.

Once: each reminder claims its row in sent_reminders (unique registration, kind, key) with
INSERT ... ON CONFLICT DO NOTHING in the transaction that queues its mail. A second tick, or
another machine ticking at the same moment, finds the key taken (PostgreSQL makes it wait
for the first transaction) and writes nothing.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.audit.services import record
from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.events.models import Event, EventStatus
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingParticipant, MeetingSlot
from forum.meetings.services.agenda import (
    announced_meetings,
    chunks,
    meeting_entries,
    meeting_entry,
    with_agenda_data,
)
from forum.notifications.models import ReminderKind, SentReminder
from forum.notifications.services import queue
from forum.registration.models import Registration, RegistrationStatus

MINUTES_BEFORE_CHOICES = (5, 10, 15, 30, 60)
HOURS = range(24)
LATE_LIMIT = timedelta(minutes=15)  # a reminder before a meeting goes at most this late

DAY_BEFORE_TEMPLATE = "reminder_day_before"
BEFORE_MEETING_TEMPLATE = "reminder_before_meeting"


@dataclass(frozen=True)
class ReminderSettings:
    day_before: bool
    day_before_hour: int
    minutes_before: int | None  # None: no reminder before each meeting


def settings_of(event: Event) -> ReminderSettings:
    return ReminderSettings(
        event.reminder_day_before, event.reminder_day_before_hour, event.reminder_minutes_before
    )


def update_settings(event: Event, settings: ReminderSettings) -> bool:
    """Save the event's reminder settings; True if they changed (and the change is audited)."""
    if settings.day_before_hour not in HOURS:
        raise DomainError(_("Choose the hour of the day-before reminder from the list."))
    if settings.minutes_before not in (None, *MINUTES_BEFORE_CHOICES):
        raise DomainError(_("Choose how long before each meeting from the list."))
    before = settings_of(event)
    if settings == before:
        return False
    event.reminder_day_before = settings.day_before
    event.reminder_day_before_hour = settings.day_before_hour
    event.reminder_minutes_before = settings.minutes_before
    db.session.flush()
    record(event, "reminders.changed", event.name, before=_audit(before), after=_audit(settings))
    return True


def _audit(settings: ReminderSettings) -> dict:
    return {
        "day_before": settings.day_before,
        "day_before_hour": settings.day_before_hour,
        "minutes_before": settings.minutes_before,
    }


# Which reminders are due -----------------------------------------------------------------


def queue_due_reminders(now: datetime | None = None) -> list[int]:
    """Write every reminder due at `now` to the outbox (flushed, not committed); their mail ids."""
    now = now or utcnow()
    today = now.date()
    events = db.session.scalars(
        sa.select(Event)
        .where(
            Event.status == EventStatus.PUBLISHED,
            sa.or_(Event.reminder_day_before, Event.reminder_minutes_before.is_not(None)),
            # Dates are local: a day's margin either side covers every time zone.
            Event.start_date <= today + timedelta(days=2),
            Event.end_date >= today - timedelta(days=1),
        )
        .order_by(Event.id)
    ).all()
    mail_ids: list[int] = []
    for event in events:
        if event.reminder_day_before:
            mail_ids += _day_before(event, now)
        if event.reminder_minutes_before:
            mail_ids += _before_meetings(event, now)
    return mail_ids


def eve_window(event: Event, day: date) -> tuple[datetime, datetime]:
    """When the day-before mail for `day` may go: the eve, from the chosen hour to midnight."""
    eve = day - timedelta(days=1)
    opens = datetime.combine(eve, time(event.reminder_day_before_hour), tzinfo=event.tz)
    return opens, datetime.combine(day, time(), tzinfo=event.tz)


def _day_before(event: Event, now: datetime) -> list[int]:
    day = now.astimezone(event.tz).date() + timedelta(days=1)
    opens, closes = eve_window(event, day)
    if not opens <= now < closes:
        return []
    slots = _slots(event, closes, datetime.combine(day + timedelta(days=1), time(), event.tz))
    meetings = sa.select(Meeting).where(
        Meeting.event_id == event.id, announced_meetings(event), Meeting.slot_id.in_(slots)
    )
    key = day.isoformat()
    waiting = _not_yet_reminded(event, meetings, ReminderKind.DAY_BEFORE, key)
    if not waiting:
        return []
    lines = meeting_entries(with_agenda_data(meetings), waiting)
    mail_ids = []
    for registration in _registrations(waiting):
        if _claim(registration, ReminderKind.DAY_BEFORE, key):
            mail = queue(
                registration.user,
                DAY_BEFORE_TEMPLATE,
                event=event,
                day=day,
                lines=lines[registration.id],
            )
            mail_ids.append(_link(registration, ReminderKind.DAY_BEFORE, key, mail.id))
    return mail_ids


def _before_meetings(event: Event, now: datetime) -> list[int]:
    lead = timedelta(minutes=event.reminder_minutes_before)
    # Due at start - lead, until LATE_LIMIT later or the start, whichever comes first.
    earliest = now + max(lead - LATE_LIMIT, timedelta(0))
    slots = _slots(event, earliest, now + lead, open_start=True)
    meetings = sa.select(Meeting).where(
        Meeting.event_id == event.id, announced_meetings(event), Meeting.slot_id.in_(slots)
    )
    due = db.session.scalars(with_agenda_data(meetings.order_by(Meeting.id))).all()
    keys = {m.id: f"meeting:{m.id}:slot:{m.slot_id}" for m in due}  # moved: a new reminder
    people = {p.registration_id for m in due for p in m.participants}
    taken = _taken(event, ReminderKind.BEFORE_MEETING, list(keys.values()))
    reachable = _reachable(people)
    mail_ids = []
    for meeting in due:
        key = keys[meeting.id]
        for participant in sorted(meeting.participants, key=lambda p: p.registration_id):
            registration = participant.registration
            if (registration.id, key) in taken or registration.id not in reachable:
                continue
            if _claim(registration, ReminderKind.BEFORE_MEETING, key):
                entry = meeting_entry(meeting, registration.id)
                mail = queue(registration.user, BEFORE_MEETING_TEMPLATE, event=event, entry=entry)
                mail_ids.append(_link(registration, ReminderKind.BEFORE_MEETING, key, mail.id))
    return mail_ids


def _slots(event: Event, start: datetime, end: datetime, open_start: bool = False) -> sa.Select:
    """The event's slots starting in [start, end), or in (start, end] with open_start."""
    starts = MeetingSlot.starts_at
    bounds = (starts > start, starts <= end) if open_start else (starts >= start, starts < end)
    return sa.select(MeetingSlot.id).where(MeetingSlot.event_id == event.id, *bounds)


def _reachable_clause() -> sa.ColumnElement[bool]:
    return sa.and_(
        Registration.status == RegistrationStatus.APPROVED,
        Registration.erased_at.is_(None),
        User.erased_at.is_(None),
        User.is_active_account,
    )


def _reachable(registration_ids: set[int]) -> set[int]:
    """Those of the registrations a reminder may go to, in one query."""
    found: set[int] = set()
    for part in chunks(sorted(registration_ids)):
        found.update(
            db.session.scalars(
                sa.select(Registration.id)
                .join(User, User.id == Registration.user_id)
                .where(Registration.id.in_(part), _reachable_clause())
            )
        )
    return found


def _not_yet_reminded(event: Event, meetings: sa.Select, kind: ReminderKind, key: str) -> list[int]:
    """The reachable delegates in `meetings` who have not had this reminder, in id order:
    one query, so that a tick every minute through the evening costs little once all went."""
    reminded = sa.select(SentReminder.id).where(
        SentReminder.registration_id == Registration.id,
        SentReminder.kind == kind,
        SentReminder.key == key,
    )
    query = (
        sa.select(Registration.id)
        .join(User, User.id == Registration.user_id)
        .join(MeetingParticipant, MeetingParticipant.registration_id == Registration.id)
        .where(
            Registration.event_id == event.id,
            MeetingParticipant.meeting_id.in_(meetings.with_only_columns(Meeting.id)),
            _reachable_clause(),
            ~reminded.exists(),
        )
        .distinct()
        .order_by(Registration.id)
    )
    return list(db.session.scalars(query))


def _taken(event: Event, kind: ReminderKind, keys: list[str]) -> set[tuple[int, str]]:
    """(registration, key) of the reminders among `keys` already sent, in one query."""
    if not keys:
        return set()
    rows = db.session.execute(
        sa.select(SentReminder.registration_id, SentReminder.key).where(
            SentReminder.event_id == event.id,
            SentReminder.kind == kind,
            SentReminder.key.in_(keys),
        )
    )
    return {(registration_id, key) for registration_id, key in rows}


def _registrations(ids: list[int]) -> list[Registration]:
    found: list[Registration] = []
    for part in chunks(ids):
        found += db.session.scalars(
            sa.select(Registration)
            .options(selectinload(Registration.user))
            .where(Registration.id.in_(part))
        )
    return sorted(found, key=lambda r: r.id)


# Sent once -------------------------------------------------------------------------------


def _claim(registration: Registration, kind: ReminderKind, key: str) -> bool:
    """Take the reminder's key in this transaction; False if it was taken already (by an
    earlier tick, or by one running now on another machine)."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(SentReminder)
        .values(
            event_id=registration.event_id,
            registration_id=registration.id,
            kind=kind,
            key=key,
            sent_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["registration_id", "kind", "key"])
        .returning(SentReminder.id)
    )
    return db.session.execute(statement).scalar() is not None


def _link(registration: Registration, kind: ReminderKind, key: str, mail_id: int) -> int:
    """Note which outbox mail carried the reminder (the organizers' outbox shows it)."""
    db.session.execute(
        sa.update(SentReminder)
        .where(
            SentReminder.registration_id == registration.id,
            SentReminder.kind == kind,
            SentReminder.key == key,
        )
        .values(mail_id=mail_id)
    )
    return mail_id
