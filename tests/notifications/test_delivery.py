"""Mails go out after the commit, outside the request: a stalled SMTP server delays nobody."""

import contextlib
import smtplib
import socket
import threading
import time

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.meetings import publish_runner
from forum.notifications import delivery
from forum.notifications import services as mail_service
from forum.notifications.models import Mail, MailStatus
from forum.registration.models import Registration, RegistrationStatus
from tests.factories import create_block, create_meeting, create_registration, create_tables
from tests.notifications.test_outbox import FakeSMTP
from tests.registration.test_registration_pages import form as registration_form

QUICK = 2.0  # seconds a request may take, however slow the mail server


class StalledSMTPServer:
    """Accepts connections and never says a word, like a mail server that hangs."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:  # closed
                return
            self.connections.append(connection)

    def wait_for_a_client(self, seconds: float = 10) -> bool:
        deadline = time.monotonic() + seconds
        while not self.connections and time.monotonic() < deadline:
            time.sleep(0.05)
        return bool(self.connections)

    def close(self) -> None:
        """Hang up: the clients waiting for a greeting see the connection closed."""
        with contextlib.suppress(OSError):  # closed already
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes accept(); close() alone does not
        self.listener.close()
        self._thread.join(5)
        for connection in self.connections:
            connection.close()


@pytest.fixture
def stalled_smtp(app, db, monkeypatch):
    server = StalledSMTPServer()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "")
    yield server
    server.close()
    delivery.wait_for_deliveries(timeout=30)


@pytest.fixture
def fake_smtp(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "")
    monkeypatch.setattr(FakeSMTP, "sent", [])
    monkeypatch.setattr(FakeSMTP, "calls", [])
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    yield FakeSMTP
    delivery.wait_for_deliveries(timeout=30)


def _mails() -> list[Mail]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Mail).order_by(Mail.id)))


def _timed(call):
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


class PublicationRuns:
    """The publication jobs' threads (no queue in tests), to wait for their mails."""

    def __init__(self) -> None:
        self.threads = []

    def wait(self) -> None:
        for thread in self.threads:
            thread.join(QUICK * 10)
            assert not thread.is_alive()


@pytest.fixture
def publication_runs(monkeypatch) -> PublicationRuns:
    runs, start = PublicationRuns(), publish_runner.start
    monkeypatch.setattr(publish_runner, "start", lambda job_id: runs.threads.append(start(job_id)))
    return runs


@pytest.fixture
def planned_forum(create_event, create_user):
    """Eleven delegates, ten of them in placed meetings, the eleventh in none."""
    organizer = create_user(email="secretaria@fao.example", name="Secretaría")
    event = create_event(organizers=[organizer])
    block = create_block(event, slots=4)
    tables = create_tables(event, 3)
    delegates = [create_registration(event, f"Delegate {n}", f"Cooperativa {n}") for n in range(11)]
    pairs = [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9), (0, 2), (1, 3)]
    for n, (a, b) in enumerate(pairs):
        create_meeting(
            delegates[a],
            delegates[b],
            slot=block.slots[n // 3],
            table=tables[n % 3],
        )
    return organizer, event, delegates


def test_publishing_a_plan_answers_at_once_with_a_stalled_smtp_server(
    client, login, planned_forum, stalled_smtp, publication_runs
):
    organizer, event, delegates = planned_forum
    login(organizer)

    response, seconds = _timed(
        lambda: client.post(f"/events/{event.slug}/manage/meetings/schedule/publish")
    )

    print(f"\npublish with a stalled SMTP server answered in {seconds:.3f} s")
    assert response.status_code == 302
    assert seconds < QUICK
    publication_runs.wait()  # the job writes the mails; their delivery waits on the server
    mails = _mails()
    told = sorted(d.user.email for d in delegates[:10])
    assert sorted(m.recipient for m in mails) == told
    assert {m.status for m in mails} == {MailStatus.QUEUED}
    assert stalled_smtp.wait_for_a_client()  # meanwhile the delivery thread waits on the server
    assert {m.status for m in _mails()} == {MailStatus.QUEUED}


@pytest.mark.usefixtures("during_registration")  # registers before the 2023 forum ends
def test_registering_answers_at_once_with_a_stalled_smtp_server(client, create_event, stalled_smtp):
    create_event()

    response, seconds = _timed(
        lambda: client.post("/events/hih-2023/register", data=registration_form())
    )

    print(f"\nregistration with a stalled SMTP server answered in {seconds:.3f} s")
    assert response.status_code == 200  # the "check your mail" page: confirm the address
    assert seconds < QUICK
    [mail] = _mails()
    assert (mail.recipient, mail.status, mail.attempts) == (
        "rosa@coop.example",
        MailStatus.QUEUED,
        0,
    )


def test_a_stalled_delivery_leaves_the_mails_for_send_mail(
    client, login, planned_forum, stalled_smtp, monkeypatch, runner, publication_runs
):
    organizer, event, _delegates = planned_forum
    login(organizer)
    client.post(f"/events/{event.slug}/manage/meetings/schedule/publish")
    publication_runs.wait()

    assert stalled_smtp.wait_for_a_client()
    stalled_smtp.close()  # the server hangs up on the mail the thread was sending
    delivery.wait_for_deliveries(timeout=30)

    mails = _mails()
    first, rest = mails[0], mails[1:]
    assert (first.status, first.attempts) == (MailStatus.FAILED, 1)
    assert first.last_error.startswith("SMTPServerDisconnected:")
    # The server is unreachable: the thread stops instead of waiting once per mail.
    assert {(m.status, m.attempts) for m in rest} == {(MailStatus.QUEUED, 0)}
    monkeypatch.setattr(FakeSMTP, "sent", [])
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    result = runner.invoke(args=["forum", "send-mail"])
    assert "10 sent, 0 failed." in result.output
    assert {m.status for m in _mails()} == {MailStatus.SENT}


def test_a_rolled_back_change_sends_nothing(create_user, create_event, fake_smtp):
    user, event = create_user(), create_event()
    registration = Registration(event=event, user=user, status=RegistrationStatus.SUBMITTED)
    db.session.add(registration)

    mail_service.queue(user, "registration_submitted", event=event, registration=registration)
    db.session.rollback()
    db.session.commit()  # a later transaction does not send what the earlier one undid
    delivery.wait_for_deliveries()

    assert _mails() == []
    assert fake_smtp.sent == [] and fake_smtp.calls == []


@pytest.mark.usefixtures("during_registration")  # registers before the 2023 forum ends
def test_after_the_commit_the_mail_is_delivered_and_marked_sent(client, create_event, fake_smtp):
    create_event()

    client.post("/events/hih-2023/register", data=registration_form())
    delivery.wait_for_deliveries()

    [mail] = _mails()
    assert (mail.status, mail.attempts, mail.last_error) == (MailStatus.SENT, 1, "")
    assert mail.sent_at is not None
    [message] = fake_smtp.sent
    assert (message["To"], message["Subject"]) == ("rosa@coop.example", mail.subject)


def test_a_server_that_never_answers_times_out_and_the_rest_stays_queued(
    client, login, planned_forum, stalled_smtp, monkeypatch, publication_runs
):
    assert mail_service.SMTP_TIMEOUT <= 10
    monkeypatch.setattr(mail_service, "SMTP_TIMEOUT", 0.5)  # the same path, sooner
    organizer, event, _delegates = planned_forum
    login(organizer)
    client.post(f"/events/{event.slug}/manage/meetings/schedule/publish")
    publication_runs.wait()

    started = time.perf_counter()
    delivery.wait_for_deliveries(timeout=30)

    assert time.perf_counter() - started < 5  # one timeout, not one per mail
    first, *rest = _mails()
    assert (first.status, first.attempts) == (MailStatus.FAILED, 1)
    assert first.last_error == "SMTPServerDisconnected: Connection unexpectedly closed: timed out"
    assert len(rest) == 9
    assert {(m.status, m.attempts) for m in rest} == {(MailStatus.QUEUED, 0)}
