"""A real Chromium on a phone-sized screen with an English browser: a Spanish delegate logs in
and is welcomed in Spanish; the directory names countries and languages in Spanish."""

import pytest
from playwright.sync_api import expect

from forum.registration.models import OrganisationType
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}, "locale": "en-GB"}


def test_a_spanish_delegate_reads_welcome_countries_and_languages_in_spanish(
    page, live_server, create_event, create_user, create_registration, create_organisation,
    axe_check,
):  # fmt: skip
    event = create_event()
    rosa = create_user(email="rosa@coop.example", name="Rosa Huamán", locale="es")
    create_registration(event, user=rosa, spoken_languages="es,qu")
    fund = create_organisation(
        "Kabul Seed Fund", type=OrganisationType.INVESTOR, country="AF", region=""
    )
    create_registration(
        event, user=create_user(email="john@fund.example", name="John Miller"), organisation=fund
    )

    page.goto(f"{live_server}/login")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()  # the browser's language
    page.get_by_label("Email").fill("rosa@coop.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Bienvenido/a, Rosa Huamán.")).to_be_visible()

    page.goto(f"{live_server}/events/hih-2023/delegates")
    expect(
        page.get_by_text("Kabul Seed Fund · Inversionista / institución financiera · Afganistán")
    ).to_be_visible()
    expect(page.locator("#country option")).to_have_text(["Todos", "Afganistán", "Perú"])
    expect(page.locator("#language option").nth(1)).to_have_text("Aimara")
    assert axe_check() == []

    page.get_by_role("link", name="Rosa Huamán").click()
    expect(page.get_by_text("Español, Quechua")).to_be_visible()
    assert axe_check() == []
