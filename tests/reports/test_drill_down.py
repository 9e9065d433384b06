"""The lists the dashboard's figures link to: each filter it uses, and their CSV/XLSX exports
with the same filters (the numbers on the dashboard equal the rows listed)."""

import csv
import io
import re

from forum.meetings.services import outcomes_report
from tests.reports.world import build_world


def _csv_names(response) -> list[str]:
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    return sorted(row[rows[0].index("name")] for row in rows[1:])


def _listed(response) -> list[str]:
    html = response.get_data(as_text=True)
    return sorted(
        re.findall(r'<a href="/events/hih-2023/manage/registrations/\d+">([^<]+)</a>', html)
    )


def test_desk_list_and_export_by_size_region_and_check_in(client, db, login):
    world = build_world()
    login(world.organizer)
    base = "/events/hih-2023/manage/registrations"
    cases = {
        "?status=approved&organisation_size=small": ["Bruno Díaz"],
        "?status=approved&country=PE&region=Lima": ["Ana Quispe"],
        "?status=approved&checked_in=yes": ["Ana Quispe"],
        "?status=approved&checked_in=no": ["Bruno Díaz", "Carla Rojas"],
        "?organisation_size=small": ["Bruno Díaz", "Diego Submitted", "Eva Waiting"],
    }
    for query, names in cases.items():
        assert _listed(client.get(base + query)) == names, query
        assert _csv_names(client.get(base + ".csv" + query)) == names, query
    exported = client.get(base + ".csv?status=approved").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(exported)))
    sizes = {row[1]: row[rows[0].index("organisation_size")] for row in rows[1:]}
    assert sizes == {"Ana Quispe": "large", "Bruno Díaz": "small", "Carla Rojas": ""}
    page = client.get(base + "?organisation_size=small&checked_in=no").get_data(as_text=True)
    assert '<option value="small" selected>' in page and '<option value="no" selected>' in page


def test_outcomes_list_by_what_became_of_the_meeting(client, db, login):
    world = build_world()
    login(world.organizer)
    rows = outcomes_report.outcome_rows(world.event)
    assert [len(outcomes_report.shown(rows, show)) for show in ("held", "no_show", "all")] == [
        1,
        1,
        3,
    ]
    html = client.get("/events/hih-2023/manage/meetings/outcomes?show=held").get_data(as_text=True)
    assert "Meetings listed: 1" in html
    assert f'id="meeting-{world.held.id}"' in html


def test_projects_list_and_export_by_value_chain(client, db, login):
    world = build_world()
    login(world.organizer)
    cacao = next(t.id for t in world.event.tags if t.name_es == "Cacao")
    html = client.get(f"/events/hih-2023/manage/projects?status=accepted&tag={cacao}")
    html = html.get_data(as_text=True)
    assert "Projects listed: 1" in html and "Value chain: Cacao" in html
    assert "Café y cacao" in html and "Café de altura" not in html
    assert f"/manage/projects.xlsx?status=accepted&amp;tag={cacao}" in html
    exported = client.get(f"/events/hih-2023/manage/projects.csv?status=accepted&tag={cacao}")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row[rows[0].index("title")] for row in rows[1:]] == ["Café y cacao"]
    everything = client.get("/events/hih-2023/manage/projects.csv").get_data(as_text=True)
    assert everything.count("\r\n") == 5  # the header and the four projects
