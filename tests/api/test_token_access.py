"""Every token route x every team role: what a read-write token of each person gets."""

import pytest

from forum.extensions import limiter

OK, FORBIDDEN = 200, 403
ROLES = ("organizer", "desk", "reviewer", "viewer", "admin", "outsider")
# route -> the roles that pass; everyone else gets a 403 JSON
READ = {
    "GET registrations": ("organizer", "desk", "viewer"),
    "GET registrations/{ana}": ("organizer", "desk", "viewer"),
    "GET organisations": ("organizer", "desk", "viewer"),
    "GET meeting-requests": ("organizer", "desk", "viewer"),
    "GET meetings": ("organizer", "desk", "viewer"),
    "GET outcomes": ("organizer", "desk", "viewer"),
    "GET interests": ("organizer", "reviewer", "viewer"),
    "GET commitments": ("organizer", "reviewer", "viewer"),
    "PATCH registrations/{ana}": ("organizer", "desk"),
    "POST registrations/{bruno}/approve": ("organizer", "desk"),
    "POST registrations/{bruno}/reject": ("organizer", "desk"),
    "POST registrations/{ana}/check-in": ("organizer", "desk"),
}


@pytest.fixture
def rolled_back(app, world):
    from forum.extensions import db
    from forum.web import transaction

    hooks = app.after_request_funcs[None]
    position = hooks.index(transaction.finish)

    def roll_back(response):
        db.session.rollback()
        return response

    hooks[position] = roll_back
    limiter.enabled = False
    yield world
    limiter.enabled = True
    hooks[position] = transaction.finish


def test_token_matrix(app, rolled_back):
    world = rolled_back
    client = app.test_client()
    mismatches = []
    for key, allowed in READ.items():
        method, path = key.split(" ")
        url = "/api/v1/events/hih-2023/" + path.format(**world.ids)
        for role in ROLES:
            response = client.open(url, method=method, headers=world.auth(role), json={})
            expected = OK if role in allowed else FORBIDDEN
            if response.status_code != expected:
                mismatches.append(f"{key} as {role}: {response.status_code}, expected {expected}")
            elif expected == FORBIDDEN:
                code = "no_role_in_event" if role in ("admin", "outsider") else "role_not_allowed"
                assert response.get_json()["code"] == code, (key, role)
    assert not mismatches, "\n".join(mismatches)


def test_read_only_token_refuses_every_write(api, world):
    for method, path in (
        ("POST", "registrations"),
        ("PATCH", "registrations/{ana}"),
        ("POST", "registrations/{bruno}/approve"),
        ("POST", "registrations/{ana}/check-in"),
    ):
        url = "/api/v1/events/hih-2023/" + path.format(**world.ids)
        response = api.open(url, method=method, headers=world.auth("organizer_read"), json={})
        assert response.status_code == 403
        assert response.get_json() == {
            "code": "read_only_token",
            "message": "This token may only read: make a read-write one.",
        }
