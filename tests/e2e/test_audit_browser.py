"""A real Chromium at phone width: the organizer reads the audit log, filters it, no scrolling."""

import os

import pytest
from playwright.sync_api import expect

from forum.audit.services import record
from forum.registration.models import RegistrationStatus
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")  # a folder, to look at the page by eye


def test_organizer_reads_and_filters_the_log_on_a_phone(
    browser, live_server, db, create_user, create_event, create_registration, axe_check
):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO Perú", locale="es")
    event = create_event(organizers=[organizer])
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria Cafetalera San Ignacio")
    record(event, "registration.approved", "Ana Quispe (Cooperativa Agraria Cafetalera San "
           "Ignacio)", before={"status": RegistrationStatus.SUBMITTED.value},
           after={"status": "approved"}, actor=organizer)  # fmt: skip
    record(event, "meeting.moved", "Ana Quispe – Luis Torres (Fondo Andino de Inversión Rural)",
           before={"table": "4", "time": "2023-10-17T10:20+02:00"},
           after={"table": "12", "time": "2023-10-18T16:40+02:00"}, actor=organizer)  # fmt: skip
    assert ana.id
    db.session.commit()

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-PE")
    page = context.new_page()
    page.goto(f"{live_server}/login?next=/events/hih-2023/manage/")
    page.get_by_label("Correo electrónico").fill(organizer.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url(f"{live_server}/events/hih-2023/manage/")
    page.get_by_role("link", name="Registro de cambios").click()
    expect(page.get_by_role("heading", name="Registro de cambios")).to_be_visible()
    expect(page.get_by_text("mesa 4, 17/10/23, 10:20 → mesa 12, 18/10/23, 16:40")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_check(page) == []
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/audit-390.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.screenshot(path=f"{SCREENSHOTS}/audit-1280.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})

    page.get_by_label("Acción").select_option(label="Inscripción aprobada")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_text("estado: enviada → aprobada")).to_be_visible()
    expect(page.locator(".list-group-item")).to_have_count(1)
    context.close()
