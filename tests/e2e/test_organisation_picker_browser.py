"""A real Chromium: the organisation field suggests as one types and is picked by keyboard."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.registration.models import Organisation, OrganisationType, Registration
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def _watch(page) -> list[str]:
    """Console errors and the Content-Security-Policy's complaints."""
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return found


@pytest.fixture
def organisations(db):
    db.session.add_all(
        [
            Organisation(name=name, type=OrganisationType.PRODUCER_ORGANISATION, country=country)
            for name, country in [
                ("Ñahui Café", "PE"),
                ("Cooperativa Ñuñoa", "CL"),
                ("Nahuel Agro SA", "AR"),
                ("Ministerio de Desarrollo Agrario y Riego", "PE"),
            ]
        ],
    )
    db.session.commit()
    return {o.name: o.id for o in db.session.scalars(sa.select(Organisation))}


@pytest.mark.usefixtures("during_registration")
def test_organisation_picked_with_the_keyboard_is_joined(
    browser, live_server, create_event, create_user, organisations, db, axe_check
):
    create_event(slug="foro-peru", name="Foro de Inversiones Perú")
    create_user(email="rosa@coop.example", name="Rosa Huamán", locale="en")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    errors = _watch(page)
    page.goto(f"{live_server}/login?next=/events/foro-peru/register")
    page.locator("#email").fill("rosa@coop.example")
    page.locator("#password").fill(PASSWORD)
    page.locator("#submit").click()

    field = page.get_by_role("combobox", name="Organisation")
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press_sequentially("NAHU", delay=30)  # accents and case do not matter
    listbox = page.get_by_role("listbox", name="Organisations")
    expect(listbox.get_by_role("option")).to_have_text(
        ["Nahuel Agro SA (Argentina)", "Ñahui Café (Peru)"]
    )
    expect(field).to_have_attribute("aria-expanded", "true")
    assert axe_check(page) == []  # with the list open
    assert errors == []  # no script error, nothing the Content-Security-Policy refused

    field.press("ArrowDown")
    field.press("ArrowDown")
    second = listbox.get_by_role("option", name="Ñahui Café (Peru)")
    expect(second).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", "org_name-option-1")
    field.press("Escape")
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press("ArrowDown")  # opens again on the first
    field.press("ArrowUp")  # and wraps to the last
    field.press("Enter")  # picks; does not send the form
    expect(field).to_have_value("Ñahui Café")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#organisation_id")).to_have_value(str(organisations["Ñahui Café"]))
    expect(page.locator("#org_name-picked")).to_have_text("You join this organisation.")
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0

    page.get_by_label("I have read the privacy notice").check()
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    expect(page.locator("#registration-status")).to_be_visible()
    joined = db.session.scalar(sa.select(Registration.organisation_id))
    assert joined == organisations["Ñahui Café"]
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 4

    # Typing again forgets the pick: the name decides
    page.goto(f"{live_server}/events/foro-peru/me/edit")
    field = page.get_by_role("combobox", name="Organisation")
    expect(field).to_have_value("Ñahui Café")
    field.press_sequentially(" Sur", delay=30)
    expect(page.locator("#organisation_id")).to_have_value("")
    context.close()
