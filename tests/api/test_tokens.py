"""API tokens: made on the account page and shown once, stored hashed, refused once revoked
or expired, limited to the events where their person has a team role right now."""

import hashlib
import re
from datetime import timedelta

import sqlalchemy as sa

from forum.api.models import ApiToken, TokenScope
from forum.api.services.tokens import create_token, revoke_token
from forum.audit.models import AuditEntry
from forum.core.types import utcnow
from forum.events.models import EventRole
from forum.extensions import db
from tests.factories import PASSWORD

REGISTRATIONS = "/api/v1/events/hih-2023/registrations"


def _login(client, email: str) -> None:
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302


def test_account_page_shows_the_secret_once_and_stores_only_its_hash(app, world):
    client = app.test_client()
    _login(client, "desk@team.example")
    made = client.post("/account/tokens", data={"name": "CRM sync", "scope": "read_write"})
    page = made.get_data(as_text=True)
    secret = re.search(r"data-api-secret>(foro_[\w-]+)<", page).group(1)
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "CRM sync"))
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.secret_hash, token.prefix} and secret.startswith(token.prefix)
    assert token.scope == TokenScope.READ_WRITE
    assert secret not in client.get("/account/tokens").get_data(as_text=True)
    response = client.get(REGISTRATIONS, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert len(response.get_json()["data"]) == 3
    assert (
        db.session.scalar(
            sa.select(AuditEntry.action).where(AuditEntry.subject == "CRM sync (read_write)")
        )
        == "api_token.created"
    )


def test_account_page_refuses_an_expiry_in_the_past(app, world):
    client = app.test_client()
    _login(client, "desk@team.example")
    response = client.post(
        "/account/tokens", data={"name": "Old", "scope": "read", "expires_on": "2020-01-01"}
    )
    assert response.status_code == 422
    assert "The expiry date must be in the future." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "Old")) is None


def test_revoked_token_is_refused_at_once(app, api, world):
    client = app.test_client()
    _login(client, "organizer@team.example")
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "organizer sync"))
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 302
    response = api.get(REGISTRATIONS, headers=world.auth("organizer"))
    assert response.status_code == 401
    assert response.get_json() == {
        "code": "token_revoked",
        "message": "This API token has been revoked.",
    }
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="foro"'


def test_someone_elses_token_cannot_be_revoked(app, world):
    client = app.test_client()
    _login(client, "desk@team.example")
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "organizer sync"))
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    assert db.session.get(ApiToken, token.id).revoked_at is None


def test_expired_and_unknown_tokens_are_refused_with_their_code(api, world):
    user = db.session.scalar(sa.select(EventRole).where(EventRole.role == "desk")).user
    made = create_token(user, "short", TokenScope.READ, utcnow() + timedelta(minutes=5))
    made.token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    expired = api.get(REGISTRATIONS, headers={"Authorization": f"Bearer {made.secret}"})
    assert (expired.status_code, expired.get_json()["code"]) == (401, "token_expired")
    unknown = api.get(REGISTRATIONS, headers={"Authorization": "Bearer foro_nothing"})
    assert (unknown.status_code, unknown.get_json()["code"]) == (401, "token_invalid")
    missing = api.get(REGISTRATIONS)
    assert (missing.status_code, missing.get_json()["code"]) == (401, "token_missing")


def test_token_of_another_events_team_gets_403_or_404_for_a_draft(api, world):
    other = api.get(REGISTRATIONS, headers=world.auth("outsider"))
    assert other.status_code == 403
    assert other.get_json() == {
        "code": "no_role_in_event",
        "message": "The token's owner has no role in this event's team.",
    }
    own = api.get("/api/v1/events/other-2024/registrations", headers=world.auth("outsider"))
    assert own.status_code == 200
    draft = api.get("/api/v1/events/draft-2024/registrations", headers=world.auth("organizer"))
    assert (draft.status_code, draft.get_json()["code"]) == (404, "not_found")


def test_a_role_removed_stops_the_token_there(api, world):
    assert api.get(REGISTRATIONS, headers=world.auth("desk")).status_code == 200
    role = db.session.scalar(sa.select(EventRole).where(EventRole.role == "desk"))
    db.session.delete(role)
    db.session.commit()
    response = api.get(REGISTRATIONS, headers=world.auth("desk"))
    assert (response.status_code, response.get_json()["code"]) == (403, "no_role_in_event")


def test_an_admin_token_opens_no_event_without_a_role(api, world):
    response = api.get(REGISTRATIONS, headers=world.auth("admin"))
    assert (response.status_code, response.get_json()["code"]) == (403, "no_role_in_event")


def test_a_session_cookie_alone_authorizes_no_api_call(app, world):
    client = app.test_client()
    _login(client, "organizer@team.example")
    read = client.get(REGISTRATIONS)
    write = client.post(f"/api/v1/events/hih-2023/registrations/{world.ids['bruno']}/approve")
    assert (read.status_code, read.get_json()["code"]) == (401, "token_missing")
    assert (write.status_code, write.get_json()["code"]) == (401, "token_missing")


def test_last_use_is_noted(api, world):
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "viewer sync"))
    assert token.last_used_at is None
    api.get(REGISTRATIONS, headers=world.auth("viewer"))
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).last_used_at is not None


def test_revoke_service_logs_and_is_idempotent(world):
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "viewer sync"))
    revoke_token(token)
    first = token.revoked_at
    revoke_token(token)
    assert token.revoked_at == first
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.action == "api_token.revoked")
    ).all()
    assert actions == ["api_token.revoked"]


def test_account_page_lists_live_tokens_with_expiry_and_last_use(app, api, world):
    api.get(REGISTRATIONS, headers=world.auth("desk"))
    client = app.test_client()
    _login(client, "desk@team.example")
    client.post(
        "/account/tokens", data={"name": "Web", "scope": "read", "expires_on": "2099-01-31"}
    )
    page = client.get("/account/tokens").get_data(as_text=True)
    assert "desk sync" in page and "Web" in page
    assert "expires Jan 31, 2099, 11:59:59\u202fPM" in page
    assert "last used " in page and "never used" in page
