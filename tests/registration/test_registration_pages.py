import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.notifications.models import Mail
from forum.registration.models import Organisation, Registration, RegistrationStatus

# These register while the form is open: before the factory event has ended.
pytestmark = pytest.mark.usefixtures("during_registration")

LOGO = Path(__file__).parent.parent / "fixtures" / "logo.png"


@pytest.fixture
def event(create_event):
    return create_event()


def form(**overrides):
    data = {
        "email": "rosa@coop.example",
        "password": "cafe de altura 2023",
        "name": "Rosa Huamán Quispe",
        "job_title": "Presidenta",
        "gender": "female",
        "languages": ["es", "qu"],
        "organisation_id": "new",
        "org_name": "Cooperativa Agraria Cafetalera La Prosperidad",
        "org_type": "producer_org",
        "org_country": "PE",
        "org_region": "Cajamarca",
        "org_website": "",
        "org_size": "small",
        "offers": "Café especial de altura, 1.800 msnm",
        "seeks": "Financiamiento para renovar cafetales",
        "ticket_min": "",
        "ticket_max": "",
        "ticket_currency": "USD",
        "privacy_consent": "y",
    }
    data.update(overrides)
    return data


def test_newcomer_registers_and_is_asked_to_confirm_the_address(client, event, db):
    response = client.post(
        "/events/hih-2023/register", data=form(), headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200
    assert "We have sent a message to rosa@coop.example." in response.get_data(as_text=True)
    user = db.session.scalar(sa.select(User).where(User.email == "rosa@coop.example"))
    assert user.check_password("cafe de altura 2023")
    assert user.email_confirmed_at is None
    registration = db.session.scalar(sa.select(Registration))
    assert (registration.user_id, registration.gender.value, registration.languages) == (
        user.id,
        "female",
        ["es", "qu"],
    )
    assert registration.organisation.name == "Cooperativa Agraria Cafetalera La Prosperidad"
    [mail] = db.session.scalars(sa.select(Mail)).all()
    assert (mail.recipient, mail.subject) == (
        "rosa@coop.example",
        "Confirm your address for Hand-in-Hand Investment Forum 2023",
    )


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, event, db):
    html = client.post(
        "/events/hih-2023/register",
        data=form(org_name="", org_country=""),
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "Give the name of your organisation." in html
    assert "Choose a country." in html
    assert 'value="Rosa Huamán Quispe"' in html
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0


def test_logged_in_user_registers_without_account_fields(client, login, create_user, event, db):
    user = create_user(email="ana@agro.example")
    login(user)
    page = client.get("/events/hih-2023/register").get_data(as_text=True)
    assert 'name="password"' not in page
    data = form()
    del data["email"], data["password"]
    client.post("/events/hih-2023/register", data=data)
    assert db.session.scalar(sa.select(Registration)).user_id == user.id


def test_registration_closed_page(client, event, db):
    from datetime import UTC, datetime

    event.registration_closes_at = datetime(2023, 10, 1, tzinfo=UTC)
    db.session.commit()
    html = client.get("/events/hih-2023/register", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Registration closed on " in html and "<form" not in html.split("<main")[-1]
    client.post("/events/hih-2023/register", data=form())
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_extra_fields_posted_change_nothing(client, event, create_event, db):
    other = create_event(slug="other")
    client.post(
        "/events/hih-2023/register",
        data=form(status="approved", event_id=str(other.id), is_admin="1", user_id="1"),
    )
    registration = db.session.scalar(sa.select(Registration))
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.event_id == event.id
    assert registration.user.is_admin is False


def test_photo_is_reencoded_and_served_with_nosniff(client, event, db, app):
    data = form(photo=(io.BytesIO(LOGO.read_bytes()), "logo.png"))
    client.post("/events/hih-2023/register", data=data, content_type="multipart/form-data")
    registration = db.session.scalar(sa.select(Registration))
    assert registration.photo_file.endswith(".jpg")
    client.post("/login", data={"email": "rosa@coop.example", "password": "cafe de altura 2023"})
    response = client.get(f"/events/hih-2023/registrations/{registration.id}/photo")
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data[:3] == b"\xff\xd8\xff"
    stored = Path(app.instance_path) / "uploads" / "photos" / registration.photo_file
    assert stored.is_file() and "static" not in str(stored)


def test_a_script_posing_as_an_image_is_refused(
    client, login, create_user, event, create_registration, db
):
    user = create_user(email="ana@agro.example")
    create_registration(event, user=user)
    login(user)
    data = form(organisation_id="new", photo=(io.BytesIO(b"<script>alert(1)</script>"), "x.png"))
    del data["email"], data["password"]
    html = client.post(
        "/events/hih-2023/me/edit",
        data=data,
        content_type="multipart/form-data",
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "This file is not a JPEG, PNG, WebP or GIF image." in html
    assert db.session.scalar(sa.select(Registration)).photo_file is None


def test_delegate_cannot_see_another_registration_photo(
    client, login, create_user, event, create_registration, db
):
    owner = create_registration(event, status=RegistrationStatus.SUBMITTED, photo_file="abc.jpg")
    viewer = create_user(email="other@x.example")
    create_registration(event, user=viewer, status=RegistrationStatus.APPROVED)
    login(viewer)
    assert client.get(f"/events/hih-2023/registrations/{owner.id}/photo").status_code == 404


def test_my_registration_is_404_without_one(client, login, create_user, event):
    login(create_user())
    assert client.get("/events/hih-2023/me").status_code == 404


def test_delegate_edits_profile_and_cancels(
    client, login, create_user, event, create_registration, db
):
    user = create_user(email="ana@agro.example")
    registration = create_registration(event, user=user)
    login(user)
    data = form(
        organisation_id=str(registration.organisation_id),
        org_name=registration.organisation.name,  # the form shows the delegate's own
        seeks="Compradores de cacao",
    )
    del data["email"], data["password"]
    client.post("/events/hih-2023/me/edit", data=data)
    assert registration.seeks == "Compradores de cacao"
    assert registration.status == RegistrationStatus.APPROVED
    assert client.get("/events/hih-2023/me/cancel").status_code == 405
    client.post("/events/hih-2023/me/cancel")
    assert registration.status == RegistrationStatus.CANCELLED


def test_seat_sign_up_and_waiting_list_through_pages(
    client, login, create_user, event, create_session, create_registration, db
):
    workshop = create_session(event, title="Taller", capacity=1)
    first = create_registration(event)
    user = create_user(email="second@x.example")
    create_registration(event, user=user)
    from forum.registration.services import seating

    seating.sign_up(workshop, first)
    login(user)
    html = client.post(
        f"/events/hih-2023/sessions/{workshop.id}/seat",
        follow_redirects=True,
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "The session is full: you are number 1 on the waiting list." in html
    assert "1 of 1 seat taken." in html
    assert client.get(f"/events/hih-2023/sessions/{workshop.id}/seat").status_code == 405
