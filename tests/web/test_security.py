"""Login sessions, cookies and rate limits."""

import pytest

from forum.extensions import limiter
from tests.factories import PASSWORD


@pytest.fixture
def rate_limited(app):
    limiter.reset()
    yield
    limiter.reset()


def _login(client, email, password=PASSWORD, **kw):
    return client.post("/login", data={"email": email, "password": password}, **kw)


def _session_cookie(client):
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_login_sets_hardened_cookie_and_new_session(client, create_user):
    create_user(email="ana@example.org")
    client.post("/language", data={"lang": "en"})  # an anonymous session exists first
    before = _session_cookie(client)
    response = _login(client, "ana@example.org")
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert _session_cookie(client) != before


def test_secure_cookie_flag_follows_config(app, client, create_user):
    create_user(email="ana@example.org")
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        response = _login(client, "ana@example.org")
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Secure" in header


def test_cookie_replayed_after_logout_is_refused(app, client, create_user, create_event):
    user = create_user(email="ana@example.org")
    create_event(organizers=[user])
    _login(client, "ana@example.org")
    stolen = _session_cookie(client)
    assert client.get("/events/hih-2023/manage/").status_code == 200
    client.post("/logout")
    attacker = app.test_client()
    attacker.set_cookie("session", stolen)
    response = attacker.get("/events/hih-2023/manage/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_password_change_ends_other_sessions_only(app, client, create_user, create_event):
    user = create_user(email="ana@example.org")
    create_event(organizers=[user])
    other_device = app.test_client()
    _login(other_device, "ana@example.org")
    _login(client, "ana@example.org")
    html = client.post(
        "/account/password",
        data={
            "current": PASSWORD,
            "new": "a much longer secret",
            "confirm": "a much longer secret",
        },
        follow_redirects=True,
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "Password changed. Your other sessions have been ended." in html
    assert client.get("/events/hih-2023/manage/").status_code == 200
    assert other_device.get("/events/hih-2023/manage/").status_code == 302
    assert _login(app.test_client(), "ana@example.org", "a much longer secret").status_code == 302


def test_password_change_checks_current_password(client, create_user):
    create_user(email="ana@example.org")
    _login(client, "ana@example.org")
    html = client.post(
        "/account/password",
        data={"current": "wrong", "new": "a much longer secret", "confirm": "a much longer secret"},
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "This is not your current password." in html


# The login limits (per account and address, per account, per address): tests/accounts/
# test_login_limits.py.


def test_successful_logins_do_not_count(client, create_user, rate_limited):
    create_user(email="ana@example.org")
    for _ in range(7):
        assert _login(client, "ana@example.org").status_code == 302
        client.post("/logout")
