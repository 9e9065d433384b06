import re
from datetime import UTC, datetime

import pytest

from forum.projects.models import Pitch, ProjectStatus
from forum.registration.models import OrganisationType
from tests.factories import create_pitch_session, create_project

SLUG = "hih-2023"
PAGE = f"/events/{SLUG}/manage/pitches"


def text(response) -> str:
    return response.get_data(as_text=True)


def flashes(html: str) -> list[str]:
    alerts = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', html, re.S)
    return [re.sub(r"<button[^>]*></button>", "", alert).strip() for alert in alerts]


def rows(html: str, session_id: int) -> list[tuple[str, str]]:
    """(time, project title) of each pitch of a session, as the page shows them."""
    article = html.split(f'id="session-{session_id}"')[1].split("</article>")[0]
    return re.findall(
        r'<td class="text-nowrap">([^<]+)</td>\s*<th scope="row"><a[^>]*>([^<]+)</a>', article
    )


@pytest.fixture
def setup(db, create_event, create_user, create_organisation, create_registration):
    organizer = create_user(email="organizer@fao.example", name="Secretaría FAO")
    event = create_event(organizers=[organizer])
    midagri = create_organisation(
        "Ministerio de Desarrollo Agrario y Riego", type=OrganisationType.NATIONAL_GOVERNMENT
    )
    beatriz = create_registration(
        event,
        user=create_user(email="beatriz@midagri.example", name="Beatriz Cabrera"),
        organisation=midagri,
    )
    peru = create_pitch_session(
        event,
        "Peru: three investment plans",
        datetime(2023, 10, 17, 7, tzinfo=UTC),
        datetime(2023, 10, 17, 8, tzinfo=UTC),
    )
    africa = create_pitch_session(
        event,
        "Investment plans: Africa",
        datetime(2023, 10, 17, 7, tzinfo=UTC),
        datetime(2023, 10, 17, 8, tzinfo=UTC),
    )
    coffee = create_project(event, midagri, "Café agroforestal en Jaén", contact=beatriz)
    dairy = create_project(event, midagri, "Lácteos en La Libertad", contact=beatriz)
    create_project(event, midagri, "Borrador", status=ProjectStatus.SUBMITTED)
    return {
        "organizer": organizer,
        "peru": peru,
        "africa": africa,
        "coffee": coffee,
        "dairy": dairy,
    }


def add(client, session, project, minutes):
    prefix = f"s{session.id}-"
    return client.post(
        f"{PAGE}/sessions/{session.id}",
        data={f"{prefix}project_id": project.id, f"{prefix}duration_minutes": minutes},
        follow_redirects=True,
    )


def test_organizer_places_moves_and_removes_pitches(client, login, setup):
    login(setup["organizer"])
    peru, coffee, dairy = setup["peru"], setup["coffee"], setup["dairy"]
    html = text(client.get(PAGE))
    choices = html.split(f'id="s{peru.id}-project_id"')[1].split("</select>")[0]
    assert re.findall(r">([^<]+)</option>", choices) == [
        "Café agroforestal en Jaén",
        "Lácteos en La Libertad",
    ]
    add(client, peru, coffee, 20)
    html = text(add(client, peru, dairy, 15))
    assert "“Lácteos en La Libertad” is pitched in “Peru: three investment plans”." in flashes(html)
    assert rows(html, peru.id) == [
        ("9:00\u202fAM–9:20\u202fAM", "Café agroforestal en Jaén"),
        ("9:20\u202fAM–9:35\u202fAM", "Lácteos en La Libertad"),
    ]
    dairy_pitch = Pitch.query.filter_by(project_id=dairy.id).one()
    html = text(
        client.post(
            f"{PAGE}/{dairy_pitch.id}/move", data={"direction": "up"}, follow_redirects=True
        )
    )
    assert rows(html, peru.id) == [
        ("9:00\u202fAM–9:15\u202fAM", "Lácteos en La Libertad"),
        ("9:15\u202fAM–9:35\u202fAM", "Café agroforestal en Jaén"),
    ]
    html = text(
        client.post(
            f"{PAGE}/{dairy_pitch.id}/duration",
            data={"duration_minutes": 45},
            follow_redirects=True,
        )
    )
    assert flashes(html) == ["The pitches would end 5 minutes after the session ends."]
    html = text(client.post(f"{PAGE}/{dairy_pitch.id}/remove", follow_redirects=True))
    assert "“Lácteos en La Libertad” is no longer pitched in this session." in flashes(html)
    assert rows(html, peru.id) == [("9:00\u202fAM–9:20\u202fAM", "Café agroforestal en Jaén")]


def test_a_clash_is_refused_and_named(client, login, setup):
    login(setup["organizer"])
    add(client, setup["peru"], setup["coffee"], 20)
    html = text(add(client, setup["africa"], setup["dairy"], 15))
    assert flashes(html) == [
        "Beatriz Cabrera presents “Café agroforestal en Jaén” in “Peru: three investment plans” "
        "at that time (Oct 17, 2023, 9:00\u202fAM–9:20\u202fAM): a presenter cannot be in two "
        "places at once."
    ]
    assert rows(html, setup["africa"].id) == []


def test_pitch_page_is_for_organizers(client, login, setup, create_user):
    login(create_user(email="someone@example.org", name="Someone"))
    assert client.get(PAGE).status_code == 403
    assert add(client, setup["peru"], setup["coffee"], 10).status_code == 403
    assert Pitch.query.count() == 0
