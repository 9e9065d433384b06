"""The organizer's setup form and the delegate's answer form (built from the questions)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FormField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from forum.core.form import Form, Limit, SubForm
from forum.core.labels import QUESTION_KIND_LABELS
from forum.surveys.models import QuestionKind, Survey
from forum.surveys.questions import FIXED, MAX_CUSTOM, RATINGS, TEXT_LIMIT, WORDING_LIMIT, wording
from forum.surveys.services.setup import CUSTOM_KINDS, CustomQuestion, SurveyInput

NO_QUESTION = ""
CUSTOM_KIND_CHOICES = [
    (NO_QUESTION, _l("No question")),
    *((kind.value, QUESTION_KIND_LABELS[kind]) for kind in CUSTOM_KINDS),
]


def _offered(form, field) -> None:
    """A value the page never offers (a forged form) gets a message, not WTForms' English."""
    if field.data not in {value for value, _label in field.choices}:
        raise ValidationError(_l("Choose one of the answers offered."))


class CustomQuestionForm(SubForm):
    """One question of the organizer's own (a subform: the CSRF token is the outer form's)."""

    kind = SelectField(
        _l("Kind of answer"),
        choices=CUSTOM_KIND_CHOICES,
        default=NO_QUESTION,
        validate_choice=False,
        validators=[_offered],
    )
    text_es = StringField(_l("Question in Spanish"), validators=[Limit(WORDING_LIMIT)])
    text_en = StringField(_l("Question in English"), validators=[Limit(WORDING_LIMIT)])

    def validate_text_es(self, field) -> None:
        if self.kind.data and not (field.data or "").strip():
            raise ValidationError(_l("Write the question in Spanish."))

    def validate_text_en(self, field) -> None:
        if self.kind.data and not (field.data or "").strip():
            raise ValidationError(_l("Write the question in English."))


def _question_fields(cls):
    for question in FIXED:
        setattr(cls, f"ask_{question.code}", BooleanField(question.wording))
    for n in range(1, MAX_CUSTOM + 1):
        setattr(
            cls,
            f"custom_{n}",
            FormField(CustomQuestionForm, label=_l("Your own question %(num)d", num=n)),
        )
    return cls


@_question_fields
class SurveySetupForm(Form):
    opens_on = DateField(
        _l("Opens on"),
        validators=[InputRequired(_l("Give the opening date."))],
        description=_l("Delegates are invited by mail on this day."),
    )
    closes_on = DateField(_l("Closes on"), validators=[InputRequired(_l("Give the closing date."))])
    anonymous = BooleanField(
        _l("Anonymous answers"),
        description=_l(
            "Organizers see the answers without the delegates' names. It cannot be turned "
            "off once delegates have answered."
        ),
    )
    submit = SubmitField(_l("Save the survey"))

    def validate_closes_on(self, field) -> None:
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError(_l("The survey cannot close before it opens."))

    def fill(self, data: SurveyInput) -> None:
        for question in FIXED:
            getattr(self, f"ask_{question.code}").data = question.code in data.codes
        for n, custom in enumerate(data.custom, start=1):
            sub = getattr(self, f"custom_{n}")
            sub.kind.data, sub.text_es.data, sub.text_en.data = (
                custom.kind,
                custom.text_es,
                custom.text_en,
            )
        self.opens_on.data, self.closes_on.data = data.opens_on, data.closes_on
        self.anonymous.data = data.anonymous

    def custom_fields(self):
        return [getattr(self, f"custom_{n}") for n in range(1, MAX_CUSTOM + 1)]

    def fixed_fields(self):
        return [getattr(self, f"ask_{q.code}") for q in FIXED]

    def to_input(self) -> SurveyInput:
        custom = tuple(
            CustomQuestion(sub.kind.data, sub.text_es.data or "", sub.text_en.data or "")
            for sub in self.custom_fields()
            if sub.kind.data
        )
        return SurveyInput(
            codes=tuple(q.code for q in FIXED if getattr(self, f"ask_{q.code}").data),
            opens_on=self.opens_on.data,
            closes_on=self.closes_on.data,
            anonymous=self.anonymous.data,
            custom=custom,
        )


class SendNowForm(Form):
    submit = SubmitField(_l("Send the invitations now"))


class AnswerForm(Form):
    """Fields named q<question id>, added by answer_form()."""

    submit = SubmitField(_l("Send my answers"))


def field_name(question) -> str:
    return f"q{question.id}"


def answer_form(survey: Survey, **kwargs) -> AnswerForm:
    """A form with one field per question of the survey, in their order."""

    class Answers(AnswerForm):
        pass

    for question in survey.questions:
        label = wording(question)
        if question.kind == QuestionKind.RATING:
            field = RadioField(
                label,
                choices=[(str(r), str(r)) for r in RATINGS],
                validators=[Optional(), _offered],
                validate_choice=False,
            )
        elif question.kind == QuestionKind.YES_NO:
            field = RadioField(
                label,
                choices=[("1", _l("Yes")), ("0", _l("No"))],
                validators=[Optional(), _offered],
                validate_choice=False,
            )
        else:
            field = TextAreaField(
                label,
                validators=[
                    Length(
                        max=TEXT_LIMIT,
                        message=_l("At most %(num)d characters.", num=TEXT_LIMIT),
                    )
                ],
                description=_l("At most %(num)d characters.", num=TEXT_LIMIT),
            )
        setattr(Answers, field_name(question), field)
    return Answers(**kwargs)


def answer_values(form: AnswerForm, survey: Survey) -> dict:
    return {q.id: getattr(form, field_name(q)).data for q in survey.questions}
