"""The dashboard's charts, drawn from the figures (an exporter: figures in, SVG markup out).

Each chart is left out when it would be empty; the page then says so in words. The words are
in the reader's language (labels come with the figures); the organizers' names of types and
value chains as they wrote them.
"""

from dataclasses import dataclass
from itertools import accumulate

from flask_babel import format_date, pgettext
from flask_babel import gettext as _
from markupsafe import Markup

from forum.core import money
from forum.reports import charts
from forum.reports.services.counts import Count
from forum.reports.services.figures import Figures

TOP = 10  # countries, regions and value chains drawn; the tables list them all


@dataclass(frozen=True)
class DashboardCharts:
    over_time: Markup | None
    status: Markup | None
    participant_type: Markup | None
    organisation_type: Markup | None
    organisation_size: Markup | None
    country: Markup | None
    region: Markup | None
    gender: Markup | None
    funnel: Markup | None
    attendance: Markup | None
    value_chains: Markup | None
    projects: Markup | None


def _counts(counts: tuple[Count, ...], limit: int | None = None) -> Markup | None:
    if not any(c.count for c in counts):
        return None
    rows = [(c.label, c.count) for c in counts]
    return charts.bars(rows[:limit] if limit else rows, _("Delegates"))


def _over_time(figures: Figures) -> Markup | None:
    days = figures.participation.over_time
    if not days:
        return None
    return charts.lines(
        [format_date(d.day, "d MMM") for d in days],
        [
            (_("Registrations"), list(accumulate(d.registered for d in days))),
            (_("Approved"), list(accumulate(d.approved for d in days))),
        ],
    )


def _meetings(figures: Figures) -> tuple[Markup | None, Markup | None]:
    meetings = figures.meetings
    if not meetings.has_meetings:
        return None, None
    funnel = charts.grouped_bars(
        [
            _("Requests sent"),
            _("Accepted"),
            pgettext("meetings counted", "Placed"),
            pgettext("meetings counted", "Held"),
        ],
        [(f.label, [f.sent, f.accepted, f.placed, f.held]) for f in meetings.funnels],
    )
    attendance = None
    if meetings.placed or meetings.cancelled:
        attendance = charts.bars(
            [
                (pgettext("meetings counted", "Held"), meetings.held),
                (_("No-show"), meetings.no_show),
                (_("Cancelled on the day"), meetings.cancelled_on_day),
                (_("Not reported yet"), meetings.unreported),
                (_("Cancelled before"), meetings.cancelled),
            ],
            _("Meetings"),
        )
    return funnel, attendance


def _value_chains(figures: Figures) -> Markup | None:
    chains = figures.value_chains[:TOP]
    if not chains:
        return None
    return charts.grouped_bars(
        [c.name for c in chains],
        [
            (_("Requests"), [c.requests for c in chains]),
            (_("Meetings"), [c.meetings for c in chains]),
        ],
    )


def _projects(figures: Figures) -> Markup | None:
    projects = figures.projects
    rows = projects.by_value_chain[:TOP]
    if not any(r.sought.converted or r.interest_amount.converted for r in rows):
        return None
    currency = projects.report_currency

    def major(total) -> int:
        return int(money.to_major(total.converted or 0, currency))

    return charts.grouped_bars(
        [r.name for r in rows],
        [
            (_("Amount sought"), [major(r.sought) for r in rows]),
            (_("Interest"), [major(r.interest_amount) for r in rows]),
            (_("Committed"), [major(r.committed) for r in rows]),
        ],
        formatter=charts.compact,
    )


def dashboard_charts(figures: Figures, money_shown: bool) -> DashboardCharts:
    """Every chart of the dashboard; the project money only for those who may see it."""
    people = figures.participation
    funnel, attendance = _meetings(figures)
    return DashboardCharts(
        over_time=_over_time(figures),
        status=_counts(people.by_status),
        participant_type=_counts(people.by_participant_type),
        organisation_type=_counts(people.by_organisation_type),
        organisation_size=_counts(people.by_organisation_size),
        country=_counts(people.by_country, TOP),
        region=_counts(people.by_region, TOP),
        gender=_counts(people.by_gender),
        funnel=funnel,
        attendance=attendance,
        value_chains=_value_chains(figures),
        projects=_projects(figures) if money_shown else None,
    )
