"""Writes with a read-write token, through the desk's services: add, edit, approve, reject,
check in; the same rules as the forms, and the audit log names the token's person."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEntry
from forum.events.models import Event
from forum.extensions import db
from forum.notifications.models import Mail
from forum.registration.models import Registration, RegistrationStatus
from tests import factories

BASE = "/api/v1/events/hih-2023/registrations"
NEW = {
    "email": "Lucia.Mamani@Example.org",
    "name": "Lucía  Mamani",
    "organisation": {"name": "Cooperativa Puno", "type": "producer_org", "country": "pe"},
    "status": "submitted",
    "locale": "es",
}


def test_create_registration_as_the_desk_form_does(api, world):
    response = api.post(BASE, headers=world.auth("desk"), json=NEW)
    body = response.get_json()
    assert response.status_code == 201, body
    registration = db.session.get(Registration, body["id"])
    assert (body["name"], body["email"], body["status"]) == (
        "Lucía Mamani",
        "lucia.mamani@example.org",
        "submitted",
    )
    assert registration.organisation.name == "Cooperativa Puno"
    assert registration.organisation.country == "PE"
    # a new account: an invitation in the outbox, in the delegate's language
    user = db.session.scalar(sa.select(User).where(User.email == "lucia.mamani@example.org"))
    assert user.locale == "es" and not user.has_password
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Mail)) == 1
    again = api.post(BASE, headers=world.auth("desk"), json=NEW)
    assert again.status_code == 422
    assert again.get_json() == {
        "code": "rejected",
        "message": "lucia.mamani@example.org is already registered for this event.",
        "field": "email",
    }


def test_create_refuses_bad_input_naming_the_field(api, world):
    cases = {
        "unknown": ({**NEW, "nickname": "Lu"}, "unknown_field", "nickname"),
        "type": ({**NEW, "participant_type_id": "three"}, "invalid_value", "participant_type_id"),
        "nested": (
            {**NEW, "organisation": {"name": "X", "type": "spaceship", "country": "PE"}},
            "invalid_value",
            "organisation.type",
        ),
        "missing": ({k: v for k, v in NEW.items() if k != "email"}, "required", "email"),
        "service": (
            {**NEW, "organisation": {"name": "", "type": "company", "country": "PE"}},
            "rejected",
            "organisation.name",
        ),
        "type of event": ({**NEW, "participant_type_id": 999}, "rejected", "participant_type_id"),
    }
    for name, (body, code, field) in cases.items():
        response = api.post(BASE, headers=world.auth("desk"), json=body)
        answer = response.get_json()
        assert (response.status_code, answer["code"], answer.get("field")) == (
            422,
            code,
            field,
        ), name
    malformed = api.post(
        BASE, headers=world.auth("desk"), data="{not json", content_type="application/json"
    )
    assert malformed.get_json()["code"] == "malformed_json"
    listed = api.post(BASE, headers=world.auth("desk"), json=[1, 2])
    assert listed.get_json()["code"] == "body_not_object"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 3


def test_patch_changes_only_the_fields_given(api, world):
    url = f"{BASE}/{world.ids['ana']}"
    response = api.patch(
        url, headers=world.auth(), json={"languages": ["es", "qu"], "ticket_min": 1000}
    )
    body = response.get_json()
    assert response.status_code == 200, body
    assert (body["languages"], body["ticket_min"], body["job_title"]) == (
        ["es", "qu"],
        1000,
        "Gerente",
    )
    assert body["organisation_id"] == world.ids["organisation"]
    refused = api.patch(url, headers=world.auth(), json={"ticket_min": 10, "ticket_max": 5})
    assert refused.get_json() == {
        "code": "rejected",
        "message": "The largest ticket cannot be below the smallest.",
        "field": "ticket_max",
    }
    assert db.session.get(Registration, world.ids["ana"]).ticket_min == 1000


def test_approve_reject_and_check_in(api, world):
    bruno, ana = world.ids["bruno"], world.ids["ana"]
    approved = api.post(f"{BASE}/{bruno}/approve", headers=world.auth("desk")).get_json()
    assert (approved["registration"]["status"], approved["changed"]) == ("approved", True)
    twice = api.post(f"{BASE}/{bruno}/approve", headers=world.auth("desk")).get_json()
    assert twice["changed"] is False
    rejected = api.post(f"{BASE}/{bruno}/reject", headers=world.auth("desk")).get_json()
    assert rejected["registration"]["status"] == "rejected"
    checked = api.post(f"{BASE}/{ana}/check-in", headers=world.auth("desk")).get_json()
    assert checked["changed"] is True
    first = checked["registration"]["checked_in_at"]
    again = api.post(f"{BASE}/{ana}/check-in", headers=world.auth("desk")).get_json()
    assert (again["changed"], again["registration"]["checked_in_at"]) == (False, first)
    not_approved = api.post(f"{BASE}/{bruno}/check-in", headers=world.auth("desk"))
    assert not_approved.status_code == 422
    assert not_approved.get_json()["message"] == "This registration is not approved."
    actors = db.session.execute(
        sa.select(AuditEntry.action, AuditEntry.actor_name).order_by(AuditEntry.id)
    ).all()
    assert [tuple(a) for a in actors if a.action.startswith("registration.")] == [
        ("registration.approved", "Desk"),
        ("registration.rejected", "Desk"),
        ("registration.checked_in", "Desk"),
    ]
    assert db.session.get(Registration, bruno).status == RegistrationStatus.REJECTED


def test_another_events_registration_is_a_404(api, world):
    other = db.session.scalar(sa.select(Event).filter_by(slug="other-2024"))
    stranger = factories.create_registration(other, "Sven Stranger")
    response = api.post(f"{BASE}/{stranger.id}/approve", headers=world.auth())
    assert (response.status_code, response.get_json()["code"]) == (404, "not_found")


def test_text_is_cleaned_as_the_forms_clean_it(api, world):
    response = api.patch(
        f"{BASE}/{world.ids['ana']}",
        headers=world.auth(),
        json={"job_title": "Ge\x00rente\ngeneral", "offers": "Café\x00 de\naltura\u202e"},
    )
    body = response.get_json()
    assert response.status_code == 200, body
    assert (body["job_title"], body["offers"]) == ("Gerente general", "Café de\naltura")
    bad_currency = api.patch(
        f"{BASE}/{world.ids['ana']}", headers=world.auth(), json={"ticket_currency": "U$D"}
    )
    assert bad_currency.get_json()["field"] == "ticket_currency"
