"""The dashboard page: its figures link to the lists they count, for each role, and its query
count does not grow with the event."""

import re

import sqlalchemy as sa

from forum.events.models import EventRole, TeamRole
from tests.factories import create_event, create_user
from tests.reports.bulk import grow
from tests.reports.world import build_world

DASHBOARD = "/events/hih-2023/manage/"


def _links(html: str) -> dict[str, str]:
    """Each link's text (tags stripped) by its address, for the figures' links."""
    return {
        href.replace("&amp;", "&"): re.sub(r"<[^>]+>", "", text).strip()
        for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)
    }


def test_the_organizer_sees_every_figure_linked_to_its_list(client, db, login):
    world = build_world()
    login(world.organizer)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    links = _links(html)
    base = "/events/hih-2023/manage/registrations"
    assert links[base + "?status=approved"] == "3"
    assert links[base + "?status=approved&checked_in=yes"] == "1"
    assert links[base + "?status=approved&country=PE"] == "2"
    assert links[base + "?status=approved&gender=female"] == "2"
    assert links[base + "?status=approved&organisation_size=small"] == "1"
    assert links[base + "?status=approved&organisation_type=investor"] == "1"
    assert links[base + "?status=approved&country=PE&region=Lima"] == "1"
    assert links["/events/hih-2023/manage/meetings/outcomes?show=held"] == "1"
    assert links["/events/hih-2023/manage/meetings/outcomes?show=no_show"] == "1"
    assert links["/events/hih-2023/manage/meetings/outcomes?show=unreported"] == "1"
    cafe = next(t.id for t in world.event.tags if t.name_es == "Café")
    assert links[f"/events/hih-2023/manage/projects?status=accepted&tag={cafe}"] == "2"
    assert "$720,000.00" in html and "$80,000.00" in html  # sought (EUR at 1.10), committed
    assert "$1,000,000.00" in html  # discussed in meetings, apart
    assert (
        html.count("<svg") >= 10 and "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    )
    assert "Pages of this event" in html and "Programme" in html


def test_each_role_sees_the_figures_and_links_only_where_it_may_go(client, db, login):
    """Desk: registrations linked, no money; reviewer: the projects and their money; viewer:
    the outcomes linked and the money. Everyone sees participation and meetings."""
    world = build_world()
    expected = {
        TeamRole.DESK: (True, False, False),
        TeamRole.REVIEWER: (False, False, True),
        TeamRole.VIEWER: (False, True, True),
    }
    for role, (registrations, outcomes, money) in expected.items():
        member = create_user(email=f"{role.value}@example.org", name="Team member")
        db.session.add(EventRole(event=world.event, user=member, role=role))
        db.session.commit()
        login(member)
        html = client.get(DASHBOARD).get_data(as_text=True)
        assert "Participation" in html and "Meetings" in html, role
        assert ("/manage/registrations?status=approved" in html) == registrations, role
        assert ("/manage/meetings/outcomes?show=held" in html) == outcomes, role
        assert ("Projects and resources" in html) == money, role
        assert ("$720,000.00" in html) == money, role
        client.post("/logout")


def test_an_event_without_meetings_says_so(client, db, login):
    world = build_world(with_meetings=False)
    login(world.organizer)
    html = client.get(DASHBOARD).get_data(as_text=True)
    assert "No meetings yet." in html
    assert 'id="funnel"' not in html


def test_an_empty_event_in_spanish(client, db, login):
    organizer = create_user(email="organizer@example.org", locale="es")
    create_event([organizer])
    login(organizer)
    html = client.get(DASHBOARD).get_data(as_text=True)
    assert "Todavía no hay reuniones." in html
    assert "Participación" in html


def _statements(client, db, slug: str) -> int:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(f"/events/{slug}/manage/").status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_the_query_count_does_not_grow_with_the_event(client, db, login):
    """10 delegates, then 1,000 (with requests, meetings, outcomes, projects): same count."""
    organizer = create_user(email="organizer@example.org")
    small, large = create_event([organizer]), create_event([organizer], slug="large")
    grow(small, 10, prefix="small")
    grow(large, 1000, prefix="large")
    login(organizer)
    assert _statements(client, db, "large") == _statements(client, db, "hih-2023")
