"""A project's presenting team: who joins it, who changes it, and what it opens."""

import re

import pytest

from forum.core.errors import DomainError
from forum.projects.models import InterestLevel, ProjectStatus
from forum.projects.services import interest as interest_service
from forum.projects.services import presenters
from forum.projects.services import projects as projects_service
from forum.registration.models import OrganisationType, RegistrationStatus
from tests.factories import create_project

SLUG = "hih-2023"
NOT_A_COLLEAGUE = "Only approved delegates of the presenting organisation can present its projects."


@pytest.fixture
def forum(db, create_event, create_user, create_organisation, create_registration):
    organizer = create_user(email="organizer@fao.example", name="Secretaría FAO")
    event = create_event(organizers=[organizer])
    coop = create_organisation("Cooperativa Agraria Frontera San Ignacio")
    fund = create_organisation(
        "Andes Impact Fund", type=OrganisationType.INVESTOR, country="US", region=""
    )

    def person(email, name, organisation, **kw):
        user = create_user(email=email, name=name)
        return create_registration(event, user=user, organisation=organisation, **kw)

    people = {
        "rosa": person("rosa@coop.example", "Rosa Huamán", coop),
        "pedro": person("pedro@coop.example", "Pedro Ccori", coop),
        "pending": person(
            "pending@coop.example", "Pending Person", coop, status=RegistrationStatus.SUBMITTED
        ),
        "john": person("john@fund.example", "John Miller", fund),
    }
    project = projects_service.submit_project(
        event,
        people["rosa"],
        projects_service.ProjectInput(
            title="Café agroforestal", kind="investment_plan", country="PE", currency="USD"
        ),
    )
    return {"event": event, "organizer": organizer, "project": project, **people}


def names(project) -> list[str]:
    return [r.user.name for r in presenters.presenters_of(project)]


def test_the_submitter_joins_the_team_and_colleagues_do_not(forum):
    project = forum["project"]
    assert names(project) == ["Rosa Huamán"]
    assert presenters.is_presenter(project, forum["rosa"])
    assert not presenters.is_presenter(project, forum["pedro"])  # same organisation, not on team
    assert presenters.presented_projects(forum["rosa"]) == [project]
    assert presenters.presented_projects(forum["pedro"]) == []


def test_presenter_adds_a_colleague_who_then_edits_and_sees_interest(db, forum):
    project, rosa, pedro = forum["project"], forum["rosa"], forum["pedro"]
    assert [r.user.name for r in presenters.candidates(project)] == ["Pedro Ccori"]
    presenters.add_presenter(project, pedro, rosa)
    db.session.commit()
    assert names(project) == ["Rosa Huamán", "Pedro Ccori"]
    assert presenters.candidates(project) == []
    assert projects_service.edit_refusal(project, pedro) is None
    project.status = ProjectStatus.ACCEPTED
    db.session.commit()
    interest_service.express_interest(project, forum["john"], InterestLevel.READY, note="Deuda")
    seen = interest_service.interests_visible_to(project, pedro)
    assert [(i.registration.user.name, i.note) for i in seen] == [("John Miller", "Deuda")]


@pytest.mark.parametrize(
    ("who", "by", "message"),
    [
        ("john", "rosa", NOT_A_COLLEAGUE),
        ("pending", "rosa", NOT_A_COLLEAGUE),
        ("rosa", "rosa", "Rosa Huamán already presents this project."),
        ("pedro", "pedro", "Only the presenters and the organizers can change the team."),
        ("pedro", "john", "Only the presenters and the organizers can change the team."),
    ],
)  # fmt: skip
def test_adding_a_presenter_is_refused(forum, who, by, message):
    with pytest.raises(DomainError) as caught:
        presenters.add_presenter(forum["project"], forum[who], forum[by])
    assert str(caught.value) == message
    assert names(forum["project"]) == ["Rosa Huamán"]


def test_the_last_presenter_cannot_be_removed_but_others_can(db, forum):
    project, rosa, pedro, organizer = (forum[k] for k in ("project", "rosa", "pedro", "organizer"))
    with pytest.raises(DomainError) as caught:
        presenters.remove_presenter(project, rosa, organizer)
    assert str(caught.value) == (
        "A project needs at least one presenter: add a colleague before removing this one."
    )
    presenters.add_presenter(project, pedro, organizer)  # organizers change any team
    presenters.remove_presenter(project, rosa, pedro)
    db.session.commit()
    assert names(project) == ["Pedro Ccori"]
    with pytest.raises(DomainError) as caught:
        presenters.remove_presenter(project, rosa, pedro)
    assert str(caught.value) == "This delegate does not present this project."
    with pytest.raises(DomainError) as caught:
        presenters.remove_presenter(project, pedro, rosa)  # no longer on the team
    assert str(caught.value) == "Only the presenters and the organizers can change the team."


def _flashes(html: str) -> list[str]:
    alerts = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', html, re.S)
    return [re.sub(r"<button[^>]*></button>|\s+", " ", alert).strip() for alert in alerts]


def test_team_section_adds_and_removes_colleagues(client, login, forum):
    project, rosa, pedro = forum["project"], forum["rosa"], forum["pedro"]
    page_url = f"/events/{SLUG}/projects/{project.id}"
    login(rosa.user)
    page = client.get(page_url).get_data(as_text=True)
    assert 'id="team"' in page and "Presenting team" in page
    assert re.findall(r'<option value="(\d+)"', page) == [str(pedro.id)]
    client.post("/language", data={"lang": "es"})
    response = client.post(
        f"{page_url}/presenters", data={"registration_id": str(pedro.id)}, follow_redirects=True
    )
    assert "Pedro Ccori ahora presenta este proyecto." in _flashes(response.get_data(as_text=True))
    assert names(project) == ["Rosa Huamán", "Pedro Ccori"]
    client.post("/language", data={"lang": "en"})
    response = client.post(f"{page_url}/presenters/{rosa.id}/remove", follow_redirects=True)
    assert "Rosa Huamán no longer presents this project." in _flashes(
        response.get_data(as_text=True)
    )
    assert response.request.path == f"/events/{SLUG}/projects/mine"  # she left the team
    assert names(project) == ["Pedro Ccori"]


def test_only_the_team_and_organizers_see_or_change_the_team(client, db, login, forum):
    project, pedro, john = forum["project"], forum["pedro"], forum["john"]
    project.status = ProjectStatus.ACCEPTED  # every delegate sees the page itself
    db.session.commit()
    page_url = f"/events/{SLUG}/projects/{project.id}"
    for outsider in (pedro, john):
        login(outsider.user)
        page = client.get(page_url).get_data(as_text=True)
        assert "Café agroforestal" in page and 'id="team"' not in page
        add = client.post(f"{page_url}/presenters", data={"registration_id": str(pedro.id)})
        remove = client.post(f"{page_url}/presenters/{forum['rosa'].id}/remove")
        assert (add.status_code, remove.status_code) == (404, 404)
        client.post("/logout")
    assert names(project) == ["Rosa Huamán"]
    login(forum["organizer"])
    client.post("/language", data={"lang": "es"})
    page = client.get(page_url).get_data(as_text=True)
    assert "Equipo presentador" in page
    client.post(f"{page_url}/presenters", data={"registration_id": str(pedro.id)})
    assert names(project) == ["Rosa Huamán", "Pedro Ccori"]


def test_my_projects_lists_only_the_projects_i_present(client, db, login, forum):
    event, rosa, pedro = forum["event"], forum["rosa"], forum["pedro"]
    create_project(event, rosa.organisation, "Lácteos de Pedro", presenters=[pedro])
    login(rosa.user)
    page = client.get(f"/events/{SLUG}/projects/mine").get_data(as_text=True)
    assert "Café agroforestal" in page and "Lácteos de Pedro" not in page


@pytest.mark.usefixtures("during_registration")  # registers before the 2023 forum ends
def test_moving_to_another_organisation_leaves_its_teams_whichever_way(db, forum):
    from forum.registration.services import registration as registrations

    project, rosa, pedro, john = (forum[k] for k in ("project", "rosa", "pedro", "john"))
    presenters.add_presenter(project, pedro, rosa)
    db.session.commit()
    fund = registrations.OrganisationInput(id=john.organisation_id)
    registrations.update_profile(pedro, fund, registrations.ProfileInput())
    assert (pedro.status, names(project)) == (RegistrationStatus.SUBMITTED, ["Rosa Huamán"])
    registrations.cancel(rosa)
    registrations.register(forum["event"], rosa.user, fund, registrations.ProfileInput())
    assert rosa.status == RegistrationStatus.SUBMITTED
    assert names(project) == []  # organizers add the organisation's new presenters
