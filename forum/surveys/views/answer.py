"""The delegate's page: the survey's questions, their answers kept until it closes."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from forum.core.errors import DomainError
from forum.surveys.blueprint import bp
from forum.surveys.forms import answer_form, answer_values, field_name
from forum.surveys.services import answers, setup
from forum.web.access import approved_registration
from forum.web.formerrors import show_errors
from forum.web.transaction import undo


@bp.route("/events/<slug>/survey", methods=["GET", "POST"])
@login_required  # the invitation's link leads through the login page back here
def answer(slug):
    registration = approved_registration(slug)
    event = registration.event
    survey = setup.survey_of(event)
    if survey is None:
        return render_template("surveys/answer.html", event=event, survey=None, form=None)
    refusal = answers.refusal(survey)
    response = answers.response_of(survey, registration)
    form = answer_form(survey)
    if refusal is None and not form.is_submitted():
        given = answers.answers_by_question(response)
        for question in survey.questions:
            if question.id in given:
                value = given[question.id]
                form[field_name(question)].data = str(value) if isinstance(value, int) else value
    elif form.is_submitted() and refusal is not None:
        flash(refusal, "warning")  # closed while the page was open: nothing is saved
        return redirect(url_for("surveys.answer", slug=event.slug))
    elif form.validate_on_submit():
        try:
            answers.submit(survey, registration, answer_values(form, survey))
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            flash(_("Thank you: your answers have been saved."), "success")
            return redirect(url_for("surveys.answer", slug=event.slug))
    return render_template(
        "surveys/answer.html",
        event=event,
        survey=survey,
        form=form,
        refusal=refusal,
        response=response,
        field_name=field_name,
    )
