"""`forum tick`: the reminders due now, then the outbox; the worker's clock; the settings page."""

import smtplib
from importlib import import_module

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.extensions import db
from forum.notifications import reminders
from forum.notifications.delivery import wait_for_deliveries
from forum.notifications.models import Mail, MailStatus
from forum.notifications.services import queue
from tests.notifications.test_outbox import FakeSMTP
from tests.notifications.test_reminders import EVE_18H

TICK = ["forum", "tick"]


@pytest.fixture
def at_the_eve(monkeypatch):
    monkeypatch.setattr(reminders, "utcnow", lambda: EVE_18H)


@pytest.fixture
def smtp_server(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    monkeypatch.setitem(app.config, "MAIL_DEFAULT_SENDER", "foro@fao.example")
    monkeypatch.setattr(FakeSMTP, "sent", [])
    monkeypatch.setattr(FakeSMTP, "calls", [])
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


def test_tick_without_smtp_queues_the_reminders_once(
    app, reminder_world, runner, at_the_eve, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    first = runner.invoke(args=TICK)
    assert first.exit_code == 0, first.output
    assert first.output == (
        "3 reminder(s) queued; no SMTP server configured (MAIL_SERVER): "
        "3 mail(s) stay in the outbox.\n"
    )
    second = runner.invoke(args=TICK)
    assert second.output.startswith("0 reminder(s) queued;")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Mail)) == 3


def test_tick_sends_the_reminders_and_what_waited_in_the_outbox(
    reminder_world, runner, at_the_eve, smtp_server
):
    event, people, _meetings = reminder_world
    queue(people["Dora Ruiz"].user, "registration_approved", event=event,
          registration=people["Dora Ruiz"])  # fmt: skip
    db.session.commit()
    wait_for_deliveries()
    smtp_server.sent.clear()  # it went; say it failed, to wait for the tick's retry
    db.session.execute(sa.update(Mail).values(status=MailStatus.FAILED))
    db.session.commit()

    result = runner.invoke(args=TICK)
    assert result.exit_code == 0, result.output
    assert result.output == "3 reminder(s) queued, 4 mail(s) sent, 0 failed.\n"
    subjects = sorted(str(message["Subject"]) for message in smtp_server.sent)
    assert subjects == [
        "Mañana: su reunión en Hand-in-Hand Investment Forum 2023",
        "Tomorrow: your 2 meetings at Hand-in-Hand Investment Forum 2023",
        "Tomorrow: your meeting at Hand-in-Hand Investment Forum 2023",
        "Your registration for Hand-in-Hand Investment Forum 2023 is confirmed",
    ]
    again = runner.invoke(args=TICK)
    assert again.output == "0 reminder(s) queued, 0 mail(s) sent, 0 failed.\n"
    assert len(smtp_server.sent) == 4


def test_the_rq_cron_scheduler_enqueues_a_tick_every_minute(app, db, monkeypatch):
    from redis import Redis
    from rq.cron import CronScheduler

    from forum.core.jobs import QUEUE_NAME, call_in_app

    scheduler = CronScheduler(connection=Redis.from_url("redis://127.0.0.1:1"))  # not reached
    scheduler.load_config_from_file("forum.notifications.rq_cron")
    (job,) = scheduler.get_jobs()
    assert (job.name, job.func, job.queue_name, job.interval) == (
        "forum-tick",
        call_in_app,
        QUEUE_NAME,
        60,
    )
    # The worker runs call_in_app(*job.args): the tick in a fresh app, returning its summary.
    target, args, kwargs = job.args
    module, _colon, name = target.partition(":")
    job_function = getattr(import_module(module), name)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    assert job_function(*args, **kwargs) == (
        "0 reminder(s) queued; no SMTP server configured (MAIL_SERVER): 0 mail(s) stay in the "
        "outbox."
    )


# The settings page ------------------------------------------------------------------------

PAGE = "/events/hih-2023/manage/reminders"


@pytest.fixture
def organizer_event(create_user, create_event, login):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO")
    event = create_event(organizers=[organizer])
    login(organizer)
    return event


def test_the_organizer_turns_the_reminders_on_and_the_change_is_audited(client, organizer_event):
    page = client.get(PAGE).get_data(as_text=True)
    assert "Meeting reminders" in page and '<option selected value="18">18:00</option>' in page
    response = client.post(
        PAGE,
        data={"day_before": "y", "day_before_hour": "19", "minutes_before": "15"},
        follow_redirects=True,
    )
    assert "The reminders have been saved." in response.get_data(as_text=True)
    db.session.refresh(organizer_event)
    assert reminders.settings_of(organizer_event) == reminders.ReminderSettings(True, 19, 15)
    entry = db.session.scalars(sa.select(AuditEntry)).one()
    assert (entry.action, entry.before, entry.after, entry.actor_name) == (
        "reminders.changed",
        {"day_before": False, "day_before_hour": 18, "minutes_before": None},
        {"day_before": True, "day_before_hour": 19, "minutes_before": 15},
        "Secretaría FAO",
    )
    again = client.post(
        PAGE, data={"day_before": "y", "day_before_hour": "19", "minutes_before": "15"},
        follow_redirects=True,
    )  # fmt: skip
    assert "Nothing has changed in the reminders." in again.get_data(as_text=True)
    client.post(PAGE, data={"day_before_hour": "19", "minutes_before": "0"})
    db.session.refresh(organizer_event)
    assert reminders.settings_of(organizer_event) == reminders.ReminderSettings(False, 19, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"day_before_hour": "24", "minutes_before": "15"}, "Choose the hour of the day-before"),
        ({"day_before_hour": "nine", "minutes_before": "15"}, "Choose the hour of the day-before"),
        ({"day_before_hour": "18", "minutes_before": "7"}, "Choose how long before each meeting"),
        ({"day_before_hour": "18", "minutes_before": "-5"}, "Choose how long before each meeting"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(client, organizer_event, data, message):
    response = client.post(PAGE, data={"day_before": "y", **data})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.refresh(organizer_event)
    assert reminders.settings_of(organizer_event) == reminders.ReminderSettings(False, 18, None)
