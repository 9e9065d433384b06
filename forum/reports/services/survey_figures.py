"""The survey after the forum in the team's figures: responses, the response rate and each
rating's average (forum/surveys/services/results.py, a fixed number of queries), and, for
the funder report, a section with the figures and the free-text answers, never named."""

from flask_babel import gettext as _

from forum.events.models import Event
from forum.reports.services.report_tables import ReportTable, Section, share
from forum.surveys.models import QuestionKind
from forum.surveys.services.results import SurveyResults, survey_results
from forum.surveys.services.setup import survey_of

TEXTS_IN_REPORT = 30  # free-text answers per question in the funder report: a sample to read


def survey_figures(event: Event, texts: bool = False) -> SurveyResults | None:
    """The survey's figures in the current language; None when the event has no survey."""
    survey = survey_of(event)
    return survey_results(survey, texts=texts) if survey is not None else None


def survey_section(results: SurveyResults | None) -> Section | None:
    """The funder report's section from the survey's figures with their free answers (call
    inside force_locale): None without a survey."""
    if results is None:
        return None
    section = Section(
        "survey",
        _("Survey after the forum"),
        facts=[
            (_("Responses"), results.responses),
            (_("Response rate"), share(results.responses, results.delegates)),
        ],
        note=_(
            "Answered by the approved delegates after the forum; ratings from 1 (not at all) "
            "to 5 (very much). Free-text answers are shown without names."
        ),
        texts_last=True,
    )
    if not results.responses:
        section.empty = _("No answers yet.")
        return section
    ratings = results.ratings
    if ratings:
        section.tables.append(
            ReportTable(
                key="survey_ratings",
                title=_("Ratings"),
                columns=[_("Question"), _("Answers"), _("Average"), *map(str, range(1, 6))],
                rows=[
                    [q.wording, q.answered, q.average, *q.distribution.values()] for q in ratings
                ],
            )
        )
    choices = [q for q in results.questions if q.kind == QuestionKind.YES_NO]
    if choices:
        section.tables.append(
            ReportTable(
                key="survey_yes_no",
                title=_("Yes or no"),
                columns=[_("Question"), _("Yes"), _("No"), _("Share of yes")],
                rows=[[q.wording, q.yes, q.no, share(q.yes, q.answered)] for q in choices],
            )
        )
    section.texts = [
        (q.wording, [text for text, _name in q.texts[:TEXTS_IN_REPORT]])
        for q in results.questions
        if q.kind == QuestionKind.TEXT and q.texts
    ]
    return section
