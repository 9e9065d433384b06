"""The meeting floor as the venue sees it: per slot, each table's meeting, who has arrived,
and the desk's mark of a meeting held or not.

A desk mark speaks for the sides that have not reported yet: it records their account
through the organizers' correction (`outcomes_report.record_for_side`, audited as
"meeting.outcome_recorded"). A report already there (a delegate's own, or an earlier
mark) is kept as it is: the desk does not overwrite what a delegate said. Where the two
then contradict each other, the outcomes list flags the disagreement, and an organizer
corrects it there.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Attendance,
    Meeting,
    MeetingOutcome,
    MeetingParticipant,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    OutcomeKind,
)
from forum.meetings.services.outcomes_report import record_for_side
from forum.registration.models import Registration

HELD = "held"


@dataclass(frozen=True)
class FloorSide:
    """One side of a table: its lead delegate, everyone on it, and the side's report."""

    lead: Registration
    people: tuple[Registration, ...]
    report: MeetingOutcome | None

    @property
    def arrived(self) -> bool:
        return any(person.checked_in_at is not None for person in self.people)


@dataclass(frozen=True)
class FloorRow:
    table: MeetingTable
    meeting: Meeting
    sides: tuple[FloorSide, FloorSide]  # the requester's side first


def event_slots(event: Event) -> list[MeetingSlot]:
    return db.session.scalars(
        sa.select(MeetingSlot)
        .where(MeetingSlot.event_id == event.id)
        .order_by(MeetingSlot.starts_at, MeetingSlot.id)
    ).all()


def slot_at(slots: list[MeetingSlot], now: datetime) -> MeetingSlot | None:
    """The slot running at `now`, else the next one, else the last of the event."""
    for slot in slots:
        if now < slot.ends_at:
            return slot
    return slots[-1] if slots else None


def sides_of(meeting: Meeting) -> tuple[FloorSide, FloorSide]:
    """Both sides of the table (the requester's first), each with the report that speaks for
    it: the lead's, or else a colleague's (a delegation reports once)."""
    request = meeting.request
    requesters = request.requester_side
    people = sorted((p.registration for p in meeting.participants), key=lambda r: r.id)
    sides = []
    for lead, members in (
        (request.requester, [r for r in people if r.id in requesters]),
        (request.recipient, [r for r in people if r.id not in requesters]),
    ):
        ids = {r.id for r in members}
        reports = {o.registration_id: o for o in meeting.outcomes if o.registration_id in ids}
        report = reports.get(lead.id) or next((reports[k] for k in sorted(reports)), None)
        members.sort(key=lambda r: r.id != lead.id)  # the lead first
        sides.append(FloorSide(lead, tuple(members), report))
    return sides[0], sides[1]


def floor_rows(event: Event, slot: MeetingSlot) -> tuple[list[FloorRow], list[MeetingTable]]:
    """The slot's meetings by table number, and the tables free in it."""
    person = selectinload(MeetingParticipant.registration).options(
        joinedload(Registration.user), joinedload(Registration.organisation)
    )
    meetings = db.session.scalars(
        sa.select(Meeting)
        .where(
            Meeting.event_id == event.id,
            Meeting.slot_id == slot.id,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .options(
            joinedload(Meeting.table),
            joinedload(Meeting.request).selectinload(MeetingRequest.colleagues),
            selectinload(Meeting.participants).options(person),
            selectinload(Meeting.outcomes),
        )
    ).all()
    by_table = {m.table_id: m for m in meetings}
    tables = db.session.scalars(
        sa.select(MeetingTable)
        .where(MeetingTable.event_id == event.id)
        .order_by(MeetingTable.number)
    ).all()
    rows = [
        FloorRow(t, by_table[t.id], sides_of(by_table[t.id])) for t in tables if t.id in by_table
    ]
    return rows, [t for t in tables if t.id not in by_table]


@dataclass
class MarkResult:
    recorded: list[Registration]  # the sides whose account the mark gave
    kept: list[FloorSide]  # the sides that had reported already, left as they were


def mark_attendance(
    meeting: Meeting, mark: str, absent_id: int | None, now: datetime
) -> MarkResult:
    """The desk marks a meeting held (`mark` "held") or one side absent (`mark` "absent",
    `absent_id` the lead delegate of the side that did not come: the other side's account is
    then "the other side did not come"; the absent side gets none)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("This meeting is cancelled."))
    if meeting.slot is None:
        raise DomainError(_("This meeting has no time yet."))
    if now < meeting.slot.starts_at:
        raise DomainError(_("A meeting can be marked once it has started."))
    lock_row(Meeting, meeting.id)  # two desks marking at once: one writes, the other keeps
    db.session.refresh(meeting)
    sides = sides_of(meeting)
    if mark == HELD:
        accounts = [(side, Attendance.HELD) for side in sides]
    elif mark == "absent" and absent_id in {side.lead.id for side in sides}:
        accounts = [(side, Attendance.NO_SHOW) for side in sides if side.lead.id != absent_id]
    else:
        raise DomainError(_("Choose whether the meeting was held or who did not come."))
    result = MarkResult([], [])
    for side, attendance in accounts:
        if side.report is not None:
            result.kept.append(side)
            continue
        record_for_side(meeting, side.lead, attendance.value, OutcomeKind.NONE.value)
        result.recorded.append(side.lead)
    return result
