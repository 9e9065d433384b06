"""Errors under /api/: JSON with a stable code, in Spanish or English, never an HTML page;
the rate limit per token."""

import pytest

from forum.extensions import limiter

REGISTRATIONS = "/api/v1/events/hih-2023/registrations"


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ({"query_string": {"lang": "es"}}, "Este token de la API ha sido revocado."),
        (
            {"headers": {"Accept-Language": "es-PE,es;q=0.9"}},
            "Este token de la API ha sido revocado.",
        ),
        ({"headers": {"Accept-Language": "en-GB"}}, "This API token has been revoked."),
    ],
)
def test_error_message_in_the_asked_language(api, world, asked, message):
    from forum.api.models import ApiToken
    from forum.api.services.tokens import revoke_token
    from forum.extensions import db

    revoke_token(db.session.scalar(db.select(ApiToken).filter_by(name="desk sync")))
    db.session.commit()
    headers = {**world.auth("desk"), **asked.get("headers", {})}
    response = api.get(REGISTRATIONS, headers=headers, query_string=asked.get("query_string"))
    assert response.get_json() == {"code": "token_revoked", "message": message}


def test_validation_messages_in_spanish_name_the_field(api, world):
    body = {"email": "a@b.org", "name": "A", "organisation": {"id": 1}, "apodo": 1}
    response = api.post(REGISTRATIONS + "?lang=es", headers=world.auth(), json=body)
    assert response.status_code == 422
    assert response.get_json() == {
        "code": "unknown_field",
        "message": "Campo desconocido: apodo.",
        "field": "apodo",
    }


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("GET", "/api/v1/nothing-here", 404, "not_found"),
        ("GET", "/api/v2/events", 404, "not_found"),
        ("DELETE", "/api/v1/events", 404, "not_found"),
        ("PUT", "/api/v1/events/hih-2023", 404, "not_found"),
        ("GET", "/api/v1/events/hih%00/programme", 400, "bad_request"),
    ],
)
def test_no_html_error_page_under_api(api, world, method, url, status, code):
    response = api.open(url, method=method)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    assert response.get_json()["code"] == code


def test_method_not_allowed_on_a_route_is_json(api, world):
    response = api.open("/api/v1/openapi.json", method="POST")
    assert response.mimetype == "application/json"
    assert response.status_code in (404, 405)


def test_rate_limit_per_token_answers_429_json(app, api, world):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    limiter.reset()
    try:
        answers = [api.get(REGISTRATIONS, headers=world.auth()).status_code for _ in range(4)]
        other_token = api.get(REGISTRATIONS, headers=world.auth("desk")).status_code
        limited = api.get(REGISTRATIONS + "?lang=es", headers=world.auth())
    finally:
        app.config["API_RATE_LIMIT"] = "600 per minute"
        limiter.reset()
    assert answers == [200, 200, 200, 429]
    assert other_token == 200  # counted per token, not per address
    assert limited.mimetype == "application/json"
    assert limited.get_json() == {
        "code": "rate_limited",
        "message": "Demasiadas solicitudes con este token. Espere un minuto y vuelva a intentarlo.",
    }


def test_a_body_past_the_size_limit_is_a_json_413(app, api, world):
    too_big = b'{"name": "' + b"x" * app.config["MAX_CONTENT_LENGTH"] + b'"}'
    response = api.post(
        REGISTRATIONS, headers=world.auth(), data=too_big, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.get_json() == {"code": "too_large", "message": "The request body is too large."}
