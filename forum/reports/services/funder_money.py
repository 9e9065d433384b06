"""The funder report's money: the meetings' outcomes (investment discussed, apart from any
commitment) and the projects with the resources they mobilised, in each currency and in the
report currency with the organizer's rates (projects/services/interest.py)."""

from collections import defaultdict

from flask_babel import gettext as _

from forum.core.labels import COMMITMENT_LABELS, INSTRUMENT_LABELS
from forum.events.models import Event
from forum.projects.models import CommitmentStatus
from forum.projects.services.interest import StatusTotal, latest_commitments, to_report_minor
from forum.reports.services.counts import Count
from forum.reports.services.figures import Figures
from forum.reports.services.report_tables import Amount, Cell, ReportTable, Section


def _money_rows(
    event: Event, rates: dict, total: StatusTotal, first: list[Cell]
) -> list[list[Cell]]:
    """One row per currency: the amount, and in the report currency when a rate allows."""
    currency = event.report_currency
    rows = []
    for code, minor in total.by_currency.items():
        converted = to_report_minor(minor, code, event, rates)
        in_report = Amount(converted, currency) if converted is not None else _("no rate")
        rows.append([*first, code, Amount(minor, code), in_report])
    return rows


def _in_report(total: StatusTotal, currency: str) -> Cell:
    if total.converted is not None:
        return Amount(total.converted, currency)
    return _("no rate for %(currencies)s", currencies=", ".join(total.missing_rates))


def outcomes_section(event: Event, figures: Figures, rates: dict) -> Section:
    meetings = figures.meetings
    discussed = figures.projects.discussed
    currency = event.report_currency
    section = Section(
        "outcomes",
        _("Outcomes of the meetings"),
        facts=[
            (_("Follow-ups agreed"), _outcome(meetings.outcomes, "follow_up")),
            (_("Partnerships"), _outcome(meetings.outcomes, "partnership")),
            (_("Investment discussed"), _in_report(discussed, currency)),
        ],
        note=_(
            "As the delegates reported them after their meetings; each side of a meeting "
            "reports for itself."
        ),
    )
    if not meetings.has_meetings:
        section.facts = []
        section.empty = _("No meetings yet.")
        return section
    section.tables.append(
        ReportTable(
            key="outcomes",
            title=_("Outcomes reported"),
            columns=[_("Outcome"), _("Reports")],
            rows=[[c.label, c.count] for c in meetings.outcomes],
            total=[_("Total"), sum(c.count for c in meetings.outcomes)],
        )
    )
    if discussed.by_currency:  # nothing reported: the headline figure says it
        section.tables.append(
            ReportTable(
                key="investment_discussed",
                title=_("Investment discussed in meetings (not a commitment)"),
                columns=[_("Currency"), _("Amount"), _("In %(currency)s", currency=currency)],
                rows=[row for row in _money_rows(event, rates, discussed, [])],
                # one currency needs no total; several add up in the report currency
                total=[_("Total"), None, _in_report(discussed, currency)]
                if len(discussed.by_currency) > 1
                else None,
                note=_(
                    "Meetings where delegates reported an investment discussed: %(num)d. An "
                    "indication, not a commitment, and never added to the resources mobilised; a "
                    "meeting counts once, with the larger figure when both sides gave one.",
                    num=discussed.count,
                ),
            )
        )
    return section


def _outcome(counts: tuple[Count, ...], key: str) -> int:
    return next((c.count for c in counts if c.key == key), 0)


def commitments_by_instrument(event: Event) -> dict[tuple, int]:
    """The latest commitment of each investor (declined ones left out), summed by instrument,
    status and currency: {(instrument or None, status, currency): minor units}; and counted."""
    sums: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for commitment in latest_commitments(event).values():
        if commitment.status == CommitmentStatus.DECLINED:
            continue
        key = (commitment.instrument, commitment.status, commitment.currency)
        sums[key][0] += 1
        sums[key][1] += commitment.amount or 0
    return {key: tuple(value) for key, value in sums.items()}


STATUS_ORDER = (CommitmentStatus.COMMITTED, CommitmentStatus.TERM_SHEET, CommitmentStatus.IN_TALKS)


def projects_section(event: Event, figures: Figures, rates: dict) -> Section:
    projects = figures.projects
    currency = event.report_currency
    committed = projects.mobilisation[CommitmentStatus.COMMITTED]
    section = Section(
        "projects",
        _("Projects and resources mobilised"),
        facts=[
            (_("Projects presented"), projects.accepted),
            (_("Amount sought"), _in_report(projects.sought, currency)),
            (_("Investors' interests"), projects.interests),
            (_("Committed"), _in_report(committed, currency)),
        ],
    )
    if not projects.has_projects:
        section.facts = []
        section.empty = _("No projects yet.")
        return section
    section.tables.append(
        ReportTable(
            key="projects_by_value_chain",
            title=_("Projects by value chain"),
            columns=[
                _("Value chain"),
                _("Projects"),
                _("Amount sought"),
                _("Interests"),
                _("Interest indicated"),
                _("Committed"),
            ],
            rows=[
                [
                    row.name,
                    row.projects,
                    _in_report(row.sought, currency),
                    row.interests,
                    _in_report(row.interest_amount, currency),
                    _in_report(row.committed, currency),
                ]
                for row in projects.by_value_chain
            ],
            note=_(
                "Accepted projects; amounts in %(currency)s. A project in two value chains "
                "counts in both.",
                currency=currency,
            ),
        )
    )
    status_rows = []
    for status in STATUS_ORDER:
        total = projects.mobilisation[status]
        label = str(COMMITMENT_LABELS[status])
        status_rows += _money_rows(event, rates, total, [label, total.count])
    section.tables.append(
        ReportTable(
            key="mobilisation",
            title=_("Resources mobilised by status"),
            columns=[
                _("Status"),
                _("Investors"),
                _("Currency"),
                _("Amount"),
                _("In %(currency)s", currency=currency),
            ],
            rows=status_rows,
            note=_("The latest status recorded for each investor and project."),
        )
    )
    instrument_rows = []
    for (instrument, status, code), (count, minor) in sorted(
        commitments_by_instrument(event).items(),
        key=lambda item: (
            STATUS_ORDER.index(item[0][1]),
            str(INSTRUMENT_LABELS.get(item[0][0], "")),
            item[0][2],
        ),
    ):
        converted = to_report_minor(minor, code, event, rates)
        instrument_rows.append(
            [
                str(INSTRUMENT_LABELS[instrument]) if instrument else _("Not given"),
                str(COMMITMENT_LABELS[status]),
                count,
                Amount(minor, code),
                Amount(converted, currency) if converted is not None else _("no rate"),
            ]
        )
    if instrument_rows:
        section.tables.append(
            ReportTable(
                key="instruments",
                title=_("Commitments by instrument and currency"),
                columns=[
                    _("Instrument"),
                    _("Status"),
                    _("Investors"),
                    _("Amount"),
                    _("In %(currency)s", currency=currency),
                ],
                rows=instrument_rows,
            )
        )
    rate_rows = [[code, rate] for code, rate in sorted(rates.items()) if code != currency]
    if rate_rows:
        section.tables.append(
            ReportTable(
                key="rates",
                title=_("Exchange rates"),
                columns=[_("Currency"), _("Value of one unit in %(currency)s", currency=currency)],
                rows=rate_rows,
                note=_("The rates the organizers set for this report."),
            )
        )
    return section
