"""A real Chromium at phone width: a delegate follows the invitation's link, logs in, answers
the survey after the forum through the real form (CSRF on) and changes an answer later."""

import os
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.core.types import utcnow
from forum.surveys.models import SurveyResponse
from forum.surveys.services.setup import CustomQuestion, SurveyInput, save_survey
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")  # a folder, to look at the pages by eye


def _shoot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}-390.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.screenshot(path=f"{SCREENSHOTS}/{name}-1280.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})


def test_a_delegate_answers_the_survey_on_a_phone(
    browser, live_server, db, create_user, create_event, create_registration, axe_check
):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO Perú")
    event = create_event(organizers=[organizer])
    luis = create_registration(event, "Luis Torres", "Fondo Andino de Inversión Rural")
    today = utcnow().date()
    save_survey(
        event,
        SurveyInput(
            codes=("overall", "meetings", "come_again", "improve"),
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=20),
            custom=(CustomQuestion("rating", "¿Y la sede?", "How was the venue?"),),
        ),
    )
    db.session.commit()

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/events/{event.slug}/survey")  # the mail's link: log in first
    page.get_by_label("Email").fill(luis.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/events/{event.slug}/survey")
    expect(page.get_by_role("heading", name="Your opinion of the forum")).to_be_visible()
    expect(page.locator("#survey-privacy")).to_have_text(
        "Your answers are anonymous: the organizers see them without your name."
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_check(page) == []
    _shoot(page, "survey-answer")

    overall = page.get_by_role("group", name="Overall, how would you rate the forum?")
    overall.get_by_label("4").check()
    page.get_by_role("group", name="Would you come again?").get_by_label("Yes").check()
    page.get_by_role("group", name="How was the venue?").get_by_label("5").check()
    page.get_by_label("What should we improve?").fill("Longer meeting slots, please.")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers have been saved.")).to_be_visible()
    expect(page.locator("#survey-answered")).to_be_visible()
    expect(overall.get_by_label("4")).to_be_checked()
    assert axe_check(page) == []

    overall.get_by_label("5").check()  # changed their mind before closing
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers have been saved.")).to_be_visible()
    db.session.expire_all()
    responses = db.session.scalars(sa.select(SurveyResponse)).all()
    assert len(responses) == 1
    answers = {a.question.code: (a.value, a.text) for a in responses[0].answers}
    assert answers == {
        "overall": (5, ""),
        "come_again": (1, ""),
        "custom": (5, ""),
        "improve": (None, "Longer meeting slots, please."),
    }
    context.close()

    if SCREENSHOTS:  # the organizer's pages, to look at by eye
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
        page = context.new_page()
        page.goto(f"{live_server}/login?next=/events/{event.slug}/manage/survey")
        page.get_by_label("Email").fill(organizer.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server}/events/{event.slug}/manage/survey")
        assert axe_check(page) == []
        _shoot(page, "survey-setup")
        page.goto(f"{live_server}/events/{event.slug}/manage/survey/answers")
        assert axe_check(page) == []
        _shoot(page, "survey-answers")
        page.goto(f"{live_server}/events/{event.slug}/manage/")
        _shoot(page, "survey-dashboard")
        context.close()
