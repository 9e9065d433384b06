"""The organizer's survey pages: its setup, "send now", the answers and their CSV."""

import io

from flask import flash, redirect, render_template, send_file, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from forum.core import exports
from forum.core.errors import DomainError
from forum.surveys.blueprint import bp
from forum.surveys.forms import SendNowForm, SurveySetupForm
from forum.surveys.models import QuestionKind
from forum.surveys.services import invitations, results, setup
from forum.web.access import organizer_required
from forum.web.formerrors import show_errors
from forum.web.pagination import paginate_list, requested_page
from forum.web.transaction import undo


@bp.route("/events/<slug>/manage/survey", methods=["GET", "POST"])
@organizer_required
def survey_setup(event):
    survey = setup.survey_of(event)
    form = SurveySetupForm()
    if not form.is_submitted():
        form.fill(setup.input_of(survey) if survey else setup.default_input(event))
    elif form.validate():
        try:
            setup.save_survey(event, form.to_input())
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            flash(_("The survey has been saved."), "success")
            return redirect(url_for("surveys.survey_setup", slug=event.slug))
        survey = setup.survey_of(event)
    return render_template(
        "surveys/manage/setup.html",
        event=event,
        form=form,
        survey=survey,
        state=setup.state(survey) if survey else None,
        answered=setup.has_answers(survey) if survey else False,
        invited=invitations.invited_count(survey) if survey else 0,
        send_form=SendNowForm(),
    )


@bp.post("/events/<slug>/manage/survey/send")
@organizer_required
def send_survey(event):
    survey = setup.survey_of(event)
    if survey is None:
        flash(_("Set up the survey first."), "warning")
        return redirect(url_for("surveys.survey_setup", slug=event.slug))
    if SendNowForm().validate_on_submit():
        try:
            sent = invitations.send_now(survey)
        except DomainError as error:
            flash(str(undo(error)), "danger")
        else:
            flash(
                ngettext(
                    "%(num)d invitation written to the outbox.",
                    "%(num)d invitations written to the outbox.",
                    sent,
                )
                if sent
                else _("Every delegate has been invited already."),
                "success" if sent else "info",
            )
    return redirect(url_for("surveys.survey_setup", slug=event.slug))


@bp.get("/events/<slug>/manage/survey/answers")
@organizer_required
def survey_answers(event):
    survey = setup.survey_of(event)
    found = None
    if survey is not None:
        found = results.survey_results(survey, str(get_locale()), text_page=requested_page())
    # Pages of free texts: as many as the question with the most of them needs.
    questions = found.questions if found else []
    most = max((q.answered for q in questions if q.kind == QuestionKind.TEXT), default=0)
    return render_template(
        "surveys/manage/answers.html",
        event=event,
        survey=survey,
        results=found,
        pagination=paginate_list(range(most), results.TEXTS_PER_PAGE),
        invited=invitations.invited_count(survey) if survey else 0,
    )


@bp.get("/events/<slug>/manage/survey/answers.csv")
@organizer_required
def survey_csv(event):
    survey = setup.survey_of(event)
    if survey is None:
        flash(_("Set up the survey first."), "warning")
        return redirect(url_for("surveys.survey_setup", slug=event.slug))
    content, exporter = exports.render_table("csv", results.answers_table(survey))
    return send_file(
        io.BytesIO(content),
        mimetype=exporter.content_type,
        as_attachment=True,
        download_name=f"{event.slug}-survey.csv",
        max_age=0,
    )
