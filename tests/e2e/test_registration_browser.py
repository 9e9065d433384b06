"""A real Chromium: a delegate registers in Spanish, an organizer approves, the delegate sees it."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.notifications.models import Mail
from forum.registration.models import ParticipantType, Tag
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def peru_forum(db, create_user, create_event):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO Perú", locale="es")
    event = create_event(
        slug="foro-peru",
        name="Foro de Inversiones Mano de la Mano Perú",
        timezone="America/Lima",
        organizers=[organizer],
        language_codes="es,en",
    )
    db.session.add_all(
        [
            ParticipantType(event=event, name_es="Productor / cooperativa", color="#2e7d32"),
            Tag(event=event, name_es="café"),
            Tag(event=event, name_es="financiamiento"),
        ]
    )
    db.session.commit()
    return event


@pytest.mark.usefixtures("during_registration")  # registers before the 2023 forum ends
def test_delegate_registers_in_spanish_and_is_approved(
    browser, live_server, peru_forum, db, axe_check
):
    context = browser.new_context(locale="es-PE", extra_http_headers={"Accept-Language": "es-PE"})
    page = context.new_page()
    page.goto(f"{live_server}/events/foro-peru/")
    page.get_by_role("link", name="Inscribirse").click()
    expect(page.get_by_role("heading", name="Inscribirse")).to_be_visible()
    assert axe_check(page) == []
    page.get_by_label("Correo electrónico").fill("rosa.huaman@coop-sanignacio.example")
    page.get_by_label("Elija una contraseña").fill("cafe de altura 2023")
    page.get_by_label("Nombre completo").fill("Rosa Huamán Quispe")
    page.get_by_label("Cargo").fill("Presidenta")
    page.get_by_label("Participo como").select_option(label="Productor / cooperativa")
    page.get_by_role("combobox", name="Organización").fill("Cooperativa Cafetalera San Ignacio")
    page.locator("#new-organisation summary").click()  # a new one: its type and country
    page.get_by_label("Tipo de organización").select_option("producer_org")
    page.locator("#org_country").select_option("PE")
    page.get_by_label("Región").fill("Cajamarca")
    page.locator("#sector_tags").select_option(label="café")
    page.get_by_label("Lo que busco", exact=True).fill("Financiamiento para renovar cafetales")
    page.get_by_label("He leído el aviso de privacidad").check()
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    expect(page.get_by_role("heading", name="Revise su correo")).to_be_visible()

    mail = db.session.scalar(
        sa.select(Mail).where(Mail.recipient == "rosa.huaman@coop-sanignacio.example")
    )
    assert mail is not None and mail.locale == "es"
    assert mail.subject == "Confirme su dirección para Foro de Inversiones Mano de la Mano Perú"
    # The desk sees the registration once the address is confirmed through the mailed link.
    link = re.search(r"^https?://\S+/account/confirm/\S+$", mail.body, re.MULTILINE).group(0)
    page.goto(live_server + link[link.index("/account/") :])
    expect(page.get_by_role("heading", name="Su dirección está confirmada")).to_be_visible()
    context.close()

    organizer = browser.new_context(locale="es-PE").new_page()
    organizer.goto(f"{live_server}/login?next=/events/foro-peru/manage/registrations")
    organizer.locator("#email").fill("secretaria@fao.example")
    organizer.locator("#password").fill(PASSWORD)
    organizer.locator("#submit").click()
    organizer.get_by_label("Seleccionar Rosa Huamán Quispe").check()
    organizer.get_by_role("button", name="Aprobar seleccionadas").click()
    expect(organizer.get_by_text("1 aprobada")).to_be_visible()

    delegate = browser.new_context(locale="es-PE").new_page()
    delegate.goto(f"{live_server}/login?next=/events/foro-peru/me")
    delegate.locator("#email").fill("rosa.huaman@coop-sanignacio.example")
    delegate.locator("#password").fill("cafe de altura 2023")
    delegate.locator("#submit").click()
    expect(delegate.locator("#registration-status")).to_have_text("aprobada")
