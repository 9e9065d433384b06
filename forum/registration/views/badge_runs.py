"""Printing badges as a background run: choose whose badges and the layout, follow the
progress and download the file on the documents pages (the same job as the bulk agendas)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, RadioField, SelectField, SubmitField

from forum.core.form import Form
from forum.documents import job_runner
from forum.documents.services import jobs as document_jobs
from forum.registration.blueprint import bp
from forum.registration.services import badge_runs
from forum.registration.services.badge_runs import BadgeSelection
from forum.registration.views.badges import BADGES_IN_REQUEST
from forum.web.access import DESK, team_required

BADGES = "badges"  # the document kind


class BadgeRunForm(Form):
    layout = RadioField(
        _l("Layout"),
        choices=[
            ("sheet", _l("A4 sheets, 8 badges per page, with cutting guides")),
            ("single", _l("One badge per page (100 × 70 mm), for card printers")),
        ],
        default="sheet",
    )
    participant_type = SelectField(_l("Participant type"), choices=[], default="")
    checked_in = SelectField(
        _l("Check-in"),
        choices=[
            ("", _l("Everyone")),
            ("no", _l("Only those not checked in")),
            ("yes", _l("Only those checked in")),
        ],
        default="",
    )
    not_printed = BooleanField(
        _l("Only delegates whose badge was not printed yet"),
        description=_l("A badge counts as printed once a print run that holds it has finished."),
    )
    submit = SubmitField(_l("Print badges"))

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant_type.choices = [("", _("All types"))] + [
            (str(t.id), t.label()) for t in event.participant_types
        ]

    def selection(self) -> BadgeSelection:
        type_id = self.participant_type.data
        return BadgeSelection(
            layout=self.layout.data,
            participant_type_id=int(type_id) if type_id else None,
            checked_in=self.checked_in.data or "",
            not_printed=bool(self.not_printed.data),
        )


@bp.route("/events/<slug>/manage/badges", methods=["GET", "POST"])
@team_required(DESK)
def badges(event):
    form = BadgeRunForm(event)
    if form.validate_on_submit():
        selection = form.selection()
        options = selection.as_options()
        job = document_jobs.active_job(event, BADGES, options)  # a second click follows it
        if job is None:
            if not badge_runs.count_selected(event, selection):
                flash(_("No approved delegate matches these choices: nothing to print."), "warning")
                return redirect(url_for("registration.badges", slug=event.slug))
            job = document_jobs.create_job(event, BADGES, current_user, options)
            job_runner.start_after_commit(job)
        return redirect(url_for("documents.document_job", slug=event.slug, job_id=job.id))
    document_jobs.expire_stale_jobs(event)
    runs = document_jobs.recent_jobs_of(event, BADGES)
    return render_template(
        "registration/manage/badges.html",
        event=event,
        form=form,
        approved=badge_runs.count_selected(event, BadgeSelection()),
        not_printed=badge_runs.count_selected(event, BadgeSelection(not_printed=True)),
        in_request=BADGES_IN_REQUEST,
        runs=[(job, BadgeSelection.from_options(job.options).describe(event)) for job in runs],
    )
