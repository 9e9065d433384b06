"""Password reset by email: the link in the mail, its hour, its single use, its limits."""

import re
import statistics
import time

import pytest
import sqlalchemy as sa
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from forum.accounts import services as accounts
from forum.accounts.models import User, UserSession
from forum.accounts.services import password_reset
from forum.extensions import limiter
from forum.notifications.models import Mail
from tests.factories import PASSWORD

NEW_PASSWORD = "a brand new secret"
EN = {"Accept-Language": "en"}
ES = {"Accept-Language": "es"}
LINK = re.compile(r"^http://localhost/password/reset/([\w.-]+)$", re.MULTILINE)


def _mails(db) -> list[Mail]:
    return list(db.session.scalars(sa.select(Mail).order_by(Mail.id)))


def _ask(client, email, headers=EN, **kw):
    return client.post("/password/forgot", data={"email": email}, headers=headers, **kw)


def _link_token(mail: Mail) -> str:
    (token,) = LINK.findall(mail.body)
    return token


def _set(client, token, new=NEW_PASSWORD, confirm=None, headers=EN, **kw):
    data = {"new": new, "confirm": new if confirm is None else confirm}
    return client.post(f"/password/reset/{token}", data=data, headers=headers, **kw)


def _log_in(app, email, password):
    return app.test_client().post("/login", data={"email": email, "password": password})


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_login_page_offers_the_reset(client):
    html = _text(client.get("/login", headers=EN))
    assert '<a href="/password/forgot">Forgot your password?</a>' in html
    assert "¿Olvidó su contraseña?" in _text(client.get("/login", headers=ES))


def test_whole_reset_flow_through_the_mail(app, client, db, create_user, create_event):
    ana = create_user(email="ana@example.org", locale="en")
    create_event(organizers=[ana])
    other_device = app.test_client()
    assert _log_in(app, "ana@example.org", PASSWORD).status_code == 302
    other_device.post("/login", data={"email": "ana@example.org", "password": PASSWORD})
    assert other_device.get("/events/hih-2023/manage/").status_code == 200

    answer = _ask(client, " Ana@Example.org ")
    assert answer.status_code == 200
    assert "If an account exists for Ana@Example.org" in _text(answer).replace("\n", " ")
    (mail,) = _mails(db)
    assert (mail.recipient, mail.user_id, mail.event_id, mail.locale) == (
        "ana@example.org",
        ana.id,
        None,
        "en",
    )
    assert mail.subject == "A new password for Foro"
    assert mail.body.startswith("Hello Ana Quispe,\n")
    token = _link_token(mail)

    form = client.get(f"/password/reset/{token}", headers=EN)
    assert form.status_code == 200
    assert "Choose a new password" in _text(form)
    assert form.headers["Referrer-Policy"] == "no-referrer"
    done = _set(client, token)
    assert (done.status_code, done.headers["Location"]) == (302, "/")
    welcome = _text(client.get("/", headers=EN))
    assert "Your new password is set and you are logged in." in welcome
    assert client.get("/events/hih-2023/manage/").status_code == 200  # logged in here
    # Every session from before has ended: the other device is sent to the login page.
    ended = other_device.get("/events/hih-2023/manage/")
    assert (ended.status_code, ended.headers["Location"][:6]) == (302, "/login")
    sessions = db.session.scalars(sa.select(UserSession).order_by(UserSession.id)).all()
    assert [s.revoked_at is None for s in sessions] == [False, False, True]

    assert _log_in(app, "ana@example.org", PASSWORD).status_code == 200  # old one refused
    assert _log_in(app, "ana@example.org", NEW_PASSWORD).status_code == 302

    again = client.get(f"/password/reset/{token}", headers=EN)
    assert again.status_code == 410
    assert "This link has already been used" in _text(again)


def _main(response) -> str:
    """The page's own content (the header carries a per-request CSRF token)."""
    html = _text(response)
    return html[html.index("<main") : html.index("</main>")]


def test_unknown_address_gets_the_same_page_and_no_mail(client, db, create_user):
    create_user(email="ana@example.org")
    known = _ask(client, "ana@example.org")
    unknown = _ask(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert _main(unknown) == _main(known).replace("ana@example.org", "nobody@example.org")
    assert "we have sent it a link to choose a new password" in _main(known)
    assert [m.recipient for m in _mails(db)] == ["ana@example.org"]


def test_inactive_account_gets_no_mail(client, db, create_user):
    ana = create_user(email="ana@example.org")
    ana.is_active_account = False
    db.session.commit()
    assert "If an account exists for ana@example.org" in _text(_ask(client, "ana@example.org"))
    assert _mails(db) == []


def test_mail_is_in_the_users_language_and_the_page_in_the_readers(client, db, create_user):
    create_user(email="rosa@example.org", name="Rosa Huamán", locale="es")
    html = _text(_ask(client, "rosa@example.org", headers=EN))
    assert "If an account exists for rosa@example.org" in html
    (mail,) = _mails(db)
    assert (mail.locale, mail.subject) == ("es", "Una contraseña nueva para Foro")
    assert mail.body.startswith("Estimado/a Rosa Huamán:\n")
    assert "El enlace funciona una sola vez." in mail.body


def test_page_in_spanish(client, db):
    html = _text(_ask(client, "nadie@example.org", headers=ES))
    assert "Si existe una cuenta para nadie@example.org" in html.replace("\n", " ")
    form = _text(client.get("/password/forgot", headers=ES))
    assert "¿Olvidó su contraseña?" in form and "Enviarme un enlace" in form


def test_bad_email_is_refused_on_the_form(client, db):
    html = _text(_ask(client, "not an address"))
    assert "Invalid email address." in html
    assert "If an account exists" not in html


def _old_token(user: User, seconds_ago: int, monkeypatch) -> str:
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) - seconds_ago)
    token = password_reset.reset_token(user)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    return token


def test_expired_link_offers_a_new_one(client, create_user, monkeypatch):
    ana = create_user(email="ana@example.org")
    almost = _old_token(ana, 3590, monkeypatch)
    expired = _old_token(ana, 3601, monkeypatch)
    assert client.get(f"/password/reset/{almost}").status_code == 200
    response = _set(client, expired)
    assert response.status_code == 410
    html = _text(response)
    assert "This link has expired: a link is valid for one hour." in html
    assert '<a class="btn btn-primary" href="/password/forgot">Ask for a new link</a>' in html
    spanish = _text(client.get(f"/password/reset/{expired}", headers=ES))
    assert "Este enlace ha caducado: un enlace vale una hora." in spanish
    assert "Pedir un enlace nuevo" in spanish
    assert _log_in(client.application, "ana@example.org", PASSWORD).status_code == 302


@pytest.mark.parametrize("spoil", ["forged", "truncated", "garbage", "other-purpose"])
def test_forged_or_truncated_link_is_refused(app, client, create_user, spoil):
    ana = create_user(email="ana@example.org")
    token = password_reset.reset_token(ana)
    bad = {
        "forged": URLSafeTimedSerializer(
            "another secret", salt=password_reset.RESET_LINK.salt
        ).dumps([ana.id, token]),
        "truncated": token[:-4],
        "garbage": "not-a-token",
        "other-purpose": URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="other").dumps(
            [ana.id, "x"]
        ),
    }[spoil]
    for response in (client.get(f"/password/reset/{bad}", headers=EN), _set(client, bad)):
        assert response.status_code == 400
        assert "This link is not valid. Copy the whole link from the mail." in _text(response)
    spanish = _text(client.get(f"/password/reset/{bad}", headers=ES))
    assert "Este enlace no es válido. Copie el enlace completo del correo." in spanish
    assert _log_in(app, "ana@example.org", PASSWORD).status_code == 302


def test_a_password_changed_otherwise_ends_every_link(client, db, create_user):
    ana = create_user(email="ana@example.org")
    first, second = _ask(client, "ana@example.org"), _ask(client, "ana@example.org")
    assert first.status_code == second.status_code == 200
    tokens = [_link_token(m) for m in _mails(db)]
    assert len(set(tokens)) in (1, 2)  # same second, same token: both must die anyway
    accounts.change_password(db.session.get(User, ana.id), "changed on the page", None)
    db.session.commit()
    for token in tokens:
        assert client.get(f"/password/reset/{token}").status_code == 410


def test_using_one_link_ends_the_others(client, db, create_user, monkeypatch):
    ana = create_user(email="ana@example.org")
    older = _old_token(ana, 600, monkeypatch)
    newer = password_reset.reset_token(ana)
    assert _set(client, newer).status_code == 302
    assert "This link has already been used" in _text(_set(client, older, "another secret!"))


@pytest.mark.parametrize(
    ("new", "confirm", "message"),
    [
        ("short", None, "Too short: use at least 10 characters."),
        ("Password123", None, "This is one of the most common passwords: choose another one."),
        ("1234567890", None, "This is one of the most common passwords: choose another one."),
        ("CONTRASEÑA", None, "This is one of the most common passwords: choose another one."),
        ("ana@example.org", None, "Do not use your email address or your name in the password."),
        ("anaquispe-2026", None, "Do not use your email address or your name in the password."),
        ("a brand new secret", "a brand new secreT", "The two passwords differ."),
    ],
)
def test_weak_passwords_are_refused_and_the_link_still_works(
    client, create_user, new, confirm, message
):
    ana = create_user(email="ana@example.org", name="Ana Quispe")
    token = password_reset.reset_token(ana)
    response = _set(client, token, new, confirm)
    assert response.status_code == 200
    assert message in _text(response)
    assert _set(client, token).status_code == 302  # a refused password does not use the link


def test_spanish_refusal_of_a_common_password(client, create_user):
    token = password_reset.reset_token(create_user(email="ana@example.org"))
    html = _text(_set(client, token, "qwertyuiop", headers=ES))
    assert "Es una de las contraseñas más comunes: elija otra." in html
    html = _text(_set(client, token, "corta", headers=ES))
    assert "Demasiado corta: use al menos 10 caracteres." in html


def test_password_page_applies_the_same_rules(client, login, create_user):
    ana = create_user(email="ana@example.org")
    login(ana)
    html = _text(
        client.post(
            "/account/password",
            data={"current": PASSWORD, "new": "qwerty12345", "confirm": "qwerty12345"},
            headers=EN,
        )
    )
    assert "This is one of the most common passwords: choose another one." in html
    assert _log_in(client.application, "ana@example.org", PASSWORD).status_code == 302


def test_requests_are_limited_per_address(app, client, db, create_user):
    create_user(email="ana@example.org")
    statuses = []
    for i in range(4):  # each request from another client address
        env = {"REMOTE_ADDR": f"10.0.0.{i + 1}"}
        statuses.append(_ask(app.test_client(), "ana@example.org", environ_base=env).status_code)
    assert statuses == [200, 200, 200, 429]
    assert len(_mails(db)) == 3
    blocked = _ask(app.test_client(), "ANA@example.org", environ_base={"REMOTE_ADDR": "10.0.1.1"})
    assert blocked.status_code == 429
    assert "Too many requests for a new password. Wait an hour and try again." in _text(blocked)
    spanish = _ask(app.test_client(), "ana@example.org", headers=ES)
    assert "Demasiadas solicitudes de contraseña nueva. Espere una hora" in _text(spanish)
    # An unknown address is limited alike: the 429 does not tell them apart either.
    unknown = [_ask(app.test_client(), "nobody@example.org").status_code for _ in range(4)]
    assert unknown == [200, 200, 200, 429]


def test_requests_are_limited_per_client(client, db, create_user):
    create_user(email="ana@example.org")
    statuses = [_ask(client, f"guess{i}@example.org").status_code for i in range(11)]
    assert statuses == [200] * 10 + [429]
    blocked = _ask(client, "ana@example.org")
    assert blocked.status_code == 429
    assert "Too many requests for a new password." in _text(blocked)
    assert _mails(db) == []
    assert client.get("/password/forgot").status_code == 200  # only asking is limited


TIMING_ROUNDS = 30
TIMING_BOUND = 0.005  # seconds between the medians; measured 0.4 to 1.1 ms on SQLite


def test_known_and_unknown_addresses_take_the_same_time(client, db, create_user):
    create_user(email="ana@example.org")
    limiter.enabled = False  # 60 requests for the same addresses: measure, do not limit
    try:
        for email in ("ana@example.org", "nobody@example.org"):  # warm both paths up
            _ask(client, email)
        times = {"known": [], "unknown": []}
        for _ in range(TIMING_ROUNDS):  # interleaved, so that a slow moment hits both
            for kind, email in (("known", "ana@example.org"), ("unknown", "nobody@example.org")):
                start = time.perf_counter()
                response = _ask(client, email)
                times[kind].append(time.perf_counter() - start)
                assert response.status_code == 200
    finally:
        limiter.enabled = True
    known, unknown = (statistics.median(times[k]) for k in ("known", "unknown"))
    print(
        f"\npassword reset request, median of {TIMING_ROUNDS}: known {known * 1000:.2f} ms, "
        f"unknown {unknown * 1000:.2f} ms, difference {(known - unknown) * 1000:+.2f} ms"
    )
    assert len(_mails(db)) == TIMING_ROUNDS + 1
    assert abs(known - unknown) < TIMING_BOUND


def test_a_forged_host_cannot_put_another_site_in_the_link(app, client, db, create_user):
    create_user(email="ana@example.org")
    app.config["TRUSTED_HOSTS"] = ["foro.example.org"]
    try:
        forged = _ask(client, "ana@example.org", base_url="http://evil.example")
        trusted = _ask(client, "ana@example.org", base_url="https://foro.example.org")
    finally:
        app.config["TRUSTED_HOSTS"] = None
    assert (forged.status_code, trusted.status_code) == (400, 200)
    (mail,) = _mails(db)
    assert "https://foro.example.org/password/reset/" in mail.body
