"""The meetings export of the outcomes page: every meeting, both sides' reports, one row each."""

from flask_babel import gettext as _

from forum.core.exports import Cell, Table
from forum.core.labels import label
from forum.core.timerange import to_local
from forum.events.models import Event
from forum.meetings.services.outcomes_report import OutcomeRow, load_meetings, outcome_row


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
    rows = [outcome_row(meeting) for meeting in load_meetings(event, placed_only=False)]
    return Table(title="meetings", columns=_columns(), rows=[_export_row(event, r) for r in rows])
