from datetime import UTC, datetime, timedelta

import pytest

from forum.notifications.models import Mail, MailStatus


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


@pytest.fixture
def store_mail(db):
    def _store(event, subject="We have received your registration", **fields):
        values = dict(
            event_id=event.id,
            recipient="delegate@example.org",
            subject=subject,
            body="Hello Ana,\n\nThank you.\n",
            locale="en",
            status=MailStatus.QUEUED,
            attempts=0,
            last_error="",
        )
        values.update(fields)
        mail = Mail(**values)
        db.session.add(mail)
        db.session.commit()
        return mail

    return _store


@pytest.mark.parametrize(
    "path", ["/events/hih-2023/manage/outbox", "/events/hih-2023/manage/outbox/1"]
)
def test_outbox_sends_anonymous_users_to_login(client, event, store_mail, path):
    store_mail(event)
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_outbox_refuses_organizer_of_another_event(
    client, login, create_user, create_event, event, store_mail
):
    mail = store_mail(event)
    stranger = create_user(email="other@org.example")
    create_event(slug="other", organizers=[stranger])
    login(stranger)
    assert client.get("/events/hih-2023/manage/outbox").status_code == 403
    assert client.get(f"/events/hih-2023/manage/outbox/{mail.id}").status_code == 403


def test_outbox_lists_the_event_mails_newest_first(
    client, login, organizer, event, store_mail, create_event
):
    now = datetime(2023, 10, 1, 12, tzinfo=UTC)
    store_mail(event, "Older mail", created_at=now)
    store_mail(event, "Newer mail", created_at=now + timedelta(hours=1), status=MailStatus.SENT)
    store_mail(create_event(slug="other"), "Mail of another event")
    login(organizer)

    html = client.get("/events/hih-2023/manage/outbox").get_data(as_text=True)

    assert '<h1 class="h3 mb-3">Outbox</h1>' in html
    assert html.index("Newer mail") < html.index("Older mail")
    assert "Mail of another event" not in html
    assert "No mail server is configured" in html
    assert '<th scope="col">Subject</th>' in html


def test_outbox_filters_by_status(client, login, organizer, event, store_mail):
    store_mail(event, "Queued mail")
    store_mail(event, "Failed mail", status=MailStatus.FAILED, attempts=1, last_error="boom")
    login(organizer)

    html = client.get("/events/hih-2023/manage/outbox?status=failed").get_data(as_text=True)

    assert "Failed mail" in html
    assert "Queued mail" not in html
    assert '<option value="failed" selected>Failed (1)</option>' in html
    html = client.get("/events/hih-2023/manage/outbox?status=nonsense").get_data(as_text=True)
    assert "Failed mail" in html and "Queued mail" in html


def test_outbox_pages_by_fifty(client, login, organizer, event, store_mail):
    start = datetime(2023, 10, 1, tzinfo=UTC)
    for number in range(51):
        store_mail(event, f"Mail number {number:02d}", created_at=start + timedelta(minutes=number))
    login(organizer)

    first = client.get("/events/hih-2023/manage/outbox").get_data(as_text=True)
    second = client.get("/events/hih-2023/manage/outbox?page=2").get_data(as_text=True)

    assert "Mail number 50" in first and "Mail number 01" in first
    assert "Mail number 00" not in first
    assert "Page 1 of 2" in first
    assert 'href="/events/hih-2023/manage/outbox?page=2"' in first
    assert "Mail number 00" in second and "Mail number 01" not in second


def test_outbox_mail_shows_the_text_escaped(client, login, organizer, event, store_mail):
    mail = store_mail(
        event,
        "Registration for <script>x</script>",
        body="Hello,\n\nWelcome to <script>alert(1)</script> & more.\n",
        status=MailStatus.FAILED,
        attempts=2,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    login(organizer)

    html = client.get(f"/events/hih-2023/manage/outbox/{mail.id}").get_data(as_text=True)

    assert "<script>alert(1)</script>" not in html
    assert "Welcome to &lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in html
    assert "<pre" in html
    assert "delegate@example.org" in html
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in html
    assert '<dt class="col-sm-3">Attempts</dt><dd class="col-sm-9">2</dd>' in html


def test_outbox_mail_of_another_event_is_not_found(
    client, login, organizer, event, store_mail, create_event
):
    other_mail = store_mail(create_event(slug="other"), "Mail of another event")
    login(organizer)
    assert client.get(f"/events/hih-2023/manage/outbox/{other_mail.id}").status_code == 404
    assert client.get("/events/hih-2023/manage/outbox/999999").status_code == 404
