"""Self-registered accounts confirm their address; until then the desk does not see them.
The form answers the same for an address that already has an account."""

import re

import pytest
import sqlalchemy as sa
from itsdangerous import TimestampSigner

from forum.accounts.models import User
from forum.accounts.services import confirmation
from forum.notifications.models import Mail
from forum.registration.models import Organisation, Registration, RegistrationStatus
from forum.registration.services import desk
from forum.registration.services import registration as service
from tests.registration.test_registration_pages import form

# These register while the form is open: before the factory event has ended.
pytestmark = pytest.mark.usefixtures("during_registration")

S = RegistrationStatus
EN = {"Accept-Language": "en"}
ES = {"Accept-Language": "es"}
LINK = re.compile(r"^https?://[^/\s]+/account/confirm/([\w.-]+)$", re.MULTILINE)
BASE = "/events/hih-2023/manage/registrations"
CHECK_MAIL = "We have sent a message to rosa@coop.example."


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría FAO")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


def _mails(db) -> list[Mail]:
    return list(db.session.scalars(sa.select(Mail).order_by(Mail.id)))


def _register(client, headers=EN, **overrides):
    return client.post("/events/hih-2023/register", data=form(**overrides), headers=headers)


def _text(response) -> str:
    return response.get_data(as_text=True)


def _desk_names(app, organizer) -> list[str]:
    other = app.test_client()
    other.post("/login", data={"email": organizer.email, "password": "correct horse battery"})
    html = _text(other.get(BASE, headers=EN))
    return re.findall(r'href="/events/hih-2023/manage/registrations/\d+">([^<]+)</a>', html)


def test_the_desk_sees_a_registration_once_its_address_is_confirmed(
    app, client, db, event, organizer
):
    response = _register(client)
    assert response.status_code == 200 and CHECK_MAIL in _text(response)
    assert client.get("/events/hih-2023/me").status_code == 302  # not logged in
    registration = db.session.scalar(sa.select(Registration))
    assert registration.status == S.SUBMITTED
    everyone = desk.RegistrationFilter()
    assert desk.find_registrations(event, everyone) == []
    assert desk.status_counts(event)[S.SUBMITTED] == 0
    assert desk.registrations_by_ids(event, [registration.id]) == []
    assert _desk_names(app, organizer) == []

    [mail] = _mails(db)
    assert mail.subject == "Confirm your address for Hand-in-Hand Investment Forum 2023"
    (token,) = LINK.findall(mail.body)
    page = client.get(f"/account/confirm/{token}", headers=EN)
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "Thank you: rosa@coop.example is confirmed." in _text(page)
    assert db.session.get(User, registration.user_id).email_confirmed_at is not None
    assert [r.id for r in desk.find_registrations(event, everyone)] == [registration.id]
    assert desk.status_counts(event)[S.SUBMITTED] == 1
    assert _desk_names(app, organizer) == ["Rosa Huamán Quispe"]

    again = client.get(f"/account/confirm/{token}", headers=EN)
    assert again.status_code == 410
    assert "This address is already confirmed: you can log in." in _text(again)


def test_bulk_approval_and_promotion_skip_unconfirmed_registrations(
    db, event, create_user, create_registration
):
    waiting = create_registration(
        event, user=create_user(email="w@x.example", confirmed=False), status=S.WAITING
    )
    submitted = create_registration(
        event, user=create_user(email="s@x.example", confirmed=False), status=S.SUBMITTED
    )
    result = desk.apply_bulk_action(event, "approve", [waiting.id, submitted.id])
    assert (result.approved, result.waiting, result.unchanged) == (0, 0, 0)
    assert service.promote_waiting(event) == []
    assert (waiting.status, submitted.status) == (S.WAITING, S.SUBMITTED)


def test_expired_and_forged_confirmation_links(client, db, event, create_user, monkeypatch):
    rosa = create_user(email="rosa@coop.example", confirmed=False)
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) - 8 * 86400)
    expired = confirmation.CONFIRM_LINK.token(rosa)
    monkeypatch.undo()
    response = client.get(f"/account/confirm/{expired}", headers=EN)
    assert response.status_code == 410
    assert "This confirmation link has expired: a link is valid for 7 days." in _text(response)
    for bad in (expired[:-3], "garbage", "a.b.c"):
        response = client.get(f"/account/confirm/{bad}", headers=EN)
        assert response.status_code == 400
        assert "This link is not valid. Copy the whole link from the mail." in _text(response)
    assert db.session.get(User, rosa.id).email_confirmed_at is None


def test_my_registration_asks_to_confirm_and_sends_the_link_again(
    client, db, event, create_user, create_registration, login
):
    rosa = create_user(email="rosa@coop.example", confirmed=False)
    create_registration(event, user=rosa, status=S.SUBMITTED)
    login(rosa)
    html = _text(client.get("/events/hih-2023/me", headers=EN))
    assert "Confirm your address: open the link we sent to rosa@coop.example." in html
    answers = [
        client.post(
            "/account/confirm/resend",
            data={"slug": "hih-2023", "next": "/events/hih-2023/me"},
            headers=EN,
        )
        for _ in range(4)
    ]
    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert answers[0].headers["Location"] == "/events/hih-2023/me"
    mails = _mails(db)
    assert len(mails) == 3
    assert {m.subject for m in mails} == {
        "Confirm your address for Hand-in-Hand Investment Forum 2023"
    }
    (token,) = LINK.findall(mails[-1].body)
    assert client.get(f"/account/confirm/{token}").status_code == 200
    html = _text(client.get("/events/hih-2023/me", headers=EN))
    assert "Confirm your address" not in html


def test_an_existing_address_gets_the_same_page_and_its_owner_a_mail(
    client, db, event, create_user
):
    owner = create_user(email="rosa@coop.example", name="Rosa Owner", locale="es")
    response = _register(client)
    assert response.status_code == 200
    assert CHECK_MAIL in _text(response)
    assert "exists" not in _text(response)
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 2  # the owner, the organizer
    assert db.session.get(User, owner.id).check_password("correct horse battery")
    [mail] = _mails(db)
    assert (mail.recipient, mail.locale, mail.subject) == (
        "rosa@coop.example",
        "es",
        "Alguien intentó inscribirse con su dirección en Hand-in-Hand Investment Forum 2023",
    )
    body = " ".join(mail.body.split())
    assert "/login?next=/events/hih-2023/register" in body
    assert "/password/forgot" in body


def test_an_existing_address_and_a_new_one_get_the_same_errors(client, db, event, create_user):
    create_user(email="rosa@coop.example")
    for email in ("rosa@coop.example", "new@coop.example"):
        html = _text(_register(client, email=email, password="Password123", org_country=""))
        assert "This is one of the most common passwords: choose another one." in html
        html = _text(_register(client, email=email, org_country=""))
        assert "Choose a country." in html
    assert _mails(db) == []
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_registration_attempts_are_limited_per_address_and_per_client(client, db, event):
    answers = [_register(client, org_country="") for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    # The refused attempt did not count: 10 answered per client in all.
    others = [_register(client, email=f"p{n}@coop.example", org_country="") for n in range(6)]
    assert [a.status_code for a in others] == [200] * 5 + [429]


def test_the_registration_mail_is_in_the_language_of_the_form(client, db, event):
    _register(client, headers=ES)
    [mail] = _mails(db)
    assert (mail.locale, mail.subject) == (
        "es",
        "Confirme su dirección para Hand-in-Hand Investment Forum 2023",
    )


def test_an_invited_delegate_who_resets_instead_stays_on_the_desk(
    client, db, event, create_user, create_registration
):
    from forum.accounts.services import password_reset

    rosa = create_user(email="rosa@coop.example", confirmed=False)
    rosa.password_hash = ""  # imported: no password yet
    registration = create_registration(event, user=rosa, status=S.SUBMITTED)
    everyone = desk.RegistrationFilter()
    assert desk.find_registrations(event, everyone) == [registration]
    token = password_reset.reset_token(rosa)
    data = {"new": "a brand new secret", "confirm": "a brand new secret"}
    assert client.post(f"/password/reset/{token}", data=data).status_code == 302
    assert db.session.get(User, rosa.id).email_confirmed_at is not None
    assert [r.id for r in desk.find_registrations(event, everyone)] == [registration.id]


def test_a_known_and_a_new_address_take_about_the_same_time(
    client, db, event, create_user, production_password_cost
):
    """With the real hash cost: the hash is what both paths share (tests/conftest.py)."""
    import statistics
    import time

    from forum.extensions import limiter

    create_user(email="rosa@coop.example")
    rounds, times = 8, {"known": [], "new": []}
    limiter.enabled = False  # measure, do not limit
    try:
        _register(client), _register(client, email="warm@coop.example")  # warm both paths up
        for n in range(rounds):  # interleaved, so that a slow moment hits both
            for kind, email in (("known", "rosa@coop.example"), ("new", f"p{n}@coop.example")):
                start = time.perf_counter()
                assert _register(client, email=email).status_code == 200
                times[kind].append(time.perf_counter() - start)
    finally:
        limiter.enabled = True
    known, new = (statistics.median(times[k]) for k in ("known", "new"))
    print(
        f"\nregistration, median of {rounds}: known {known * 1000:.1f} ms, new {new * 1000:.1f} ms"
    )
    assert abs(known - new) < 0.25 * max(known, new)
