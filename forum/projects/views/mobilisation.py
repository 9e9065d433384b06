"""Organizer page: resource mobilisation, from the latest commitment of each investor."""

from flask import render_template

from forum.core.labels import COMMITMENT_LABELS
from forum.projects.blueprint import bp
from forum.projects.services.interest import meeting_investment, mobilisation
from forum.web.access import REVIEWER, VIEWER, team_required


@bp.get("/events/<slug>/manage/mobilisation")
@team_required(REVIEWER, VIEWER)
def mobilisation_report(event):
    return render_template(
        "projects/investment/mobilisation.html",
        event=event,
        totals=mobilisation(event),
        statuses=COMMITMENT_LABELS,
        discussed=meeting_investment(event),
    )
