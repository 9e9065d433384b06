"""The invitation mail: written once per approved delegate, in their language, by `forum tick`
while the survey is open or by the organizer's "send now"."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.extensions import db
from forum.notifications.models import Mail
from forum.registration.models import Registration
from forum.surveys.models import SurveyInvitation
from forum.surveys.services.setup import save_survey
from tests import factories
from tests.surveys.conftest import open_input, today

TICK = ["forum", "tick"]


@pytest.fixture(autouse=True)
def no_smtp(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")


def _mails() -> list[tuple[str, str, str]]:
    rows = db.session.scalars(sa.select(Mail).order_by(Mail.id))
    return [(m.recipient, m.locale, m.subject) for m in rows]


def _email(registration_id: int) -> str:
    return db.session.get(Registration, registration_id).user.email


def test_the_tick_invites_each_approved_delegate_once_in_their_language(cast, survey, runner):
    first = runner.invoke(args=TICK)
    assert first.output.startswith("0 reminder(s) queued, 2 survey invitation(s);")
    assert _mails() == [
        (cast.ana.user.email, "es", "Su opinión sobre Hand-in-Hand Investment Forum 2023"),
        (cast.bruno.user.email, "en", "Your opinion of Hand-in-Hand Investment Forum 2023"),
    ]
    body = db.session.scalar(sa.select(Mail.body).where(Mail.locale == "en"))
    assert body.startswith("Hello Bruno Banker,\n")
    assert "/events/hih-2023/survey" in body
    assert "Your answers are anonymous" in body
    second = runner.invoke(args=TICK)
    assert second.output.startswith("0 reminder(s) queued;")
    assert len(_mails()) == 2
    # a delegate approved later is invited by the next tick, and only they
    dora = factories.create_registration(cast.event, "Dora Later", "Café Dora", locale="es")
    runner.invoke(args=TICK)
    assert [m[0] for m in _mails()] == [
        cast.ana.user.email,
        cast.bruno.user.email,
        dora.user.email,
    ]
    # each invitation points at the mail of its own delegate (rows are inserted in bulk: their
    # ids need not follow the mails' order)
    invitations = db.session.scalars(sa.select(SurveyInvitation)).all()
    assert sorted(
        (db.session.get(Mail, i.mail_id).recipient, _email(i.registration_id)) for i in invitations
    ) == sorted((r.user.email, r.user.email) for r in (cast.ana, cast.bruno, dora))


def test_nothing_goes_before_the_opening_day_or_after_closing(cast, runner):
    save_survey(cast.event, open_input(opens_on=today() + timedelta(days=1)))
    db.session.commit()
    runner.invoke(args=TICK)
    save_survey(
        cast.event,
        open_input(opens_on=today() - timedelta(days=9), closes_on=today() - timedelta(days=2)),
    )
    db.session.commit()
    runner.invoke(args=TICK)
    assert _mails() == []


def test_send_now_opens_the_survey_today_and_never_sends_twice(cast, client, login):
    save_survey(cast.event, open_input(opens_on=today() + timedelta(days=5)))
    db.session.commit()
    login(cast.organizer)
    page = client.post("/events/hih-2023/manage/survey/send", follow_redirects=True)
    assert "2 invitations written to the outbox." in page.get_data(as_text=True)
    assert "The survey is open until" in page.get_data(as_text=True)
    again = client.post("/events/hih-2023/manage/survey/send", follow_redirects=True)
    assert "Every delegate has been invited already." in again.get_data(as_text=True)
    assert len(_mails()) == 2
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "survey.invitations_sent")
    )
    assert entry.after == {"recipients": 2, "opens_on": today().isoformat()}


def test_send_now_refuses_a_closed_survey(cast, client, login):
    save_survey(
        cast.event,
        open_input(opens_on=today() - timedelta(days=9), closes_on=today() - timedelta(days=2)),
    )
    cast.organizer.locale = "es"
    db.session.commit()
    login(cast.organizer)
    page = client.post("/events/hih-2023/manage/survey/send", follow_redirects=True)
    assert "La encuesta está cerrada: cambie primero su fecha de cierre." in page.get_data(
        as_text=True
    )
    assert _mails() == []
