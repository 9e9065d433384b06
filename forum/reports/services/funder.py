"""The funder report: the event's figures, the organizer's narrative and custom indicators,
as sections of tables that the PDF and the XLSX both print (funder_files.py).

The counts come from the dashboard's figures (figures.event_figures, a fixed number of
queries); this module only adds what the report alone shows (women-led organisations,
commitments by instrument, the exchange rates) and arranges everything for a reader. Build it
inside force_locale(language): labels, country names and the chosen texts follow it.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext, pgettext

from forum.core import money
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Organisation, OrganisationSize, Registration
from forum.registration.models import RegistrationStatus as Status
from forum.registration.services.registration import reaches_desk
from forum.reports.models import ReportIndicator, in_language
from forum.reports.services.content import indicators_of, narrative_of
from forum.reports.services.counts import Count
from forum.reports.services.figures import Figures, event_figures
from forum.reports.services.funder_money import outcomes_section, projects_section
from forum.reports.services.report_tables import Cell, ReportTable, Section, Share, share
from forum.reports.services.survey_figures import survey_section

MSME = (OrganisationSize.MICRO, OrganisationSize.SMALL, OrganisationSize.MEDIUM)


@dataclass
class FunderReport:
    event: Event
    language: str
    figures: Figures
    facts: list[tuple[str, Cell]]
    sections: list[Section]


def _count_rows(counts, whole: int) -> list[list[Cell]]:
    return [[c.label, c.count, share(c.count, whole)] for c in counts]


def _counted(key: str, title: str, counts, whole: int, first: str, note: str = "") -> ReportTable:
    return ReportTable(
        key=key,
        title=title,
        columns=[first, _("Participants"), _("Share")],
        rows=_count_rows(counts, whole),
        note=note,
        total=[_("Total"), whole, share(whole, whole)] if whole else None,
    )


def organisations_count(event: Event) -> tuple[int, int]:
    """The organisations of the approved participants: how many, and how many are women-led."""
    row = db.session.execute(
        sa.select(
            sa.func.count(sa.distinct(Organisation.id)),
            sa.func.count(sa.distinct(sa.case((Organisation.women_led, Organisation.id)))),
        )
        .select_from(Registration)
        .join(Organisation, Registration.organisation_id == Organisation.id)
        .where(
            Registration.event_id == event.id,
            Registration.status == Status.APPROVED,
            reaches_desk(),
        )
    ).one()
    return row[0], row[1]


TOP_REGIONS = 12  # a longer list goes on over a page for one or two rows: the rest is summed


def _top_regions(regions) -> list:
    if len(regions) <= TOP_REGIONS + 1:
        return list(regions)
    rest = regions[TOP_REGIONS:]
    other = Count("", _("Other regions (%(num)d)", num=len(rest)), sum(r.count for r in rest))
    return [*regions[:TOP_REGIONS], other]


def _participation(event: Event, figures: Figures) -> Section:
    people = figures.participation
    whole = people.approved
    organisations, women_led = organisations_count(event)
    women = next((c.count for c in people.by_gender if c.key == "female"), 0)
    msme = sum(c.count for c in people.by_organisation_size if c.key in MSME)
    section = Section(
        "participation",
        _("Participation"),
        facts=[
            (_("Participants"), whole),
            (_("Organisations"), organisations),
            (_("Countries"), len([c for c in people.by_country if c.key])),
            (_("Women"), share(women, whole)),
            (_("Women-led organisations"), women_led),
        ],
        note=ngettext(
            "Approved participants (%(num)d registration in all). Figures by "
            "organisation count the participants of each kind of organisation.",
            "Approved participants (%(num)d registrations in all). Figures by "
            "organisation count the participants of each kind of organisation.",
            people.registrations,
        ),
    )
    if people.checked_in:  # an event that checked nobody in (or not yet) leaves it out
        section.facts.append((_("Participants checked in"), people.checked_in))
    if not whole:
        section.empty = _("No approved participants yet.")
        return section
    section.tables = [
        _counted(
            "participant_types",
            _("By participant type"),
            people.by_participant_type,
            whole,
            _("Participant type"),
        ),
        _counted(
            "organisation_types",
            _("By type of organisation"),
            people.by_organisation_type,
            whole,
            _("Type of organisation"),
        ),
        _counted(
            "organisation_sizes",
            _("By size of organisation"),
            people.by_organisation_size,
            whole,
            _("Size"),
            note=_(
                "Participants from micro, small and medium enterprises (MSMEs): %(num)d.", num=msme
            ),
        ),
        _counted("countries", _("By country"), people.by_country, whole, _("Country")),
        _counted("gender", _("By gender"), people.by_gender, whole, _("Gender")),
        ReportTable(
            key="women_led",
            title=_("Women-led organisations"),
            columns=[_("Organisations"), _("Number"), _("Share")],
            rows=[
                [_("Led by women"), women_led, share(women_led, organisations)],
                [
                    _("Other organisations"),
                    organisations - women_led,
                    share(organisations - women_led, organisations),
                ],
            ],
            total=[_("Total"), organisations, share(organisations, organisations)],
            note=_("As the organisations declared when they registered."),
        ),
        _counted("regions", _("By region"), _top_regions(people.by_region), whole, _("Region")),
    ]
    return section


def _meetings(figures: Figures) -> Section:
    meetings = figures.meetings
    section = Section(
        "meetings",
        _("B2B and B2G meetings"),
        facts=[
            (_("Requests"), meetings.requests),
            (_("Meetings placed"), meetings.placed),
            (_("Meetings held"), meetings.held),
            (_("No-shows"), meetings.no_show),
        ],
    )
    if not meetings.has_meetings:
        section.facts = []
        section.empty = _("No meetings yet.")
        return section
    funnel_rows = [[f.label, f.sent, f.accepted, f.placed, f.held] for f in meetings.funnels]
    section.tables = [
        ReportTable(
            key="funnel",
            title=_("From request to meeting"),
            columns=[
                _("Kind"),
                _("Requested"),
                _("Accepted"),
                pgettext("meetings counted", "Placed"),
                pgettext("meetings counted", "Held"),
            ],
            rows=funnel_rows,
            total=[_("Total"), *(sum(row[i] for row in funnel_rows) for i in range(1, 5))],
            note=_(
                "B2B: between businesses. B2G: a business and a government body. Held: at "
                "least one side reported the meeting as held."
            ),
        ),
        ReportTable(
            key="attendance",
            title=_("What became of the meetings"),
            columns=[_("Meetings"), _("Number")],
            rows=[
                [pgettext("meetings counted", "Held"), meetings.held],
                [_("No-show"), meetings.no_show],
                [_("Cancelled on the day"), meetings.cancelled_on_day],
                [_("Not reported yet"), meetings.unreported],
                [_("Cancelled beforehand"), meetings.cancelled],
                [_("Accepted, waiting for a time"), meetings.unplaced],
            ],
            total=[_("Total"), meetings.meetings],
        ),
    ]
    if figures.value_chains:
        section.tables.append(
            ReportTable(
                key="value_chains",
                title=_("By value chain"),
                columns=[_("Value chain"), _("Requests"), _("Meetings")],
                rows=[[c.name, c.requests, c.meetings] for c in figures.value_chains],
                note=_("A request or meeting counts in each value chain either side works in."),
            )
        )
    return section


def _narrative(event: Event, language: str) -> Section | None:
    narrative = narrative_of(event)
    if narrative is None:
        return None
    texts = []
    for name, title in (
        ("objectives", _("Objectives")),
        ("results", _("Results")),
        ("lessons", _("Lessons learned")),
    ):
        text = in_language(narrative, name, language)
        if text:
            paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
            texts.append((title, paragraphs))
    if not texts:
        return None
    return Section("narrative", _("Objectives, results and lessons"), texts=texts)


def _indicator_row(indicator: ReportIndicator, language: str) -> list[Cell]:
    target = indicator.target
    achieved = Share(float(indicator.value / target)) if target else Share(None)
    return [indicator.name(language), indicator.value, indicator.unit(language), target, achieved]


def _indicators(event: Event, language: str) -> Section | None:
    indicators = indicators_of(event)
    if not indicators:
        return None
    return Section(
        "indicators",
        _("Indicators"),
        tables=[
            ReportTable(
                key="indicators",
                title=_("The event's own indicators"),
                columns=[_("Indicator"), _("Value"), _("Unit"), _("Target"), _("Achieved")],
                rows=[_indicator_row(i, language) for i in indicators],
                note=_("Figures reported by the organizers."),
            )
        ],
    )


def funder_report(event: Event, language: str) -> FunderReport:
    """The whole report in `language` (call inside force_locale(language))."""
    figures = event_figures(event, survey_texts=True)
    rates = money.rates_of(event)
    sections = [
        _participation(event, figures),
        _meetings(figures),
        outcomes_section(event, figures, rates),
        projects_section(event, figures, rates),
    ]
    extra = (
        survey_section(figures.survey),
        _narrative(event, language),
        _indicators(event, language),
    )
    sections += [s for s in extra if s]
    facts = sections[0].facts[:3] + [
        (_("Meetings held"), figures.meetings.held),
        (_("Projects presented"), figures.projects.accepted),
    ]
    return FunderReport(event, language, figures, facts, sections)
