"""Who may answer, when, and how often: the service and the delegate's page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.extensions import db
from forum.surveys.models import SurveyAnswer, SurveyResponse
from forum.surveys.services.answers import submit
from tests.surveys.conftest import open_input, today


def _form(survey, **by_code) -> dict:
    """The posted form, the fixed questions by their code, the custom one as 'custom'."""
    return {f"q{q.id}": by_code[q.code] for q in survey.questions if q.code in by_code}


def test_a_delegate_answers_once_and_may_change_the_answers(cast, survey, client, login):
    login(cast.ana.user)
    page = client.get(f"/events/{cast.event.slug}/survey")
    text = page.get_data(as_text=True)
    assert "En general, ¿cómo valora el foro?" in text
    assert "¿Qué tal la comida?" in text
    assert "anónimas" in text
    sent = client.post(
        f"/events/{cast.event.slug}/survey",
        data=_form(survey, overall="4", come_again="1", improve="  Más tiempo  ", custom="5"),
        follow_redirects=True,
    )
    assert "Gracias: sus respuestas se han guardado." in sent.get_data(as_text=True)
    client.post(
        f"/events/{cast.event.slug}/survey",
        data=_form(survey, overall="5", come_again="0", improve=""),
    )
    responses = db.session.scalars(sa.select(SurveyResponse)).all()
    assert len(responses) == 1
    answers = {a.question.code: (a.value, a.text) for a in responses[0].answers}
    assert answers == {"overall": (5, ""), "come_again": (0, "")}
    again = client.get(f"/events/{cast.event.slug}/survey").get_data(as_text=True)
    checked = re.findall(r"<input[^>]*checked[^>]*>", again)
    assert [re.search(r'value="(\d)"', tag).group(1) for tag in checked] == ["5", "0"]


@pytest.mark.parametrize("who", ["carla", "outsider"])
def test_only_approved_delegates_of_the_event_reach_the_page(cast, survey, client, login, who):
    login(getattr(cast, who).user)
    assert client.get(f"/events/{cast.event.slug}/survey").status_code == 404
    assert client.post(f"/events/{cast.event.slug}/survey", data={}).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) == 0


def test_the_service_refuses_another_events_delegate(cast, survey):
    question = survey.questions[0]
    with pytest.raises(DomainError, match="Only the approved delegates"):
        submit(survey, cast.outsider, {question.id: 3})
    with pytest.raises(DomainError, match="Only the approved delegates"):
        submit(survey, cast.carla, {question.id: 3})


def test_not_yet_open_and_closed_say_so_and_save_nothing(cast, survey, client, login):
    from forum.surveys.services.setup import save_survey

    save_survey(
        cast.event,
        open_input(opens_on=today() + timedelta(days=2), closes_on=today() + timedelta(days=9)),
    )
    db.session.commit()
    login(cast.bruno.user)
    page = client.get(f"/events/{cast.event.slug}/survey").get_data(as_text=True)
    assert "The survey opens on" in page
    assert 'id="survey-form"' not in page
    posted = client.post(
        f"/events/{cast.event.slug}/survey",
        data=_form(survey, overall="3"),
        follow_redirects=True,
    )
    assert "The survey opens on" in posted.get_data(as_text=True)
    save_survey(
        cast.event,
        open_input(opens_on=today() - timedelta(days=9), closes_on=today() - timedelta(days=1)),
    )
    db.session.commit()
    closed = client.get(f"/events/{cast.event.slug}/survey").get_data(as_text=True)
    assert "The survey closed on" in closed
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) == 0


def test_bad_answers_get_a_message_in_the_users_language(cast, survey, client, login):
    login(cast.ana.user)
    forged = client.post(
        f"/events/{cast.event.slug}/survey", data=_form(survey, overall="9", improve="x" * 2001)
    )
    text = forged.get_data(as_text=True)
    assert forged.status_code == 200
    assert "Elija una de las respuestas ofrecidas." in text
    assert "Máximo 2000 caracteres." in text
    empty = client.post(f"/events/{cast.event.slug}/survey", data={})
    assert "Responda al menos una pregunta." in empty.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyAnswer)) == 0


def test_the_window_follows_the_events_zone(cast, survey):
    # Rome is UTC+1 in winter: 23:30 UTC on the closing day is already the next day there.
    closing = survey.closes_on
    late = datetime.combine(closing, datetime.min.time(), UTC) + timedelta(hours=23, minutes=30)
    with pytest.raises(DomainError, match="closed"):
        submit(survey, cast.ana, {survey.questions[0].id: 3}, now=late)
    in_time = late - timedelta(hours=1)
    assert submit(survey, cast.ana, {survey.questions[0].id: 3}, now=in_time).id


def test_the_delegates_page_links_to_the_open_survey(cast, survey, client, login):
    login(cast.bruno.user)
    page = client.get(f"/events/{cast.event.slug}/me").get_data(as_text=True)
    assert 'href="/events/hih-2023/survey">Your opinion of the forum</a>' in page
