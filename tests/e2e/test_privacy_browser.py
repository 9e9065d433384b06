"""A real Chromium: an organizer writes the privacy notice; a delegate on a phone reads it,
downloads their data and deletes their account; the organizer's meeting page then shows
"a former delegate"."""

import json
import zipfile

import pytest
from playwright.sync_api import expect

from forum.extensions import db
from tests.factories import PASSWORD
from tests.factories.documents import build_forum

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def forum(db, create_user, create_event):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO", locale="es")
    event = create_event(organizers=[organizer], organiser_name="FAO")
    built = build_forum(event)
    built.bruno.user.locale = "es"
    db.session.commit()
    return built


def _log_in(page, live_server, email, target):
    page.goto(f"{live_server}/login?next={target}")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("#submit").click()


def test_notice_my_data_and_deleting_an_account(browser, live_server, forum, axe_check):
    organizer = browser.new_context(locale="es-PE").new_page()
    _log_in(organizer, live_server, "secretaria@fao.example", "/events/hih-2023/manage/privacy")
    expect(organizer.get_by_role("heading", name="Aviso de privacidad")).to_be_visible()
    assert axe_check(organizer) == []
    organizer.get_by_label("Aviso de privacidad en español").fill(
        "La FAO usa sus datos solo para el foro."
    )
    organizer.get_by_role("button", name="Guardar el aviso").click()
    expect(organizer.get_by_text("versión 2")).to_be_visible()

    context = browser.new_context(locale="es-PE", viewport=PHONE, accept_downloads=True)
    delegate = context.new_page()
    _log_in(delegate, live_server, forum.bruno.user.email, "/events/hih-2023/privacy")
    expect(delegate.locator("#notice")).to_have_text("La FAO usa sus datos solo para el foro.")
    assert axe_check(delegate) == []
    delegate.get_by_role("link", name="Ver y descargar sus datos, o eliminar su cuenta").click()
    expect(delegate.get_by_role("heading", name="Mis datos")).to_be_visible()
    assert axe_check(delegate) == []
    with delegate.expect_download() as download:
        delegate.get_by_role("link", name="Descargar mis datos (ZIP)").click()
    archive = zipfile.ZipFile(download.value.path())
    data = json.loads(archive.read("data.json"))
    assert data["account"]["name"] == "Bruno Ferrari"
    assert len(data["registrations"][0]["meetings"]) == 2

    delegate.get_by_role("link", name="Eliminar mi cuenta").click()
    assert axe_check(delegate) == []
    delegate.get_by_label("Su contraseña").fill(PASSWORD)
    delegate.get_by_role("button", name="Eliminar mi cuenta y mis datos").click()
    expect(
        delegate.get_by_text("Su cuenta y sus datos personales se han eliminado.")
    ).to_be_visible()
    context.close()

    meeting = forum.meetings["bruno"].id
    organizer.goto(f"{live_server}/events/hih-2023/manage/meetings/grid/{meeting}")
    expect(organizer.get_by_text("una persona ya no registrada").first).to_be_visible()
    db.session.expire_all()
