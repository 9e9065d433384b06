"""A real Chromium at phone width: the organizer gives tags their Spanish and English names,
and an English-reading delegate sees the English ones (or the Spanish when none is given)."""

import pytest
from playwright.sync_api import expect

from forum.registration.models import RegistrationTag, Tag, TagRole
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def forum_event(db, create_user, create_event, create_registration):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO", locale="es")
    event = create_event(organizers=[organizer])
    cafe = Tag(event=event, name_es="café", name_en="")
    db.session.add(cafe)
    delegate = create_registration(
        event, user=create_user(email="john@fund.example", name="John Miller", locale="en")
    )
    delegate.tag_links = [RegistrationTag(tag=cafe, role=TagRole.SECTOR)]
    db.session.commit()
    return event


def log_in(page, live_server, email, next_path):
    page.goto(f"{live_server}/login?next={next_path}")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")


def test_organizer_names_tags_in_both_languages_on_a_phone(
    page, live_server, forum_event, axe_check
):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "secretaria@fao.example", "/events/hih-2023/manage/tags")
    expect(page.get_by_role("heading", name="Etiquetas", exact=True)).to_be_visible()
    page.get_by_label("Nuevos sectores y cadenas de valor").fill("cacao | cocoa\n| rice")
    page.get_by_role("button", name="Añadir").click()
    expect(page.get_by_text("«rice» no tiene nombre en español antes de «|».")).to_be_visible()
    page.get_by_label("Nuevos sectores y cadenas de valor").fill("cacao | cocoa")
    page.get_by_role("button", name="Añadir").click()
    expect(page.get_by_label("Nombre en inglés de cacao")).to_have_value("cocoa")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert axe_check() == []

    page.context.clear_cookies()
    log_in(page, live_server, "john@fund.example", "/events/hih-2023/delegates")
    expect(page.locator("select[name=tag] option")).to_have_text(["All", "café", "cocoa"])
    page.get_by_label("Value chain").select_option(label="café")  # no English name yet
    page.locator("form:has(#tag) button[type=submit]").click()
    expect(page.get_by_role("link", name="John Miller")).to_be_visible()
