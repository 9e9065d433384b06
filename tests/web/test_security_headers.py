"""Every answer carries the security headers (forum/web/security_headers.py)."""

import pytest

from forum.web.security_headers import CONTENT_SECURITY_POLICY

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)


def _common(response) -> dict:
    names = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options")
    return {name: response.headers.get(name) for name in (*names, "Referrer-Policy")}


def test_the_policy_allows_no_inline_script_or_style():
    assert CONTENT_SECURITY_POLICY == CSP
    assert "unsafe" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("url", ["/", "/login", "/no-such-page", "/static/forum.css"])
def test_anonymous_answers_carry_the_headers_and_no_private_caching(client, db, url):
    response = client.get(url)
    assert _common(response) == {
        "Content-Security-Policy": CSP,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }
    assert response.headers.get("Cache-Control") != "private, no-store"
    assert "Strict-Transport-Security" not in response.headers


def test_a_logged_in_page_is_private_and_not_stored(client, db, login, create_user, create_event):
    create_event()
    login(create_user())
    response = client.get("/events/hih-2023/")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert _common(response)["Content-Security-Policy"] == CSP


def test_a_view_keeps_its_own_caching_and_its_stricter_policy(
    client, db, login, create_user, create_event, create_registration, app
):
    from pathlib import Path

    event = create_event()
    user = create_user(email="ana@agro.example")
    registration = create_registration(event, user=user)
    folder = Path(app.instance_path) / "uploads" / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test-photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    registration.photo_file = "test-photo.jpg"
    db.session.commit()
    login(user)
    response = client.get(f"/events/hih-2023/registrations/{registration.id}/photo")
    (folder / "test-photo.jpg").unlink()
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["Cache-Control"] == "private, max-age=3600"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_hsts_only_over_https(client, db):
    plain = client.get("/")
    secure = client.get("/", base_url="https://foro.example")
    assert "Strict-Transport-Security" not in plain.headers
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_hsts_follows_the_scheme_a_trusted_proxy_forwards(app, client, db, monkeypatch):
    from werkzeug.middleware.proxy_fix import ProxyFix

    # What create_app does with PROXY_COUNT = 1 (forum._trust_proxies).
    monkeypatch.setattr(app, "wsgi_app", ProxyFix(app.wsgi_app, x_for=1, x_proto=1))
    forwarded = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert forwarded.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_an_error_page_carries_them_too(client, db):
    response = client.get("/events/no-such-event/")
    assert response.status_code == 404
    assert _common(response)["X-Frame-Options"] == "DENY"


def test_an_answer_to_a_post_is_left_to_the_view(client, db, login, create_user):
    login(create_user())
    response = client.post("/account/time-zone/detected", data={"timezone": "America/Lima"})
    assert response.get_json() == {"stored": True, "timezone": "America/Lima"}
    assert "Cache-Control" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
