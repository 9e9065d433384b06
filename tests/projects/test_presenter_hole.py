"""Regression: a delegate who moves to another organisation gets none of its projects' secrets.

The hole: presenters used to be "approved delegates of the project's organisation", and the
organisation is a field delegates edit on their own registration. An approved delegate of
one organisation who switched to another stayed approved and read that organisation's
investors (names, private notes) and recorded commitments for them.
"""

import re

import pytest

from forum.projects.models import Commitment, InterestLevel
from forum.projects.services import interest as interest_service
from forum.projects.services import presenters
from forum.registration.models import OrganisationType, RegistrationStatus
from forum.registration.services import registration as registration_service
from tests.factories import create_project

SLUG = "hih-2023"
SECRET_NOTE = "Confidencial: deuda senior a 7 años al 6 %, sujeta a comité"
INVESTOR = "Nathan Whitaker"


def profile_form(organisation_id: int) -> dict:
    return {
        "name": "Alonso Tafur",
        "job_title": "Gerente",
        "gender": "male",
        "languages": ["es"],
        "organisation_id": str(organisation_id),
        "org_name": "",
        "org_type": "producer_org",
        "org_country": "PE",
        "org_region": "",
        "org_website": "",
        "org_size": "small",
        "offers": "Café especial",
        "seeks": "Compradores",
        "ticket_min": "",
        "ticket_max": "",
        "ticket_currency": "USD",
    }


@pytest.fixture
def hole(db, create_event, create_user, create_organisation, create_registration):
    organizer = create_user(email="organizer@fao.example", name="Secretaría FAO")
    event = create_event(organizers=[organizer])
    cooperative = create_organisation("Cooperativa Agraria San Ignacio")
    ministry = create_organisation(
        "Ministerio de Desarrollo Agrario y Riego", type=OrganisationType.NATIONAL_GOVERNMENT
    )
    fund = create_organisation(
        "Evergreen Andes Impact Fund", type=OrganisationType.INVESTOR, country="US", region=""
    )

    def person(email, name, organisation):
        user = create_user(email=email, name=name)
        return create_registration(event, user=user, organisation=organisation)

    attacker = person("alonso@sanignacio.example", "Alonso Tafur", cooperative)
    beatriz = person("beatriz@midagri.example", "Beatriz Cabrera", ministry)
    nathan = person("nathan@evergreen.example", INVESTOR, fund)
    coffee = create_project(event, ministry, "Café agroforestal", submitted_by=beatriz)
    cocoa = create_project(event, cooperative, "Cacao de aroma", submitted_by=attacker)
    interest = interest_service.express_interest(
        coffee, nathan, InterestLevel.READY, note=SECRET_NOTE
    ).interest
    return {
        "event": event,
        "organizer": organizer,
        "attacker": attacker,
        "ministry": ministry,
        "coffee": coffee,
        "cocoa": cocoa,
        "interest": interest,
    }


def _text(response) -> str:
    return response.get_data(as_text=True)


def _flashes(html: str) -> list[str]:
    alerts = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', html, re.S)
    return [re.sub(r"<button[^>]*></button>|\s+", " ", alert).strip() for alert in alerts]


def test_switching_organisation_opens_no_investor_data(client, login, hole):
    attacker, coffee = hole["attacker"], hole["coffee"]
    project_url = f"/events/{SLUG}/projects/{coffee.id}"
    login(attacker.user)
    form = _text(client.get(f"/events/{SLUG}/me/edit"))
    assert "If you change your organisation, the organizers review your registration" in form

    edit = client.post(
        f"/events/{SLUG}/me/edit",
        data=profile_form(hole["ministry"].id),
        headers={"Accept-Language": "en"},
        follow_redirects=True,
    )
    assert attacker.organisation_id == hole["ministry"].id  # the edit itself is saved

    seen = [edit]
    interests = client.get(f"{project_url}/interests")
    commitments_page = client.get(f"{project_url}/commitments")
    commitment_post = client.post(
        f"{project_url}/commitments",
        data={
            "interest_id": str(hole["interest"].id),
            "amount": "1000",
            "currency": "USD",
            "instrument": "debt",
            "status": "committed",
            "notes": "fake",
        },
    )
    seen += [interests, commitments_page, commitment_post]
    seen += [client.get(project_url), client.get(f"/events/{SLUG}/projects/mine")]
    assert (interests.status_code, commitments_page.status_code) == (404, 404)
    assert commitment_post.status_code == 404
    assert Commitment.query.count() == 0
    for response in seen:
        assert INVESTOR not in _text(response)
        assert SECRET_NOTE not in _text(response)
    assert attacker.status == RegistrationStatus.SUBMITTED  # back in review
    assert _flashes(_text(edit)) == [
        "Your profile has been saved. As you changed your organisation, the organizers will "
        "review your registration again; until they approve it, the pages for approved "
        "delegates (meetings, agenda, projects) are closed to you."
    ]
    # The old organisation's project lost them; the new one's never had them.
    assert presenters.presenters_of(hole["cocoa"]) == []
    assert attacker not in presenters.presenters_of(coffee)


def test_even_after_approval_the_new_organisation_grants_no_presenter_rights(client, login, hole):
    attacker, coffee = hole["attacker"], hole["coffee"]
    login(attacker.user)
    client.post(f"/events/{SLUG}/me/edit", data=profile_form(hole["ministry"].id))
    registration_service.approve(hole["event"], [attacker])  # the organizer approves again
    assert attacker.is_approved and attacker.organisation_id == coffee.organisation_id
    project_url = f"/events/{SLUG}/projects/{coffee.id}"
    responses = [client.get(f"{project_url}/interests"), client.get(f"{project_url}/commitments")]
    assert [r.status_code for r in responses] == [404, 404]
    page = _text(client.get(project_url))
    assert "Café agroforestal" in page  # the accepted project, as every delegate sees it
    assert INVESTOR not in page and SECRET_NOTE not in page
    assert f"{project_url}/interests" not in page
    assert not presenters.is_presenter(coffee, attacker)


def test_organisation_change_is_explained_in_spanish_and_shown_on_the_desk(client, login, hole):
    attacker = hole["attacker"]
    login(attacker.user)
    client.post("/language", data={"lang": "es"})
    html = _text(
        client.post(
            f"/events/{SLUG}/me/edit", data=profile_form(hole["ministry"].id), follow_redirects=True
        )
    )
    assert _flashes(html) == [
        "Se ha guardado su perfil. Como cambió de organización, los organizadores revisarán de "
        "nuevo su inscripción; hasta que la aprueben, las páginas de los delegados aprobados "
        "(reuniones, agenda, proyectos) no están disponibles para usted."
    ]
    client.post("/logout")
    login(hole["organizer"])
    desk = _text(
        client.get(
            f"/events/{SLUG}/manage/registrations?status=submitted",
            headers={"Accept-Language": "en"},
        )
    )
    assert "Alonso Tafur" in desk and "Ministerio de Desarrollo Agrario y Riego" in desk


def test_editing_the_profile_without_a_new_organisation_keeps_the_approval(client, login, hole):
    attacker = hole["attacker"]
    login(attacker.user)
    client.post(f"/events/{SLUG}/me/edit", data=profile_form(attacker.organisation_id))
    assert attacker.status == RegistrationStatus.APPROVED
    assert presenters.presenters_of(hole["cocoa"]) == [attacker]
