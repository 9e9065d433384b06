"""Organizer page: resource mobilisation, from the latest commitment of each investor."""

from flask import render_template

from forum.core.labels import COMMITMENT_LABELS
from forum.projects.blueprint import bp
from forum.projects.services.interest import mobilisation
from forum.web.access import organizer_required


@bp.get("/events/<slug>/manage/mobilisation")
@organizer_required
def mobilisation_report(event):
    return render_template(
        "projects/investment/mobilisation.html",
        event=event,
        totals=mobilisation(event),
        statuses=COMMITMENT_LABELS,
    )
