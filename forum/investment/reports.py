"""Organizer page: resource mobilisation, from the latest commitment of each investor."""

from flask import render_template

from forum.auth import organizer_required
from forum.investment import bp
from forum.investment.forms import COMMITMENT_LABELS
from forum.services.interest import mobilisation


@bp.get("/events/<slug>/manage/mobilisation")
@organizer_required
def mobilisation_report(event):
    return render_template(
        "investment/mobilisation.html",
        event=event,
        totals=mobilisation(event),
        statuses=COMMITMENT_LABELS,
    )
