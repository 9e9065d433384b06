"""Every live figure of an event in one object, for the dashboard and the funder report.

Each part is computed with a fixed number of grouped queries (participation.py,
meeting_figures.py, project_figures.py, survey_figures.py), so the cost does not grow with the
event.
"""

from dataclasses import dataclass

from forum.events.models import Event
from forum.reports.services.meeting_figures import (
    MeetingFigures,
    ValueChainCount,
    meeting_figures,
    top_value_chains,
)
from forum.reports.services.participation import Participation, participation
from forum.reports.services.project_figures import ProjectFigures, project_figures
from forum.reports.services.survey_figures import survey_figures
from forum.surveys.services.results import SurveyResults


@dataclass(frozen=True)
class Figures:
    participation: Participation
    meetings: MeetingFigures
    value_chains: tuple[ValueChainCount, ...]  # most requests first
    projects: ProjectFigures | None  # None when asked without (the desk sees no money)
    survey: SurveyResults | None = None  # None when the event has no survey


def event_figures(event: Event, with_projects: bool = True, survey_texts: bool = False) -> Figures:
    """Every figure; `survey_texts` adds the survey's free answers (the funder report's)."""
    return Figures(
        participation=participation(event),
        meetings=meeting_figures(event),
        value_chains=top_value_chains(event),
        projects=project_figures(event) if with_projects else None,
        survey=survey_figures(event, texts=survey_texts),
    )
