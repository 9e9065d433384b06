"""The organizers' view of meeting outcomes: both sides' reports side by side, where they
disagree, the totals, the schedule export, and an organizer's correction (audited)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from forum.audit import services as audit
from forum.core.exports import Cell, Table
from forum.core.labels import label
from forum.core.timerange import to_local
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Attendance,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    OutcomeKind,
)
from forum.meetings.services.outcomes import find_outcome, record_outcome
from forum.registration.models import Registration

# The list's filter (a plain code in the URL: ?show=disagreements); the last three are what
# became of the meeting (OutcomeRow.attendance), which the dashboard's figures link to.
SHOWS = ("all", "disagreements", "unreported", "reported", "held", "no_show", "cancelled_on_day")


ATTENDANCE_ORDER = (Attendance.HELD, Attendance.NO_SHOW, Attendance.CANCELLED_ON_DAY)


@dataclass(frozen=True)
class Side:
    """One side of the table: its lead delegate and the report that speaks for it."""

    registration: Registration
    report: MeetingOutcome | None

    @property
    def organisation(self) -> str:
        organisation = self.registration.organisation
        return organisation.name if organisation is not None else ""


@dataclass(frozen=True)
class OutcomeRow:
    meeting: Meeting
    sides: tuple[Side, Side]  # the requester's side first

    @property
    def disagreement(self) -> bool:
        """The two reports contradict each other: a different attendance, or an investment
        discussed with an amount on one side and no outcome at all on the other."""
        first, second = (side.report for side in self.sides)
        if first is None or second is None:
            return False
        if first.attendance != second.attendance:
            return True
        return any(
            a.outcome == OutcomeKind.INVESTMENT_DISCUSSION
            and a.amount is not None
            and b.outcome == OutcomeKind.NONE
            for a, b in ((first, second), (second, first))
        )

    @property
    def reported(self) -> int:
        return sum(side.report is not None for side in self.sides)

    @property
    def attendance(self) -> Attendance | None:
        """What became of the meeting, as the dashboard counts it: held if anyone says so,
        else a no-show if anyone says so, else cancelled on the day; None without a report."""
        said = {report.attendance for report in self.meeting.outcomes}
        return next((a for a in ATTENDANCE_ORDER if a in said), None)


def _side(meeting: Meeting, lead: Registration, members: set[int]) -> Side:
    """The lead's report, or else a colleague's on the same side (a delegation reports once)."""
    reports = {o.registration_id: o for o in meeting.outcomes if o.registration_id in members}
    report = reports.get(lead.id) or next((reports[key] for key in sorted(reports)), None)
    return Side(lead, report)


def _row(meeting: Meeting) -> OutcomeRow:
    request = meeting.request
    requesters = request.requester_side
    others = {p.registration_id for p in meeting.participants} - requesters
    return OutcomeRow(
        meeting,
        (
            _side(meeting, request.requester, requesters),
            _side(meeting, request.recipient, others | {request.recipient_id}),
        ),
    )


def _meetings(event: Event, placed_only: bool) -> Sequence[Meeting]:
    """The event's meetings with all the list and export show, in a fixed number of queries."""
    person = (joinedload(Registration.user), joinedload(Registration.organisation))
    query = (
        sa.select(Meeting)
        .where(Meeting.event_id == event.id)
        .outerjoin(MeetingSlot, Meeting.slot_id == MeetingSlot.id)
        .outerjoin(MeetingTable, Meeting.table_id == MeetingTable.id)
        .options(
            joinedload(Meeting.slot),
            joinedload(Meeting.table),
            joinedload(Meeting.request).joinedload(MeetingRequest.requester).options(*person),
            joinedload(Meeting.request).joinedload(MeetingRequest.recipient).options(*person),
            joinedload(Meeting.request).selectinload(MeetingRequest.colleagues),
            selectinload(Meeting.participants),
            selectinload(Meeting.outcomes),
        )
        .order_by(
            sa.func.coalesce(MeetingSlot.starts_at, Meeting.cancelled_starts_at).is_(None),
            sa.func.coalesce(MeetingSlot.starts_at, Meeting.cancelled_starts_at),
            MeetingTable.number,
            Meeting.id,
        )
    )
    if placed_only:
        query = query.where(Meeting.status != MeetingStatus.CANCELLED, Meeting.slot_id.is_not(None))
    return db.session.scalars(query).unique().all()


def outcome_rows(event: Event) -> list[OutcomeRow]:
    """Every placed, not cancelled meeting with both sides' reports, in time and table order."""
    return [_row(meeting) for meeting in _meetings(event, placed_only=True)]


def shown(rows: list[OutcomeRow], show: str) -> list[OutcomeRow]:
    """The rows one of SHOWS lets through (any other code: all of them)."""
    if show == "disagreements":
        return [row for row in rows if row.disagreement]
    if show == "unreported":
        return [row for row in rows if row.reported == 0]
    if show == "reported":
        return [row for row in rows if row.reported]
    if show in {a.value for a in ATTENDANCE_ORDER}:
        return [row for row in rows if row.attendance == Attendance(show)]
    return rows


def largest_amounts(reports: Sequence[MeetingOutcome]) -> dict[str, int]:
    """The investment a meeting's reports mention, per currency. Both sides may report the
    same discussion, so the meeting counts once: the larger of the two figures, not the sum."""
    amounts: dict[str, int] = {}
    for report in reports:
        if report.outcome == OutcomeKind.INVESTMENT_DISCUSSION and report.amount is not None:
            amounts[report.currency] = max(amounts.get(report.currency, 0), report.amount)
    return amounts


def summary(rows: list[OutcomeRow]) -> dict:
    """Per side of each meeting: how many reported each attendance, how many did not report;
    and the investment discussed per currency (whole units, each meeting once)."""
    attendance = dict.fromkeys(Attendance, 0)
    unreported = 0
    invested: dict[str, int] = defaultdict(int)
    for row in rows:
        for side in row.sides:
            if side.report is None:
                unreported += 1
            else:
                attendance[side.report.attendance] += 1
        reports = [side.report for side in row.sides if side.report is not None]
        for currency, amount in largest_amounts(reports).items():
            invested[currency] += amount
    return {
        "attendance": attendance,
        "unreported": unreported,
        "invested": dict(sorted(invested.items())),
    }


def investment_discussed(event: Event) -> tuple[dict[str, int], int]:
    """The investment discussed in the event's placed meetings, whole units per currency, and
    how many meetings mentioned one (the mobilisation page, the dashboard, the funder report).

    Each meeting counts once per currency, with the largest figure any of its people reported
    (both sides, or two colleagues, may report the same discussion: see largest_amounts); two
    grouped queries, whatever the number of meetings."""
    per_meeting = (
        sa.select(
            MeetingOutcome.meeting_id,
            MeetingOutcome.currency,
            sa.func.max(MeetingOutcome.amount).label("amount"),
        )
        .join(Meeting, MeetingOutcome.meeting_id == Meeting.id)
        .where(
            Meeting.event_id == event.id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.slot_id.is_not(None),
            MeetingOutcome.outcome == OutcomeKind.INVESTMENT_DISCUSSION,
            MeetingOutcome.amount.is_not(None),
        )
        .group_by(MeetingOutcome.meeting_id, MeetingOutcome.currency)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(per_meeting.c.currency, sa.func.sum(per_meeting.c.amount))
        .group_by(per_meeting.c.currency)
        .order_by(per_meeting.c.currency)
    ).all()
    meetings = db.session.scalar(sa.select(sa.func.count(sa.distinct(per_meeting.c.meeting_id))))
    return {currency: int(amount) for currency, amount in rows}, meetings or 0


# --- An organizer's correction -------------------------------------------------------------


def _audited(report: MeetingOutcome | None) -> dict | None:
    if report is None:
        return None
    return {
        "attendance": report.attendance.value,
        "outcome": report.outcome.value,
        "amount": report.amount,
        "currency": report.currency,
    }


def record_for_side(
    meeting: Meeting,
    registration: Registration,
    attendance: str,
    outcome: str,
    amount: int | None = None,
    currency: str = "USD",
    notes: str = "",
) -> MeetingOutcome:
    """An organizer records or corrects one delegate's account of a meeting, with the same
    checks as the delegate's own form, and the audit log keeps what it said before."""
    before = _audited(find_outcome(meeting, registration))
    report = record_outcome(meeting, registration, attendance, outcome, amount, currency, notes)
    # The log reads the same in every language: the person, then the meeting's time and table.
    organisation = registration.organisation
    subject = registration.display_name + (f" ({organisation.name})" if organisation else "")
    if meeting.slot is not None:
        subject += " – " + to_local(meeting.slot.starts_at, meeting.event.tz).strftime(
            "%Y-%m-%d %H:%M"
        )
    if meeting.table is not None:
        subject += f", {meeting.table}"
    audit.record(
        meeting.event, "meeting.outcome_recorded", subject, before=before, after=_audited(report)
    )
    return report


# --- The schedule export -------------------------------------------------------------------


def _columns() -> list[str]:
    sides = []
    for side in (_("Side A"), _("Side B")):
        sides += [
            _("%(side)s: name", side=side),
            _("%(side)s: organisation", side=side),
            _("%(side)s: attendance", side=side),
            _("%(side)s: outcome", side=side),
            _("%(side)s: amount", side=side),
            _("%(side)s: currency", side=side),
        ]
    return [_("Date"), _("Start"), _("End"), _("Table"), _("Kind"), _("Status"), *sides]


def _export_row(event: Event, row: OutcomeRow) -> list[Cell]:
    meeting = row.meeting
    starts = meeting.slot.starts_at if meeting.slot else meeting.cancelled_starts_at
    ends = meeting.slot.ends_at if meeting.slot else meeting.cancelled_ends_at
    start_local = to_local(starts, event.tz) if starts else None
    end_local = to_local(ends, event.tz) if ends else None
    cells: list[Cell] = [
        start_local.date().isoformat() if start_local else "",
        start_local.strftime("%H:%M") if start_local else "",
        end_local.strftime("%H:%M") if end_local else "",
        str(meeting.table) if meeting.table else "",
        meeting.request.kind.value.upper(),
        label(meeting.status),
    ]
    for side in row.sides:
        report = side.report
        cells += [
            side.registration.display_name,
            side.organisation,
            label(report.attendance) if report else "",
            label(report.outcome) if report else "",
            report.amount if report else None,
            report.currency if report and report.amount is not None else "",
        ]
    return cells


def meetings_table(event: Event) -> Table:
    """Every meeting of the event, one row each, in time and table order (unplaced last)."""
    rows = [_row(meeting) for meeting in _meetings(event, placed_only=False)]
    return Table(title="meetings", columns=_columns(), rows=[_export_row(event, r) for r in rows])
