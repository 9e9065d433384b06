"""Invitations: the accept page, its link's week and single use, and asking for a new one."""

import re

import pytest
import sqlalchemy as sa
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from forum.accounts.models import User, UserSession
from forum.accounts.services import invitations
from forum.core.types import utcnow
from forum.notifications.models import Mail
from forum.registration.models import RegistrationStatus

NEW_PASSWORD = "a brand new secret"
EN = {"Accept-Language": "en"}
ES = {"Accept-Language": "es"}
LINK = re.compile(r"^https?://[^/\s]+/invitation/([\w.-]+)$", re.MULTILINE)
WEEK = 7 * 24 * 3600


@pytest.fixture
def invited(db, create_user, create_event, create_registration):
    """Rosa, made by an import (no password), registered for the event and invited."""
    rosa = create_user(email="rosa@coop.example", name="Rosa Huamán", confirmed=False)
    rosa.password_hash = ""
    event = create_event()
    create_registration(event, user=rosa, status=RegistrationStatus.APPROVED)
    invitations.invite(rosa, event=event)
    db.session.commit()
    return rosa


def _mails(db) -> list[Mail]:
    return list(db.session.scalars(sa.select(Mail).order_by(Mail.id)))


def _token(mail: Mail) -> str:
    (token,) = LINK.findall(mail.body)
    return token


def _accept(client, token, new=NEW_PASSWORD, confirm=None, headers=EN):
    data = {"new": new, "confirm": new if confirm is None else confirm}
    return client.post(f"/invitation/{token}", data=data, headers=headers)


def _text(response) -> str:
    return response.get_data(as_text=True)


def _old_token(user: User, seconds_ago: int, monkeypatch) -> str:
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) - seconds_ago)
    token = invitations.INVITATION_LINK.token(user)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    return token


def test_the_mail_names_the_event_and_the_page_the_address(client, db, invited):
    (mail,) = _mails(db)
    assert (mail.recipient, mail.locale) == ("rosa@coop.example", "en")
    assert mail.subject == "Your invitation to Hand-in-Hand Investment Forum 2023 on Foro"
    assert "The organizers of Hand-in-Hand Investment Forum 2023 have made you an account" in (
        " ".join(mail.body.split())
    )
    page = client.get(f"/invitation/{_token(mail)}", headers=EN)
    assert page.status_code == 200
    assert (page.headers["Cache-Control"], page.headers["Referrer-Policy"]) == (
        "no-store",
        "no-referrer",
    )
    html = _text(page)
    assert "Your account has been made with the address rosa@coop.example." in html
    assert 'name="new"' in html and 'name="confirm"' in html


def test_accepting_sets_the_password_confirms_and_logs_in(client, db, invited):
    token = _token(_mails(db)[0])
    response = _accept(client, token)
    assert response.status_code == 302
    assert response.headers["Location"] == "/events/hih-2023/me"  # their one registration
    page = client.get("/events/hih-2023/me", headers=EN)
    assert page.status_code == 200
    assert "Welcome, Rosa Huamán: your password is set." in _text(page)
    rosa = db.session.get(User, invited.id)
    assert rosa.check_password(NEW_PASSWORD)
    assert rosa.email_confirmed_at is not None
    assert "Confirm your address" not in _text(page)
    again = client.get(f"/invitation/{token}", headers=EN)
    assert again.status_code == 410
    html = _text(again)
    assert "This invitation has already been accepted." in html
    assert 'href="/login"' in html and 'href="/password/forgot"' in html
    assert "Send me a new invitation" not in html


def test_with_no_or_several_registrations_lands_on_the_events(
    client, db, invited, create_event, create_registration
):
    create_registration(create_event(slug="hih-2024"), user=invited)
    response = _accept(client, invitations.INVITATION_LINK.token(invited))
    assert response.headers["Location"] == "/"


def test_two_submits_with_one_link_set_one_password(client, db, invited, app):
    token = _token(_mails(db)[0])
    first = _accept(client, token)
    second = _accept(app.test_client(), token, new="another secret here")
    assert (first.status_code, second.status_code) == (302, 410)
    assert db.session.get(User, invited.id).check_password(NEW_PASSWORD)
    assert db.session.scalar(sa.select(sa.func.count(UserSession.id))) == 1


@pytest.mark.parametrize(
    ("new", "confirm", "message"),
    [
        ("short", None, "Too short: use at least 10 characters."),
        ("Password123", None, "This is one of the most common passwords: choose another one."),
        ("rosa@coop.example", None, "Do not use your email address or your name in the password."),
        (NEW_PASSWORD, "a brand new secreT", "The two passwords differ."),
        ("", "", "This field is required."),
    ],
)
def test_weak_passwords_are_refused_and_the_link_still_works(
    client, db, invited, new, confirm, message
):
    token = invitations.INVITATION_LINK.token(invited)
    response = _accept(client, token, new, confirm)
    assert response.status_code == 200
    assert message in _text(response)
    assert db.session.get(User, invited.id).has_password is False
    assert _accept(client, token).status_code == 302


def test_an_expired_link_offers_a_new_invitation(client, db, invited, monkeypatch):
    almost = _old_token(invited, WEEK - 10, monkeypatch)
    expired = _old_token(invited, WEEK + 1, monkeypatch)
    assert client.get(f"/invitation/{almost}").status_code == 200
    for response in (client.get(f"/invitation/{expired}", headers=EN), _accept(client, expired)):
        assert response.status_code == 410
        assert "This invitation has expired: an invitation is valid for 7 days." in _text(response)
        assert response.headers["Cache-Control"] == "no-store"
    html = _text(client.get(f"/invitation/{expired}", headers=EN))
    assert f'action="/invitation/{expired}/renew"' in html
    assert "Send me a new invitation" in html

    renewed = client.post(f"/invitation/{expired}/renew", headers=EN)
    assert renewed.status_code == 200
    assert "If this invitation is still waiting to be accepted, a new one has been sent" in (
        _text(renewed)
    )
    first, fresh = _mails(db)
    assert (fresh.recipient, fresh.subject) == (first.recipient, first.subject)
    assert _accept(client, _token(fresh)).status_code == 302


def test_renewing_answers_the_same_and_sends_nothing_for_an_accepted_account(
    client, db, invited, monkeypatch
):
    expired = _old_token(invited, WEEK + 1, monkeypatch)
    user = db.session.get(User, invited.id)
    user.set_password(NEW_PASSWORD)
    db.session.commit()
    html = _text(client.get(f"/invitation/{expired}", headers=EN))
    assert "Send me a new invitation" not in html  # no use: it has a password
    renewed = client.post(f"/invitation/{expired}/renew", headers=EN)
    assert renewed.status_code == 200
    assert "If this invitation is still waiting to be accepted" in _text(renewed)
    assert len(_mails(db)) == 1  # only the first invitation


def test_renewals_are_limited_per_account(client, db, invited, monkeypatch, app):
    expired = _old_token(invited, WEEK + 1, monkeypatch)
    answers = [app.test_client().post(f"/invitation/{expired}/renew") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert len(_mails(db)) == 1 + 3


def test_renewals_are_limited_per_client(client, db, invited):
    answers = [client.post(f"/invitation/garbage-{n}/renew") for n in range(11)]
    assert [a.status_code for a in answers] == [200] * 10 + [429]
    assert len(_mails(db)) == 1


@pytest.mark.parametrize("spoil", ["forged", "truncated", "garbage", "reset-link"])
def test_forged_or_truncated_link_is_refused(app, client, db, invited, spoil):
    token = invitations.INVITATION_LINK.token(invited)
    bad = {
        "forged": URLSafeTimedSerializer(
            "another secret", salt=invitations.INVITATION_LINK.salt
        ).dumps([invited.id, "x"]),
        "truncated": token[:-4],
        "garbage": "not-a-token",
        "reset-link": URLSafeTimedSerializer(
            app.config["SECRET_KEY"], salt="forum.password-reset"
        ).dumps([invited.id, "x"]),
    }[spoil]
    for response in (client.get(f"/invitation/{bad}", headers=EN), _accept(client, bad)):
        assert response.status_code == 400
        html = _text(response)
        assert "This link is not valid. Copy the whole link from the mail." in html
        assert "Send me a new invitation" not in html
    renewed = client.post(f"/invitation/{bad}/renew")
    assert renewed.status_code == 200
    assert len(_mails(db)) == 1
    assert db.session.get(User, invited.id).has_password is False


def test_pages_in_spanish(client, db, invited, monkeypatch):
    token = invitations.INVITATION_LINK.token(invited)
    assert "Le damos la bienvenida a Foro" in _text(client.get(f"/invitation/{token}", headers=ES))
    expired = _old_token(invited, WEEK + 1, monkeypatch)
    html = _text(client.get(f"/invitation/{expired}", headers=ES))
    assert "Esta invitación ha caducado: una invitación vale 7 días." in html
    assert "Envíenme una invitación nueva" in html


def test_an_inactive_account_cannot_accept(client, db, invited):
    token = invitations.INVITATION_LINK.token(invited)
    user = db.session.get(User, invited.id)
    user.is_active_account = False
    user.invited_at = utcnow()
    db.session.commit()
    assert client.get(f"/invitation/{token}").status_code == 410
    assert _accept(client, token).status_code == 410
    assert db.session.get(User, invited.id).has_password is False
