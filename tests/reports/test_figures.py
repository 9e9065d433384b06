"""The figures service: exact values on a small world, and the same query count at any size."""

from datetime import date

from forum.meetings.models import MeetingKind
from forum.projects.models import CommitmentStatus
from forum.projects.services.interest import meeting_investment
from forum.reports.services.counts import Count, DayCount
from forum.reports.services.figures import event_figures
from forum.reports.services.meeting_figures import Funnel
from tests.reports.world import build_world


def _counts(counts) -> dict[str, int]:
    return {c.key: c.count for c in counts}


def test_participation_meetings_and_value_chains(db):
    world = build_world()
    everything = event_figures(world.event)
    figures = everything.participation
    assert figures.registrations == 5  # the unconfirmed self-registration is left out
    assert _counts(figures.by_status) == {
        "submitted": 1,
        "approved": 3,
        "rejected": 0,
        "waiting": 1,
        "cancelled": 0,
    }
    assert figures.approved == 3 and figures.checked_in == 1
    types = {t.name_es: t.id for t in world.event.participant_types}
    assert [(c.label, c.count, c.key) for c in figures.by_participant_type] == [
        ("Investor", 1, str(types["Investor"])),
        ("Producer", 2, str(types["Producer"])),
    ]
    assert [(c.key, c.count) for c in figures.by_organisation_type] == [
        ("investor", 1),
        ("national_gov", 1),
        ("producer_org", 1),
    ]
    assert [(c.key, c.count) for c in figures.by_organisation_size] == [
        ("micro", 0),
        ("small", 1),
        ("medium", 0),
        ("large", 1),
        ("", 1),
    ]
    assert figures.by_country == (Count("PE", "Peru", 2), Count("CO", "Colombia", 1))
    assert [(r.label, r.count) for r in figures.by_region] == [
        ("Cajamarca (Peru)", 1),
        ("Lima (Peru)", 1),
        ("Not given (Colombia)", 1),
    ]
    assert _counts(figures.by_gender) == {"female": 2, "male": 1, "other": 0, "undisclosed": 0}
    # Rome is two hours ahead in September: noon UTC stays on the same day
    assert figures.over_time == (
        DayCount(date(2023, 9, 1), registered=4, approved=2),
        DayCount(date(2023, 9, 2), registered=1, approved=1),
    )

    _meeting_funnel_outcomes_and_grid(everything.meetings)
    _value_chains_by_requests_and_meetings(everything.value_chains)


def _meeting_funnel_outcomes_and_grid(figures):
    assert figures.funnels == (
        Funnel(MeetingKind.B2B, "B2B", sent=3, accepted=2, placed=1, held=1),
        Funnel(MeetingKind.B2G, "B2G", sent=2, accepted=2, placed=2, held=0),
    )
    assert (figures.requests, figures.meetings, figures.placed, figures.unplaced) == (5, 4, 3, 0)
    assert (figures.held, figures.no_show, figures.cancelled_on_day) == (1, 1, 0)
    assert (figures.unreported, figures.cancelled) == (1, 1)
    assert _counts(figures.outcomes) == {
        "follow_up": 1,
        "partnership": 0,
        "investment": 1,
        "none": 1,
    }
    assert (figures.slots, figures.tables, figures.capacity) == (4, 2, 8)
    assert figures.utilisation == 3 / 8
    assert figures.has_meetings


def _value_chains_by_requests_and_meetings(chains):
    # Café: every request has a side in it; Cacao: Bruno's three
    assert [(c.name, c.requests, c.meetings) for c in chains] == [
        ("Café", 5, 3),
        ("Cacao", 3, 2),
    ]


def test_projects_money_per_value_chain(db):
    world = build_world()
    figures = event_figures(world.event).projects
    assert figures.report_currency == "USD"
    assert _counts(figures.by_status) == {
        "submitted": 1,
        "needs_changes": 0,
        "accepted": 3,
        "rejected": 0,
    }
    assert figures.accepted == 3
    assert figures.sought.by_currency == {"EUR": 200_000_00, "USD": 500_000_00}
    assert (figures.sought.converted, figures.sought.count) == (720_000_00, 2)
    assert figures.interests == 2
    assert figures.interest_amount.by_currency == {"USD": 100_000_00}
    committed = figures.mobilisation[CommitmentStatus.COMMITTED]
    assert (committed.converted, committed.count) == (80_000_00, 1)
    assert figures.mobilisation[CommitmentStatus.IN_TALKS].count == 0  # the latest one counts
    rows = [
        (r.name, r.projects, r.sought.converted, r.interests, r.committed.converted)
        for r in figures.by_value_chain
    ]
    assert rows == [
        ("Café", 2, 720_000_00, 2, 80_000_00),
        ("Cacao", 1, 220_000_00, 1, 0),
        ("No value chain", 1, 0, 0, 0),
    ]
    # the investment discussed in meetings, as the mobilisation report counts it
    discussed = figures.discussed
    assert discussed == meeting_investment(world.event)
    assert (discussed.by_currency, discussed.count) == ({"USD": 1_000_000_00}, 1)


def test_an_event_without_meetings(db):
    figures = event_figures(build_world(with_meetings=False).event)
    assert not figures.meetings.has_meetings
    assert figures.meetings.utilisation is None
    assert figures.value_chains == ()
    assert figures.projects.discussed.count == 0
