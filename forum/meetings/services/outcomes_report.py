"""The organizers' view of meeting outcomes: both sides' reports side by side, where they
disagree, the totals, the schedule export, and an organizer's correction (audited)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from forum.audit import services as audit
from forum.core.timerange import to_local
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Attendance,
    Meeting,
    MeetingOutcome,
    MeetingParticipant,
    MeetingRequest,
    MeetingRequestColleague,
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


class _Reports:
    """What the list's filters and totals need of a meeting: both sides' reports (`reports`,
    the requester's side first) and every attendance reported on it (`attendances`)."""

    reports: tuple
    attendances: frozenset

    @property
    def disagreement(self) -> bool:
        """The two reports contradict each other: a different attendance, or an investment
        discussed with an amount on one side and no outcome at all on the other."""
        first, second = self.reports
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
        return sum(report is not None for report in self.reports)

    @property
    def attendance(self) -> Attendance | None:
        """What became of the meeting, as the dashboard counts it: held if anyone says so,
        else a no-show if anyone says so, else cancelled on the day; None without a report."""
        return next((a for a in ATTENDANCE_ORDER if a in self.attendances), None)


@dataclass(frozen=True)
class OutcomeRow(_Reports):
    meeting: Meeting
    sides: tuple[Side, Side]  # the requester's side first

    @property
    def reports(self) -> tuple:
        return tuple(side.report for side in self.sides)

    @property
    def attendances(self) -> frozenset:
        return frozenset(report.attendance for report in self.meeting.outcomes)


@dataclass(frozen=True)
class ReportedMeeting(_Reports):
    """A meeting as the list's filters and totals see it, read as plain columns: the list
    classifies and counts every meeting this way, and loads in full only the page it shows."""

    meeting_id: int
    reports: tuple
    attendances: frozenset


def _side_report(said: dict, lead_id: int, members: set[int]):
    """The lead's report, or else a colleague's on the same side (a delegation reports once).
    `said`: the meeting's reports by registration id."""
    if lead_id in said:
        return said[lead_id]
    return next((said[key] for key in sorted(said) if key in members), None)


def _side(meeting: Meeting, lead: Registration, members: set[int]) -> Side:
    said = {o.registration_id: o for o in meeting.outcomes}
    return Side(lead, _side_report(said, lead.id, members))


def outcome_row(meeting: Meeting) -> OutcomeRow:
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


def load_meetings(
    event: Event, placed_only: bool, ids: Sequence[int] | None = None
) -> Sequence[Meeting]:
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
        query = query.where(*_placed(event))
    if ids is not None:
        query = query.where(Meeting.id.in_(ids))
    return db.session.scalars(query).unique().all()


def _placed(event: Event) -> tuple:
    return (
        Meeting.event_id == event.id,
        Meeting.status != MeetingStatus.CANCELLED,
        Meeting.slot_id.is_not(None),
    )


def reported_meetings(event: Event) -> list[ReportedMeeting]:
    """Every placed, not cancelled meeting's reports, in the list's order, from four queries
    of plain columns (thousands of meetings: no object is built for a row not shown)."""
    placed = (
        sa.select(
            Meeting.id,
            Meeting.request_id,
            MeetingRequest.requester_id,
            MeetingRequest.recipient_id,
        )  # fmt: skip
        .join(MeetingRequest, Meeting.request_id == MeetingRequest.id)
        .outerjoin(MeetingSlot, Meeting.slot_id == MeetingSlot.id)
        .outerjoin(MeetingTable, Meeting.table_id == MeetingTable.id)
        .where(*_placed(event))
        .order_by(MeetingSlot.starts_at, MeetingTable.number, Meeting.id)
    )
    meetings = db.session.execute(placed).all()
    in_event = sa.select(Meeting.id).where(*_placed(event))
    requesters: dict[int, set[int]] = defaultdict(set)
    for request_id, registration_id in db.session.execute(
        sa.select(MeetingRequestColleague.request_id, MeetingRequestColleague.registration_id)
        .join(Meeting, Meeting.request_id == MeetingRequestColleague.request_id)
        .where(*_placed(event))
    ):
        requesters[request_id].add(registration_id)
    participants: dict[int, set[int]] = defaultdict(set)
    for meeting_id, registration_id in db.session.execute(
        sa.select(MeetingParticipant.meeting_id, MeetingParticipant.registration_id).where(
            MeetingParticipant.meeting_id.in_(in_event)
        )
    ):
        participants[meeting_id].add(registration_id)
    outcomes: dict[int, dict] = defaultdict(dict)
    for row in db.session.execute(
        sa.select(
            MeetingOutcome.meeting_id, MeetingOutcome.registration_id, MeetingOutcome.attendance,
            MeetingOutcome.outcome, MeetingOutcome.amount, MeetingOutcome.currency,
        ).where(MeetingOutcome.meeting_id.in_(in_event))
    ):  # fmt: skip
        outcomes[row.meeting_id][row.registration_id] = row
    rows = []
    for meeting_id, request_id, requester_id, recipient_id in meetings:
        first = {requester_id} | requesters[request_id]
        second = (participants[meeting_id] - first) | {recipient_id}
        said = outcomes[meeting_id]
        reports = (
            _side_report(said, requester_id, first),
            _side_report(said, recipient_id, second),
        )
        attendances = frozenset(o.attendance for o in said.values())
        rows.append(ReportedMeeting(meeting_id, reports, attendances))
    return rows


def outcome_rows_of(event: Event, meeting_ids: Sequence[int]) -> list[OutcomeRow]:
    """The full rows (names, organisations, both sides' reports) of the meetings shown."""
    by_id = {meeting.id: meeting for meeting in load_meetings(event, True, meeting_ids)}
    return [outcome_row(by_id[meeting_id]) for meeting_id in meeting_ids if meeting_id in by_id]


def outcome_rows(event: Event) -> list[OutcomeRow]:
    """Every placed, not cancelled meeting with both sides' reports, in time and table order."""
    return [outcome_row(meeting) for meeting in load_meetings(event, placed_only=True)]


def shown(rows: list, show: str) -> list:
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


def summary(rows: Sequence[_Reports]) -> dict:
    """Per side of each meeting: how many reported each attendance, how many did not report;
    and the investment discussed per currency (whole units, each meeting once)."""
    attendance = dict.fromkeys(Attendance, 0)
    unreported = 0
    invested: dict[str, int] = defaultdict(int)
    for row in rows:
        for report in row.reports:
            if report is None:
                unreported += 1
            else:
                attendance[report.attendance] += 1
        reports = [report for report in row.reports if report is not None]
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
