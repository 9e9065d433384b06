"""Batch scheduling of an event's meetings: preview, apply, publish.

The pure engine (forum.scheduling) does the search; this module loads its instance from
the database (see schedule_instance for the modelling choices), checks what comes back
with the engine's independent checker, and writes it with `set_placement`, the one way a
meeting moves. A preview is a plan: the assignments plus a fingerprint of the meetings
it was computed from, so a plan made on stale data is refused instead of applied.
"""

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from forum.audit import services as audit
from forum.core.locks import lock_row
from forum.core.savepoint import all_or_nothing
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
)
from forum.meetings.services.agenda import chunks, place_of, with_agenda_data
from forum.meetings.services.schedule_instance import (
    MODES,
    InstanceIndex,
    build_instance,
)
from forum.meetings.services.schedule_locks import BrokenLockLine, broken_lock_lines
from forum.meetings.services.schedule_plan import (
    Place,
    Progress,
    ScheduleError,
    SchedulePlan,
    ScheduleStats,
    current_place,
    final_report,
    fingerprint,
    make_plan,
    plan_problems,
)
from forum.meetings.services.schedule_reasons import translate_reason
from forum.meetings.services.unplaced import tell_unplaced
from forum.notifications import notify
from forum.notifications.services import Progress as MailProgress
from forum.notifications.services import store_mails
from forum.registration.models import Registration
from forum.webhooks import tell as webhooks


@dataclass(frozen=True)
class Change:
    """A meeting's place before and after the plan (None: no place)."""

    meeting: Meeting
    before: tuple[MeetingSlot, MeetingTable] | None
    after: tuple[MeetingSlot, MeetingTable] | None


@dataclass
class SchedulePreview:
    """A plan, described for people: what moves, what is newly placed, what stays unplaced."""

    plan: SchedulePlan
    moves: list[Change]
    placements: list[Change]
    unplaced: list[tuple[Meeting, str]]
    broken_locks: list[BrokenLockLine] = field(default_factory=list)  # kept all the same

    @property
    def assignments(self) -> dict[int, Place]:
        return self.plan.assignments

    @property
    def stats(self) -> ScheduleStats:
        return self.plan.stats

    @property
    def affected(self) -> list[Registration]:
        """Delegates with a placed meeting that moves or loses its place, by name."""
        people = {
            p.registration_id: p.registration for c in self.moves for p in c.meeting.participants
        }
        return sorted(people.values(), key=lambda r: (r.display_name, r.id))

    @property
    def told(self) -> int:
        """How many delegates applying mails on a published schedule: placed, moved, dropped."""
        changes = [*self.moves, *self.placements]
        return len({p.registration_id for c in changes for p in c.meeting.participants})


def describe(event: Event, plan: SchedulePlan) -> SchedulePreview:
    """What a plan would change, meeting by meeting, against the database as it is now."""
    ids = set(plan.assignments) | set(plan.reasons)
    meetings = db.session.scalars(
        sa.select(Meeting)
        .where(Meeting.event_id == event.id)  # filtered below: an IN list can be too long
        .options(
            selectinload(Meeting.participants)
            .selectinload(MeetingParticipant.registration)
            .options(selectinload(Registration.user), selectinload(Registration.organisation))
        )
    ).all()
    slots = {
        s.id: s for s in db.session.scalars(sa.select(MeetingSlot).filter_by(event_id=event.id))
    }
    tables = {
        t.id: t for t in db.session.scalars(sa.select(MeetingTable).filter_by(event_id=event.id))
    }

    def resolve(place: Place | None) -> tuple[MeetingSlot, MeetingTable] | None:
        if place is None or place[0] not in slots or place[1] not in tables:
            return None
        return slots[place[0]], tables[place[1]]

    moves, placements, unplaced = [], [], []
    for meeting in sorted((m for m in meetings if m.id in ids), key=lambda m: m.id):
        before, after = current_place(meeting), plan.assignments.get(meeting.id)
        if after is None:
            unplaced.append((meeting, translate_reason(plan.reasons.get(meeting.id, ""))))
        if before == after:
            continue
        change = Change(meeting, resolve(before), resolve(after))
        (placements if before is None else moves).append(change)
    moves.sort(key=_when)
    placements.sort(key=_when)
    by_id = {m.id: m for m in meetings}
    locks = broken_lock_lines(plan.broken_locks, by_id, slots, tables)
    return SchedulePreview(plan, moves, placements, unplaced, locks)


def _when(change: Change) -> tuple[datetime, int]:
    after = change.after or change.before
    return (after[0].starts_at if after else utcnow(), change.meeting.id)


def preview(
    event: Event,
    mode: str = "fill",
    time_limit: float = 10,
    progress: Progress | None = None,
    allow_moves: bool = False,
) -> SchedulePreview:
    """Schedule in memory and describe the result; apply() writes it."""
    return describe(event, make_plan(event, mode, time_limit, progress, allow_moves))


@all_or_nothing
def apply(event: Event, preview: SchedulePreview | SchedulePlan) -> int:
    """Write a plan's placements; refuse it if the meetings changed since. Returns moves made."""
    plan = preview.plan if isinstance(preview, SchedulePreview) else preview
    if plan.event_id != event.id or plan.mode not in MODES:
        raise ScheduleError(_("This preview is not valid: make a new one."))
    lock_row(Event, event.id)  # one writer at a time; the fingerprint cannot change under us
    if fingerprint(event) != plan.fingerprint:
        raise ScheduleError(_("The meetings have changed since this preview: make a new one."))
    instance, index = build_instance(event, plan.mode)
    report = final_report(instance, index, plan.assignments)
    if plan_problems(index, plan.assignments, report, plan.kept_broken):
        raise ScheduleError(
            _(
                "This preview no longer fits the data (availability or tables changed): "
                "make a new one."
            )
        )
    changed = [m for m in index.meetings.values() if current_place(m) != plan.assignments.get(m.id)]
    before = {m.id: place_of(m) for m in changed}  # the old places, for the mails
    published = event.schedule_published_at is not None
    _write_places(index, changed, plan.assignments, published)
    if published:
        notify.meetings_moved(event, [(m, before[m.id]) for m in changed])
        placed_now = [m for m in changed if m.id in plan.assignments]
        webhooks.meetings_moved(event, [m for m in placed_now if before[m.id] is not None])
        webhooks.meetings_placed(event, [m for m in placed_now if before[m.id] is None])
    tell_unplaced(event, plan)  # must-meets left without a time: both sides and organizers
    placed = sum(1 for m in index.meetings.values() if m.id in plan.assignments)
    counts = {"moved": len(changed), "placed": placed, "unplaced": len(index.meetings) - placed}
    audit.record(event, "schedule.applied", event.name, after=counts)
    return len(changed)


def _write_places(
    index: InstanceIndex, changed: list[Meeting], assignments: dict[int, Place], published: bool
) -> None:
    """Write the changed meetings' places as `set_placement` would, in four statements
    (executemany) rather than a versioned UPDATE per meeting and per delegate.

    Every moving meeting is taken out first, so no two meetings briefly share a place; the
    unique constraints (slot + table, delegate + slot) still have the last word, and a
    meeting whose version moved since it was read is not overwritten."""
    meetings, people = Meeting.__table__, MeetingParticipant.__table__
    now = utcnow()
    rows = []
    for meeting in changed:
        target = assignments.get(meeting.id)
        status = meeting.status
        if published:
            status = MeetingStatus.PUBLISHED if target else MeetingStatus.SCHEDULED
        rows.append(
            dict(
                mid=meeting.id,
                old_version=meeting.version,
                new_slot=target[0] if target else None,
                new_table=target[1] if target else None,
                # a meeting that leaves a place gets a higher calendar sequence
                new_sequence=meeting.sequence + (1 if meeting.slot_id is not None else 0),
                new_status=status,
                new_version=meeting.version + 1,
                now=now,
            )
        )
    by_id = sa.bindparam("mid")
    leaving = [{"mid": m.id} for m in changed if m.slot_id is not None or m.table_id is not None]
    try:
        if leaving:
            db.session.execute(
                sa.update(people).where(people.c.meeting_id == by_id).values(slot_id=None),
                leaving,
            )
            db.session.execute(
                sa.update(meetings)
                .where(meetings.c.id == by_id)
                .values(slot_id=None, table_id=None),
                leaving,
            )
        if rows:
            written = db.session.execute(
                sa.update(meetings)
                .where(meetings.c.id == by_id, meetings.c.version == sa.bindparam("old_version"))
                .values(
                    slot_id=sa.bindparam("new_slot"),
                    table_id=sa.bindparam("new_table"),
                    sequence=sa.bindparam("new_sequence"),
                    status=sa.bindparam("new_status"),
                    version=sa.bindparam("new_version"),
                    updated_at=sa.bindparam("now"),
                ),
                rows,
            )
            if db.engine.dialect.supports_sane_multi_rowcount and written.rowcount != len(rows):
                raise ScheduleError(
                    _("Another change was saved at the same time: make a new preview.")
                )
            arriving = [{"mid": r["mid"], "new_slot": r["new_slot"]} for r in rows if r["new_slot"]]
            if arriving:
                db.session.execute(
                    sa.update(people)
                    .where(people.c.meeting_id == by_id)
                    .values(slot_id=sa.bindparam("new_slot")),
                    arriving,
                )
    except IntegrityError as error:  # all_or_nothing rolls the placements back
        raise ScheduleError(
            _("Another change was saved at the same time: make a new preview.")
        ) from error
    for meeting, row in zip(changed, rows, strict=True):  # the loaded objects, as now stored
        slot, table = index.slots.get(row["new_slot"]), index.tables.get(row["new_table"])
        for name, value in (
            ("slot_id", row["new_slot"]),
            ("table_id", row["new_table"]),
            ("slot", slot),
            ("table", table),
            ("sequence", row["new_sequence"]),
            ("status", row["new_status"]),
            ("version", row["new_version"]),
            ("updated_at", now),
        ):
            set_committed_value(meeting, name, value)
        for participant in meeting.participants:
            set_committed_value(participant, "slot_id", row["new_slot"])


def publish(event: Event, progress: MailProgress | None = None) -> int:
    """Announce the placed meetings; mail each delegate concerned their meetings. Returns mails.

    The first publication tells everyone with a placed meeting; a later one tells only the
    people of meetings placed since, so publishing twice tells no one twice. A constant
    number of queries however large the event (a few per 500 meetings): the meetings and all
    their agendas show are loaded once, every agenda is built in memory from them, and the
    mails are stored in one insert.

    The mails are rendered first, without a lock (the long part: `progress` hears how many);
    then the event and the placed meetings are locked, and if any of them changed meanwhile
    nothing is written. Status, mails and audit are written together, in the caller's
    transaction.
    """
    placed = db.session.scalars(with_agenda_data(_placed(event))).all()
    if not placed:
        raise ScheduleError(_("No meeting has a slot yet: schedule them first."))
    first = event.schedule_published_at is None
    news = [m for m in placed if m.status != MeetingStatus.PUBLISHED]
    told = [p.registration for m in (placed if first else news) for p in m.participants]
    versions = {m.id: m.version for m in placed}
    # Rendered while the loaded meetings are fresh: no query per delegate.
    mails = notify.schedule_published(event, placed, told, progress)
    lock_row(Event, event.id)  # one publication at a time
    if _changed_since(event, versions, first):
        raise ScheduleError(_("The meetings changed while the mails were written: publish again."))
    _mark_published(news)
    if first:
        event.schedule_published_at = utcnow()
    store_mails(mails)
    db.session.flush()
    # One read of the endpoints and one insert each, however many meetings.
    webhooks.meetings_placed(event, news)
    webhooks.schedule_published(event, len(placed))
    audit.record(event, "schedule.published", event.name, after={"meetings": len(placed)})
    return len(mails)


def _placed(event: Event) -> sa.Select:
    return sa.select(Meeting).where(
        Meeting.event_id == event.id,
        Meeting.status != MeetingStatus.CANCELLED,
        Meeting.slot_id.is_not(None),
        Meeting.table_id.is_not(None),
    )


def _changed_since(event: Event, versions: dict[int, int], first: bool) -> bool:
    """Whether a meeting was placed, moved or announced, or the plan published, since the
    meetings were read. Locks the placed meetings' rows until the transaction ends, so none
    changes between this check and the writes (one query, no IN list)."""
    published_at = db.session.scalar(
        sa.select(Event.schedule_published_at).where(Event.id == event.id)
    )
    now = db.session.execute(
        _placed(event).with_only_columns(Meeting.id, Meeting.version).with_for_update()
    )
    return dict(tuple(row) for row in now) != versions or (published_at is None) != first


def _mark_published(meetings: list[Meeting]) -> None:
    """Set these loaded meetings published in one UPDATE per CHUNK, not one per meeting (the
    ORM writes a versioned row at a time). The version still moves on, so an edit made from
    a page read before the publication is refused as usual (forum/meetings/services/edit.py)."""
    now = utcnow()
    for part in chunks([m.id for m in meetings]):
        db.session.execute(
            sa.update(Meeting)
            .where(Meeting.id.in_(part))
            .values(status=MeetingStatus.PUBLISHED, version=Meeting.version + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    for meeting in meetings:  # what the database now holds, without reading it back
        set_committed_value(meeting, "status", MeetingStatus.PUBLISHED)
        set_committed_value(meeting, "version", meeting.version + 1)
        set_committed_value(meeting, "updated_at", now)
