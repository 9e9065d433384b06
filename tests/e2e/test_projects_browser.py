"""A real Chromium: an investor finds the coffee plan by its value chain in the catalogue,
expresses interest and asks for a meeting; the presenting ministry sees the interest."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.meetings.models import MeetingRequest
from forum.projects.models import Interest, InterestLevel
from forum.registration.models import OrganisationType
from tests.factories import PASSWORD, create_project

pytestmark = pytest.mark.e2e

SLUG = "hih-2023"
COFFEE = "Agroforestry coffee in Jaén and San Ignacio"
NOTE = "Deuda senior para las plantas de beneficio de las cooperativas"


@pytest.fixture
def plans(create_event, create_user, create_organisation, create_registration):
    event = create_event()
    midagri = create_organisation(
        "Ministerio de Desarrollo Agrario y Riego", type=OrganisationType.NATIONAL_GOVERNMENT
    )
    fund = create_organisation(
        "Evergreen Andes Impact Fund", type=OrganisationType.INVESTOR, country="US", region=""
    )
    beatriz = create_registration(
        event,
        user=create_user(email="beatriz@midagri.example", name="Beatriz Cabrera Vega"),
        organisation=midagri,
        job_title="Asesora de inversión agraria",
    )
    nathan = create_registration(
        event,
        user=create_user(email="nathan@evergreen.example", name="Nathan Whitaker"),
        organisation=fund,
        job_title="Investment director",
    )
    coffee = create_project(event, midagri, COFFEE, contact=beatriz, tags=("coffee",))
    create_project(event, midagri, "Regenerative dairy in La Libertad", tags=("dairy",))
    create_project(event, midagri, "Andean organic avocado in Huancavelica", tags=("avocado",))
    return coffee, beatriz, nathan


def _log_in(browser, live_server, email, next_path):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/login?next={next_path}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}{next_path}")
    return context, page


def test_investor_finds_coffee_plan_and_presenter_sees_interest(
    browser, live_server, plans, db, axe_check
):
    coffee, beatriz, nathan = plans
    catalogue = f"/events/{SLUG}/projects"

    investor_context, investor = _log_in(
        browser, live_server, "nathan@evergreen.example", catalogue
    )
    expect(investor.locator("#project-count")).to_contain_text("3 projects")
    investor.get_by_label("Value chain").select_option(label="coffee")
    investor.get_by_role("button", name="Filter").click()
    expect(investor.locator("#project-count")).to_contain_text("1 project")
    investor.get_by_role("link", name=COFFEE).click()
    expect(investor.get_by_role("heading", name=COFFEE)).to_be_visible()
    investor.get_by_role("link", name="Express interest").click()
    expect(investor.get_by_text("The request goes to Beatriz Cabrera Vega")).to_be_visible()
    investor.get_by_label("Ready to discuss terms").check()
    investor.get_by_label("Indicative amount").fill("2,500,000")
    investor.get_by_label("Currency").select_option("USD")
    investor.get_by_label("Instrument").select_option(label="Debt")
    investor.get_by_label("Note").fill(NOTE)
    investor.get_by_label("Also request a meeting with the project contact").check()
    assert axe_check(investor) == []
    investor.get_by_role("button", name="Save my interest").click()
    expect(investor.get_by_text(f"Your interest in “{COFFEE}” is saved.")).to_be_visible()
    expect(
        investor.get_by_text("Your request has been sent to Beatriz Cabrera Vega.")
    ).to_be_visible()
    expect(investor.get_by_text("Your interest: Ready to discuss terms.")).to_be_visible()

    interest = db.session.scalar(sa.select(Interest))
    assert (interest.registration_id, interest.level, interest.amount) == (
        nathan.id,
        InterestLevel.READY,
        2_500_000_00,
    )
    request = db.session.scalar(sa.select(MeetingRequest))
    assert (request.recipient_id, request.project_id) == (beatriz.id, coffee.id)

    presenter_context, presenter = _log_in(
        browser, live_server, "beatriz@midagri.example", f"{catalogue}/{coffee.id}"
    )
    presenter.get_by_role("link", name="1 interested investor").click()
    row = presenter.locator("#interests tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Nathan Whitaker")
    expect(row).to_contain_text("Investment director, Evergreen Andes Impact Fund")
    expect(row).to_contain_text("Ready to discuss terms")
    expect(row).to_contain_text("$2,500,000.00")
    expect(row).to_contain_text("Debt")
    expect(row).to_contain_text(NOTE)
    expect(row).to_contain_text("pending")
    assert axe_check(presenter) == []

    for context in (investor_context, presenter_context):
        context.close()
