import smtplib
from datetime import UTC, datetime, time
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
import sqlalchemy as sa
from flask_babel import get_locale

from forum.core import jobs
from forum.extensions import db
from forum.notifications import delivery
from forum.notifications import services as mail_service
from forum.notifications.models import Mail, MailStatus
from forum.registration.models import Registration, RegistrationStatus

EVENT_NAME = "Hand-in-Hand Investment Forum 2023"
MY_REGISTRATION_URL = "http://127.0.0.1:5000/events/hih-2023/me"


class FakeSMTP:
    """Stands in for smtplib.SMTP and keeps what it was asked to send."""

    sent: list = []
    calls: list = []

    def __init__(self, host, port, timeout=None):
        self.calls.append(("connect", host, port))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context=None):
        self.calls.append(("starttls",))

    def login(self, username, password):
        self.calls.append(("login", username, password))

    def send_message(self, message):
        self.sent.append(message)


class DisconnectingSMTP(FakeSMTP):
    def send_message(self, message):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def smtp(app, monkeypatch):
    """SMTP configured, with a fake server that records the messages."""
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    monkeypatch.setitem(app.config, "MAIL_PORT", 587)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", True)
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "foro")
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "secret")
    monkeypatch.setitem(app.config, "MAIL_DEFAULT_SENDER", "foro@fao.example")
    monkeypatch.setattr(FakeSMTP, "sent", [])
    monkeypatch.setattr(FakeSMTP, "calls", [])
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


@pytest.fixture
def no_smtp(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    monkeypatch.setattr(FakeSMTP, "sent", [])
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


@pytest.fixture
def registration(db, create_user, create_event):
    def _create(locale="en", **event_fields):
        user = create_user(locale=locale)
        event = create_event(**event_fields)
        registration = Registration(event=event, user=user, status=RegistrationStatus.SUBMITTED)
        db.session.add(registration)
        db.session.commit()
        return registration

    return _create


def commit_and_wait() -> None:
    """Commit what the test queued, then wait for the delivery that follows the commit."""
    db.session.commit()
    delivery.wait_for_deliveries()


def flat(text: str) -> str:
    """The text with its line wrapping undone (paragraphs are wrapped at 72 columns)."""
    return " ".join(text.split())


def queue_submitted(registration) -> Mail:
    return mail_service.queue(
        registration.user,
        "registration_submitted",
        event=registration.event,
        registration=registration,
    )


def test_queue_renders_in_english_for_english_user(no_smtp, registration):
    reg = registration(locale="en")
    mail = queue_submitted(reg)
    assert mail.subject == f"We have received your registration for {EVENT_NAME}"
    assert mail.body.startswith("Hello Ana Quispe,\n\nThank you for registering for")
    assert "(October 16, 2023 – October 20, 2023)" in flat(mail.body)
    assert MY_REGISTRATION_URL in mail.body
    assert (mail.recipient, mail.locale, mail.status) == (
        "delegate@example.org",
        "en",
        MailStatus.QUEUED,
    )
    assert (mail.event_id, mail.user_id, mail.attempts) == (reg.event.id, reg.user.id, 0)
    assert no_smtp.sent == []


def test_queue_renders_dates_in_spanish_for_spanish_user(no_smtp, registration):
    mail = queue_submitted(registration(locale="es"))
    assert mail.locale == "es"
    text = flat(mail.body)
    assert "(16 de octubre de 2023 – 20 de octubre de 2023)" in text
    assert "October" not in text


@pytest.mark.parametrize("locale", [None, "fr"])
def test_queue_uses_app_default_language_for_unknown_locale(no_smtp, registration, locale):
    mail = queue_submitted(registration(locale=locale))
    assert mail.locale == "en"  # TestingConfig's default
    assert "October 16, 2023" in flat(mail.body)


def test_queue_keeps_event_name_literal_in_text_body(no_smtp, registration):
    reg = registration(name="Invest <script>alert(1)</script> & Grow")
    mail = queue_submitted(reg)
    assert (
        mail.subject
        == "We have received your registration for Invest <script>alert(1)</script> & Grow"
    )
    assert "Invest <script>alert(1)</script> & Grow" in mail.body
    assert "&lt;" not in mail.body and "&amp;" not in mail.body


@pytest.mark.parametrize(
    ("template", "subject"),
    [
        ("registration_submitted", f"We have received your registration for {EVENT_NAME}"),
        ("registration_approved", f"Your registration for {EVENT_NAME} is confirmed"),
        ("registration_rejected", f"About your registration for {EVENT_NAME}"),
        ("registration_waiting", f"You are on the waiting list for {EVENT_NAME}"),
        (
            "registration_promoted",
            f"A place has become free: you are registered for {EVENT_NAME}",
        ),
    ],
)
def test_registration_templates_have_subject_date_and_link(
    no_smtp, registration, template, subject
):
    reg = registration()
    mail = mail_service.queue(reg.user, template, event=reg.event, registration=reg)
    assert mail.subject == subject
    assert "October 16, 2023" in flat(mail.body)
    assert MY_REGISTRATION_URL in mail.body
    assert mail.body.endswith(
        f"The organizers of {EVENT_NAME}\nhttp://127.0.0.1:5000/events/hih-2023/\n"
    )


def test_seat_promoted_names_the_session_and_its_time(no_smtp, registration, create_session):
    reg = registration(locale="es")
    session = create_session(
        reg.event, title="Coffee value chain workshop", start=time(9), end=time(10)
    )
    mail = mail_service.queue(
        reg.user, "seat_promoted", event=reg.event, session=session, registration=reg
    )
    assert mail.subject == f"Tiene un cupo en «Coffee value chain workshop» en {EVENT_NAME}"
    assert "Cuándo: 16 de octubre de 2023, 9:00–10:00, " in mail.body
    assert f"http://127.0.0.1:5000/events/hih-2023/sessions/{session.id}" in mail.body
    assert MY_REGISTRATION_URL in mail.body


def test_queue_uses_the_request_host_inside_a_request(app, no_smtp, registration):
    reg = registration()
    with app.test_request_context(base_url="https://foro.example.org"):
        mail = queue_submitted(reg)
    assert "https://foro.example.org/events/hih-2023/me" in mail.body


def test_queue_sends_right_away_when_smtp_is_configured(smtp, registration):
    mail = queue_submitted(registration())
    commit_and_wait()
    assert mail.status == MailStatus.SENT
    assert mail.attempts == 1
    assert mail.sent_at is not None and mail.last_error == ""
    assert smtp.calls == [
        ("connect", "smtp.example.org", 587),
        ("starttls",),
        ("login", "foro", "secret"),
    ]
    [message] = smtp.sent
    assert message["From"] == "foro@fao.example"
    assert message["To"] == "delegate@example.org"
    assert message["Subject"] == f"We have received your registration for {EVENT_NAME}"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content() == mail.body


def test_failing_smtp_keeps_registration_and_mail_then_send_mail_retries(
    db, smtp, monkeypatch, registration, runner
):
    monkeypatch.setattr(smtplib, "SMTP", DisconnectingSMTP)
    reg = registration()

    mail = queue_submitted(reg)  # does not raise
    commit_and_wait()

    db.session.expire_all()
    assert db.session.get(Registration, reg.id) is not None
    assert (mail.status, mail.attempts, mail.sent_at) == (MailStatus.FAILED, 1, None)
    assert mail.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    result = runner.invoke(args=["forum", "send-mail"])

    assert result.exit_code == 0, result.output
    assert "1 sent, 0 failed." in result.output
    db.session.expire_all()
    assert (mail.status, mail.attempts, mail.last_error) == (MailStatus.SENT, 2, "")
    assert mail.sent_at is not None
    assert [m["To"] for m in smtp.sent] == ["delegate@example.org"]


def test_send_mail_exits_non_zero_when_a_mail_fails(smtp, monkeypatch, registration, runner):
    monkeypatch.setattr(smtplib, "SMTP", DisconnectingSMTP)
    mail = queue_submitted(registration())
    commit_and_wait()

    result = runner.invoke(args=["forum", "send-mail"])

    assert result.exit_code == 1
    assert "0 sent, 1 failed." in result.output
    assert "stay in the outbox" in result.output
    assert (mail.status, mail.attempts) == (MailStatus.FAILED, 2)


def test_send_mail_without_smtp_leaves_mails_in_outbox(no_smtp, registration, runner):
    mail = queue_submitted(registration())

    result = runner.invoke(args=["forum", "send-mail"])

    assert result.exit_code == 0
    assert "No SMTP server configured (MAIL_SERVER): 1 mail(s) stay in the outbox." in result.output
    assert "/events/<slug>/manage/outbox" in result.output
    assert (mail.status, mail.attempts) == (MailStatus.QUEUED, 0)
    assert delivery.send_pending() == (0, 0)
    assert no_smtp.sent == []


def _stored_mail(db, subject: str, created_at: datetime, status=MailStatus.QUEUED) -> Mail:
    mail = Mail(
        recipient="delegate@example.org",
        subject=subject,
        body="Hello\n",
        locale="en",
        status=status,
        attempts=0,
        last_error="",
        created_at=created_at,
    )
    db.session.add(mail)
    db.session.commit()
    return mail


def test_send_pending_sends_queued_and_failed_oldest_first(db, smtp):
    _stored_mail(db, "second", datetime(2023, 10, 2, tzinfo=UTC), MailStatus.FAILED)
    _stored_mail(db, "already sent", datetime(2023, 9, 1, tzinfo=UTC), MailStatus.SENT)
    _stored_mail(db, "first", datetime(2023, 10, 1, tzinfo=UTC))
    _stored_mail(db, "third", datetime(2023, 10, 3, tzinfo=UTC))

    assert delivery.send_pending(limit=2) == (2, 0)
    assert [m["Subject"] for m in smtp.sent] == ["first", "second"]
    assert delivery.send_pending() == (1, 0)
    assert [m["Subject"] for m in smtp.sent] == ["first", "second", "third"]
    statuses = db.session.scalars(sa.select(Mail.status)).all()
    assert set(statuses) == {MailStatus.SENT}


def test_deliver_flattens_header_injection_in_subject(db, smtp):
    mail = _stored_mail(db, "Hello\r\nBcc: x@evil.example", datetime(2023, 10, 1, tzinfo=UTC))

    assert mail_service.deliver(mail) is True

    [message] = smtp.sent
    raw = message.as_bytes()
    assert b"\nSubject: Hello Bcc: x@evil.example\n" in raw
    parsed = message_from_bytes(raw, policy=default_policy)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Hello Bcc: x@evil.example"


def test_deliver_refuses_a_recipient_that_is_not_one_address(db, smtp):
    mail = _stored_mail(db, "Hello", datetime(2023, 10, 1, tzinfo=UTC))
    mail.recipient = "delegate@example.org\r\nBcc: y@evil.example"

    assert mail_service.deliver(mail) is False

    assert smtp.sent == []
    assert (mail.status, mail.attempts) == (MailStatus.FAILED, 1)
    assert mail.last_error.startswith("ValueError: Invalid addr_spec")


def test_queue_keeps_a_line_break_in_event_name_out_of_the_headers(no_smtp, registration):
    mail = queue_submitted(registration(name="Forum\r\nBcc: x@evil.example"))
    assert mail.subject == "We have received your registration for Forum Bcc: x@evil.example"
    assert mail.body.startswith("Hello Ana Quispe,\n")


def test_queue_writes_in_the_delegate_language_not_the_organizer_one(app, no_smtp, registration):
    reg = registration(locale="en")
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert str(get_locale()) == "es"
        mail = queue_submitted(reg)
        assert str(get_locale()) == "es"
    assert "(October 16, 2023 – October 20, 2023)" in flat(mail.body)


class RecordingQueue:
    """Stands in for RQ: keeps what was enqueued."""

    def __init__(self):
        self.jobs = []

    def enqueue(self, func, target, args, kwargs, **options):
        self.jobs.append((func.__name__, target, args, kwargs))


def test_with_a_job_queue_the_mail_goes_to_a_worker_not_the_request(
    app, smtp, registration, monkeypatch
):
    recording = RecordingQueue()
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://queue.example:6379/0")
    monkeypatch.setattr(jobs, "_queue", lambda: recording)

    mail = queue_submitted(registration())
    commit_and_wait()

    assert smtp.sent == [] and smtp.calls == []  # nothing sent inside the request
    assert mail.status == MailStatus.QUEUED
    assert recording.jobs == [
        ("call_in_app", "forum.notifications.delivery:deliver_queued", (mail.id,), {})
    ]
    assert delivery.deliver_queued(mail.id) is True  # what the worker runs
    assert [m["Subject"] for m in smtp.sent] == [mail.subject]
    assert db.session.get(Mail, mail.id).status == MailStatus.SENT
    assert delivery.deliver_queued(mail.id) is False  # a second run sends nothing
    assert delivery.send_pending() == (0, 0)
    assert len(smtp.sent) == 1


def test_a_job_that_cannot_reach_smtp_leaves_the_mail_for_send_mail(
    app, smtp, registration, monkeypatch
):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://queue.example:6379/0")
    monkeypatch.setattr(jobs, "_queue", RecordingQueue)
    mail = queue_submitted(registration())
    commit_and_wait()
    monkeypatch.setattr(smtplib, "SMTP", DisconnectingSMTP)

    assert delivery.deliver_queued(mail.id) is False

    assert db.session.get(Mail, mail.id).status == MailStatus.FAILED
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    assert delivery.send_pending() == (1, 0)
    assert db.session.get(Mail, mail.id).status == MailStatus.SENT
