"""The fixed questions an organizer picks from, with their wording in both languages, and
the limits of the organizer's own questions and of free-text answers."""

from dataclasses import dataclass

from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l

from forum.surveys.models import QuestionKind, SurveyQuestion

CUSTOM = "custom"
MAX_CUSTOM = 3  # "a few" questions of the organizer's own
TEXT_LIMIT = 2000  # characters of a free-text answer
WORDING_LIMIT = 300  # characters of a custom question's wording
RATINGS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class FixedQuestion:
    code: str
    kind: QuestionKind
    wording: object  # a lazy string: the question in the reader's language


FIXED = (
    FixedQuestion("overall", QuestionKind.RATING, _l("Overall, how would you rate the forum?")),
    FixedQuestion("meetings", QuestionKind.RATING, _l("How useful were the business meetings?")),
    FixedQuestion(
        "sessions", QuestionKind.RATING, _l("How useful were the sessions of the programme?")
    ),
    FixedQuestion("come_again", QuestionKind.YES_NO, _l("Would you come again?")),
    FixedQuestion("improve", QuestionKind.TEXT, _l("What should we improve?")),
    FixedQuestion("best", QuestionKind.TEXT, _l("What worked best?")),
)
BY_CODE = {q.code: q for q in FIXED}
DEFAULT_CODES = ("overall", "meetings", "come_again", "improve")


def wording(question: SurveyQuestion, locale: str | None = None) -> str:
    """The question in `locale` (the reader's when None); a custom question in the other
    language when the organizer left this one empty."""
    locale = "en" if str(locale or get_locale() or "es") == "en" else "es"
    if question.is_custom:
        texts = (question.text_en, question.text_es)
        return (texts if locale == "en" else texts[::-1])[0] or texts[0] or texts[1]
    fixed = BY_CODE.get(question.code)
    if fixed is None:
        return question.code
    with force_locale(locale):
        return str(fixed.wording)
