"""The event's privacy notice: versions, languages, and the consent of each registration."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.extensions import db
from forum.privacy.services import notice
from forum.registration.models import Registration
from tests.registration.test_registration_pages import form

# These register while the form is open: before the factory event has ended.
pytestmark = pytest.mark.usefixtures("during_registration")


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría FAO")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer], organiser_name="FAO Investment Centre")


def test_each_change_of_the_notice_is_a_new_version_in_the_audit_log(
    client, login, organizer, event
):
    login(organizer)
    assert event.privacy_notice_version == 1
    client.post(
        "/events/hih-2023/manage/privacy",
        data={"text_es": "Sus datos se usan para el foro.", "text_en": ""},
    )
    client.post(
        "/events/hih-2023/manage/privacy",
        data={"text_es": "Sus datos se usan para el foro.", "text_en": "Your data runs the forum."},
    )
    page = client.post(  # the same texts again: no new version
        "/events/hih-2023/manage/privacy",
        data={"text_es": "Sus datos se usan para el foro.", "text_en": "Your data runs the forum."},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Nothing has changed in the privacy notice." in page
    assert "Current version: 3." in page
    db.session.refresh(event)
    assert (event.privacy_notice_es, event.privacy_notice_en) == (
        "Sus datos se usan para el foro.",
        "Your data runs the forum.",
    )
    assert event.privacy_notice_updated_at is not None
    entries = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.before, e.after, e.actor_name) for e in entries] == [
        ("privacy_notice.changed", {"version": 1}, {"version": 2}, "Secretaría FAO"),
        ("privacy_notice.changed", {"version": 2}, {"version": 3}, "Secretaría FAO"),
    ]


def test_the_public_notice_is_in_the_viewers_language_else_the_other_else_the_default(
    client, event
):
    def shown(language):
        html = client.get(
            "/events/hih-2023/privacy", headers={"Accept-Language": language}
        ).get_data(as_text=True)
        return html.split('<div id="notice" class="privacy-notice">')[1].split("</div>")[0]

    assert "FAO Investment Centre organises Hand-in-Hand Investment Forum 2023" in shown("en")
    assert "FAO Investment Centre organiza Hand-in-Hand Investment Forum 2023" in shown("es")
    event.privacy_notice_es = "Aviso en español.\n\nSegundo párrafo."
    db.session.commit()
    assert shown("es") == "<p>Aviso en español.</p><p>Segundo párrafo.</p>"
    assert shown("en") == "<p>Aviso en español.</p><p>Segundo párrafo.</p>"  # the fallback
    event.privacy_notice_en = "Notice in English."
    db.session.commit()
    assert shown("en") == "<p>Notice in English.</p>"


def test_registering_records_the_version_accepted_and_when(client, event):
    event.privacy_notice_version = 4
    db.session.commit()
    page = client.get("/events/hih-2023/register").get_data(as_text=True)
    assert 'href="/events/hih-2023/privacy"' in page
    before = datetime.now(UTC)
    client.post("/events/hih-2023/register", data=form())
    registration = db.session.scalar(sa.select(Registration))
    assert registration.consent_version == 4
    assert before - timedelta(seconds=1) <= registration.consent_at <= datetime.now(UTC)


def test_without_the_box_ticked_nobody_is_registered(client, event):
    html = client.post(
        "/events/hih-2023/register",
        data=form(privacy_consent=""),
        headers={"Accept-Language": "es"},
    ).get_data(as_text=True)
    assert "Marque la casilla para aceptar el aviso de privacidad." in html
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_a_registration_by_the_desk_is_pending_until_the_delegate_accepts(
    client, login, create_registration, organizer, event
):
    rosa = create_registration(event, "Rosa Huamán")
    assert notice.consent_pending(rosa)
    login(organizer)
    detail = client.get(f"/events/hih-2023/manage/registrations/{rosa.id}").get_data(as_text=True)
    assert "consent pending" in detail
    client.post("/logout")

    login(rosa.user)
    mine = client.get("/events/hih-2023/me").get_data(as_text=True)
    assert "Consent pending" in mine
    client.post("/events/hih-2023/me/consent", data={})  # box not ticked: nothing
    db.session.refresh(rosa)
    assert rosa.consent_at is None
    page = client.post(
        "/events/hih-2023/me/consent", data={"accept": "y"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Thank you: you have accepted the privacy notice." in page
    assert "Consent pending" not in page
    db.session.refresh(rosa)
    assert rosa.consent_version == 1 and rosa.consent_at is not None
