"""Login sessions: idle expiry, the throttled last-seen time, the "your sessions" page."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.models import UserSession
from forum.accounts.services import SEEN_EVERY
from forum.accounts.services.sessions import device_name
from forum.core.types import utcnow
from tests.factories import PASSWORD

EN = {"Accept-Language": "en"}
FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
EDGE_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.61"
)


def _browser(app, user, agent=FIREFOX_WINDOWS):
    """A browser logged in as `user`, saying it is `agent`."""
    browser = app.test_client()
    response = browser.post(
        "/login",
        data={"email": user.email, "password": PASSWORD},
        headers={"User-Agent": agent},
    )
    assert response.status_code == 302
    return browser


def _sessions(db, user) -> list[UserSession]:
    query = sa.select(UserSession).filter_by(user_id=user.id).order_by(UserSession.id)
    return list(db.session.scalars(query))


def _logged_in(browser) -> bool:
    return browser.get("/account/sessions").status_code == 200


def _devices(html: str) -> list[str]:
    return [
        " ".join(d.split()) for d in re.findall(r'<div class="fw-semibold">(.*?)</div>', html, re.S)
    ]


@pytest.mark.parametrize(("idle_days", "logged_in"), [(15, False), (13, True)])
def test_a_session_idle_longer_than_the_limit_ends(app, db, create_user, idle_days, logged_in):
    ana = create_user(email="ana@example.org")
    browser = _browser(app, ana)
    (login,) = _sessions(db, ana)
    login.last_seen_at = utcnow() - timedelta(days=idle_days)
    db.session.commit()

    answer = browser.get("/account/sessions")
    db.session.refresh(login)
    if logged_in:
        assert answer.status_code == 200
        assert login.revoked_at is None
        assert utcnow() - login.last_seen_at < timedelta(minutes=1)  # seen again now
    else:
        assert (answer.status_code, answer.headers["Location"][:6]) == (302, "/login")
        assert login.revoked_at is not None
        assert not _logged_in(browser)  # and it stays ended


def test_the_idle_limit_follows_the_setting(app, db, create_user):
    ana = create_user(email="ana@example.org")
    browser = _browser(app, ana)
    (login,) = _sessions(db, ana)
    login.last_seen_at = utcnow() - timedelta(days=4)
    db.session.commit()
    app.config["SESSION_IDLE_DAYS"] = 3
    try:
        assert not _logged_in(browser)
    finally:
        app.config["SESSION_IDLE_DAYS"] = 14


def test_the_cookie_lasts_as_long_as_an_idle_session(app, db, create_user):
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(days=14)
    ana = create_user(email="ana@example.org")
    response = app.test_client().post("/login", data={"email": ana.email, "password": PASSWORD})
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Expires=" in cookie  # kept across browser restarts, not only until it closes


def test_last_seen_moves_at_most_every_few_minutes(app, db, create_user):
    ana = create_user(email="ana@example.org")
    browser = _browser(app, ana)
    (login,) = _sessions(db, ana)

    recently = utcnow() - SEEN_EVERY + timedelta(minutes=1)
    login.last_seen_at = recently
    db.session.commit()
    assert _logged_in(browser)
    db.session.refresh(login)
    assert login.last_seen_at == recently  # no write for this request

    earlier = utcnow() - SEEN_EVERY - timedelta(minutes=1)
    login.last_seen_at = earlier
    db.session.commit()
    assert _logged_in(browser)
    db.session.refresh(login)
    assert utcnow() - login.last_seen_at < timedelta(minutes=1)


def test_the_page_lists_exactly_the_live_sessions(app, db, create_user):
    ana = create_user(email="ana@example.org")
    bruno = create_user(email="bruno@example.org", name="Bruno")
    here = _browser(app, ana, FIREFOX_WINDOWS)
    _browser(app, ana, SAFARI_IPHONE)
    logged_out = _browser(app, ana, CHROME_ANDROID)
    logged_out.post("/logout")
    _browser(app, bruno, EDGE_MAC)
    db.session.add(
        UserSession(
            user=ana,
            user_agent="Old laptop",
            created_at=utcnow() - timedelta(days=40),
            last_seen_at=utcnow() - timedelta(days=20),
        )
    )
    db.session.commit()

    html = here.get("/account/sessions", headers=EN).get_data(as_text=True)
    assert _devices(html) == [  # the latest seen first
        "Safari on iPhone",
        'Firefox on Windows <span class="badge text-bg-success ms-1">This device</span>',
    ]
    assert "Android" not in html and "Old laptop" not in html and "Edge" not in html
    assert "Logged in " in html and "in use now" in html
    assert "Log out everywhere else" in html


def test_ending_one_of_my_sessions(app, db, create_user):
    ana = create_user(email="ana@example.org")
    here = _browser(app, ana, FIREFOX_WINDOWS)
    phone = _browser(app, ana, SAFARI_IPHONE)
    _, phone_login = _sessions(db, ana)

    done = here.post(f"/account/sessions/{phone_login.id}/end", headers=EN, follow_redirects=True)
    assert "The session on Safari on iPhone has ended." in done.get_data(as_text=True)
    assert not _logged_in(phone)
    assert _logged_in(here)
    db.session.refresh(phone_login)
    assert phone_login.revoked_at is not None


def test_another_users_session_is_not_found(app, db, create_user):
    ana = create_user(email="ana@example.org")
    bruno = create_user(email="bruno@example.org", name="Bruno")
    here = _browser(app, ana)
    brunos = _browser(app, bruno)
    (bruno_login,) = _sessions(db, bruno)
    assert here.post(f"/account/sessions/{bruno_login.id}/end").status_code == 404
    assert here.post("/account/sessions/999999/end").status_code == 404
    assert _logged_in(brunos)


def test_ending_this_very_session_logs_out(app, db, create_user):
    ana = create_user(email="ana@example.org")
    here = _browser(app, ana)
    (login,) = _sessions(db, ana)
    done = here.post(f"/account/sessions/{login.id}/end")
    assert (done.status_code, done.headers["Location"]) == (302, "/")
    assert not _logged_in(here)


def test_logging_out_everywhere_else(app, db, create_user):
    ana = create_user(email="ana@example.org")
    here = _browser(app, ana, FIREFOX_WINDOWS)
    others = [_browser(app, ana, SAFARI_IPHONE), _browser(app, ana, CHROME_ANDROID)]
    done = here.post("/account/sessions/end-others", headers=EN, follow_redirects=True)
    html = done.get_data(as_text=True)
    assert "You are logged out everywhere else." in html
    assert _devices(html) == [
        'Firefox on Windows <span class="badge text-bg-success ms-1">This device</span>'
    ]
    assert [_logged_in(b) for b in others] == [False, False]
    assert _logged_in(here)


def test_the_page_is_linked_from_the_user_menu_and_the_password_page(app, db, create_user):
    ana = create_user(email="ana@example.org")
    here = _browser(app, ana)
    assert 'href="/account/sessions"' in here.get("/", headers=EN).get_data(as_text=True)
    password_page = here.get("/account/password", headers=EN).get_data(as_text=True)
    assert '<a href="/account/sessions">See where you are logged in</a>' in password_page


@pytest.mark.parametrize(
    ("agent", "name"),
    [
        (FIREFOX_WINDOWS, "Firefox on Windows"),
        (SAFARI_IPHONE, "Safari on iPhone"),
        (CHROME_ANDROID, "Chrome on Android"),
        (EDGE_MAC, "Edge on macOS"),
        ("curl/8.4.0", "curl/8.4.0"),
        ("", "Unknown device"),
        ("x" * 80, "x" * 59 + "…"),
    ],
)
def test_device_names(app, agent, name):
    with app.test_request_context(headers=EN):
        assert device_name(agent) == name
