"""A real Chromium at phone width: A writes to B from B's profile; B sees the unread count in
the header, opens the conversation, reads and replies."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def delegates(create_user, create_event, create_registration):
    organizer = create_user(email="secretaria@fao.example", name="Secretaría FAO")
    event = create_event(organizers=[organizer])
    ana = create_registration(event, "Ana Quispe", "Cooperativa Oro Verde")
    bruno = create_registration(event, "Bruno Ferrari", "Banca Etica")
    return event, ana, bruno


def _log_in(page, live_server, email, target):
    page.goto(f"{live_server}/login?next={target}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_two_delegates_write_to_each_other_on_a_phone(page, live_server, delegates, axe_check):
    event, ana, bruno = delegates
    page.set_viewport_size(PHONE)
    _log_in(page, live_server, ana.user.email, f"/events/{event.slug}/delegates/{bruno.id}")
    page.get_by_role("link", name="Write a message to Bruno Ferrari").click()
    expect(page.get_by_role("heading", name="Conversation with Bruno Ferrari")).to_be_visible()
    page.get_by_label("Your message").fill("Hola Bruno,\n¿nos vemos en la mesa 3? <b>10:00</b>")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Message sent.")).to_be_visible()
    expect(page.locator("#thread .message-body")).to_have_text(
        "Hola Bruno,\n¿nos vemos en la mesa 3? <b>10:00</b>"
    )
    assert axe_check() == []
    _fits(page)
    _log_out_from_phone_menu(page)

    _log_in(page, live_server, bruno.user.email, f"/events/{event.slug}/")
    # on a phone the count shows beside the menu button, and in the menu itself
    expect(page.locator("#unread-phone")).to_contain_text("1")
    page.get_by_role("button", name="Menu").click()
    expect(page.locator("#messages-link")).to_contain_text("Messages 1")
    page.locator("#unread-phone").click()
    row = page.locator("#conversations li", has_text="Ana Quispe")
    expect(row).to_contain_text("Cooperativa Oro Verde")
    expect(row).to_contain_text("1 unread")
    assert axe_check() == []
    row.get_by_role("link").click()
    expect(page.locator("#thread .message-body")).to_have_text(
        "Hola Bruno,\n¿nos vemos en la mesa 3? <b>10:00</b>"
    )
    expect(page.locator("#unread-phone")).to_have_count(0)  # read now
    page.get_by_label("Your message").fill("¡Claro! Hasta mañana.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#thread .message-body")).to_have_text(
        ["Hola Bruno,\n¿nos vemos en la mesa 3? <b>10:00</b>", "¡Claro! Hasta mañana."]
    )
    assert axe_check() == []
    _fits(page)
    page.screenshot(path="/tmp/msg/e2e-conversation-390.png", full_page=True)


def _log_out_from_phone_menu(page):
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Log out").click()
