"""The grid editor's views (a range of tables, one delegate), the shorter move and swap
choices, and the check a drag asks before the drop, in the forms' own words."""

import re
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.meetings.models import Unavailability
from forum.notifications.models import Mail
from forum.registration.models import OrganisationType
from tests.factories import create_block, create_meeting, create_registration, create_tables
from tests.meetings.test_grid_pages import cells_of, flat

GRID = "/events/peru-2030/manage/meetings/grid"


@pytest.fixture
def floor(db, create_event, create_user):
    """Twelve tables (table 4 reserved for Luis), three slots; Ana and Luis meet at 9:00 at
    table 2, Eva and Rosa at 9:25 at table 3; Ana and Eva wait for a place."""
    organizer = create_user(email="secretaria@fao.example", name="Secretaría")
    event = create_event(
        organizers=[organizer],
        slug="peru-2030",
        name="Foro de Inversiones Perú 2030",
        timezone="America/Lima",
        start_date=date(2030, 3, 19),
        end_date=date(2030, 3, 20),
    )
    block = create_block(event, starts_at=datetime(2030, 3, 19, 14, 0, tzinfo=UTC), slots=3)
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria San Ignacio")
    luis = create_registration(
        event, "Luis Torres", "Fondo Andino", org_type=OrganisationType.INVESTOR
    )
    eva = create_registration(event, "Eva Mamani", "Lácteos La Libertad")
    rosa = create_registration(event, "Rosa Huamán", "Gobierno Regional Cajamarca")
    tables = create_tables(event, 12, hosts={4: luis})
    s0, s1, s2 = block.slots
    return SimpleNamespace(
        event=event,
        organizer=organizer,
        block=block,
        slots=block.slots,
        tables=tables,
        a=create_meeting(ana, luis, slot=s0, table=tables[1]),
        b=create_meeting(eva, rosa, slot=s1, table=tables[2]),
        c=create_meeting(ana, eva),
    )


def test_grid_shows_eight_tables_at_a_time_with_links_to_the_others(client, login, floor):
    login(floor.organizer)
    slots = [s.id for s in floor.slots]
    page = client.get(f"{GRID}?block={floor.block.id}")
    assert set(cells_of(page)) == {(s, n) for s in slots for n in range(1, 9)}
    text = flat(page)
    assert f'href="{GRID}?block={floor.block.id}&amp;tables=9-12" rel="next">Tables 9–12 →' in text
    assert '<option value="1-8" selected>Tables 1–8</option>' in text
    assert '<option value="all">All tables</option>' in text

    page = client.get(f"{GRID}?block={floor.block.id}&tables=9-12")
    assert set(cells_of(page)) == {(s, n) for s in slots for n in range(9, 13)}
    assert 'tables=1-8" rel="prev">← Tables 1–8' in flat(page)
    assert len(cells_of(client.get(f"{GRID}?tables=all"))) == 36
    assert set(cells_of(client.get(f"{GRID}?tables=5-3"))) == {
        (s, n) for s in slots for n in (3, 4, 5)
    }
    assert len(cells_of(client.get(f"{GRID}?tables=x"))) == 24  # unreadable: the first range


def test_grid_narrowed_to_one_delegate(client, login, floor):
    login(floor.organizer)
    s0, s1, _s2 = (s.id for s in floor.slots)
    page = client.get(f"{GRID}?who=quispe")
    cells = cells_of(page)
    assert cells[(s0, 2)].startswith(
        "Ana Quispe (Cooperativa Agraria San Ignacio); Luis Torres (Fondo Andino) Change"
    )
    assert cells[(s1, 3)] == "another meeting"  # Eva and Rosa's, not Ana's
    assert [key for key, text in cells.items() if text != "free"] == [(s0, 2), (s1, 3)]
    text = flat(page)
    assert "Meetings in this block of Ana Quispe" in text
    assert "9:00 AM, Table 2: Ana Quispe (Cooperativa Agraria San Ignacio); Luis Torres" in text
    assert "Accepted meetings without a place (1)" in text  # Ana and Eva's
    assert 'name="who" value="quispe"' in text  # the drop form and the links keep the search

    by_organisation = cells_of(client.get(f"{GRID}?who=Lácteos"))
    assert by_organisation[(s0, 2)] == "another meeting"
    assert by_organisation[(s1, 3)].startswith("Eva Mamani (Lácteos La Libertad); Rosa Huamán")
    page = flat(client.get(f"{GRID}?who=Nadie"))
    assert "No delegate matches “Nadie”." in page
    assert "Accepted meetings without a place (0)" in page


def _check(client, meeting, **query):
    response = client.get(f"{GRID}/{meeting.id}/check", query_string=query)
    assert response.status_code == 200
    return response.get_json()


def test_check_answers_as_the_forms_do_and_changes_nothing(db, client, login, floor):
    login(floor.organizer)
    s0, s1, s2 = floor.slots
    t = {table.number: table for table in floor.tables}

    assert _check(client, floor.c, slot=s2.id, table=t[5].id) == {
        "allowed": True,
        "action": "move",
        "messages": [],
        "label": "Move here",
    }
    assert _check(client, floor.a, other=floor.b.id)["label"] == "Swap with this meeting"

    busy_delegate = _check(client, floor.c, slot=s0.id, table=t[5].id)
    assert busy_delegate == {
        "allowed": False,
        "action": "move",
        "messages": ["Ana Quispe has another meeting at that time."],
        "label": "Refused: Ana Quispe has another meeting at that time.",
    }
    busy_table = _check(client, floor.b, slot=s0.id, table=t[2].id)
    assert busy_table["messages"] == ["Table 2 is taken at that time."]
    reserved = _check(client, floor.b, slot=s2.id, table=t[4].id)
    assert reserved["messages"] == ["Table 4 is reserved for its host."]
    assert _check(client, floor.a, slot=s0.id, table=t[2].id)["messages"] == [
        "The meeting is already here."
    ]

    # Nothing was moved, logged or mailed by the checks.
    assert (floor.a.slot_id, floor.a.table_id) == (s0.id, t[2].id)
    assert (floor.b.slot_id, floor.b.table_id) == (s1.id, t[3].id)
    assert floor.c.slot_id is None
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Mail.id))) == 0

    # The forms refuse with the very same messages.
    move = {"slot_id": s0.id, "table_id": t[5].id}
    response = client.post(f"{GRID}/{floor.c.id}/move", data=move, follow_redirects=True)
    assert busy_delegate["messages"][0] in flat(response)
    response = client.post(
        f"{GRID}/{floor.b.id}/move",
        data={"slot_id": s0.id, "table_id": t[2].id},
        follow_redirects=True,
    )
    assert busy_table["messages"][0] in flat(response)

    client.post(f"{GRID}/{floor.a.id}/lock", data={"locked": "1"})
    locked = _check(client, floor.b, other=floor.a.id)
    assert locked == {
        "allowed": False,
        "action": "swap",
        "messages": ["This meeting is locked: unlock it first."],
        "label": "Refused: This meeting is locked: unlock it first.",
    }
    response = client.post(
        f"{GRID}/{floor.b.id}/swap", data={"other_id": floor.a.id}, follow_redirects=True
    )
    assert locked["messages"][0] in flat(response)
    assert (floor.b.slot_id, floor.a.slot_id) == (s1.id, s0.id)


def test_check_of_another_events_place_is_404_and_no_place_is_a_refusal(
    client, login, floor, create_event
):
    elsewhere = create_block(create_event(slug="other"), slots=1)
    login(floor.organizer)
    url = f"{GRID}/{floor.c.id}/check"
    response = client.get(url, query_string={"slot": elsewhere.slots[0].id, "table": 1})
    assert response.status_code == 404
    assert client.get(url).get_json()["messages"] == [
        "Choose a time and a table, or a meeting to swap with."
    ]


def test_meeting_page_offers_the_free_places_in_sight_and_the_forms_move_and_swap(
    client, login, floor
):
    login(floor.organizer)
    s0, s1, s2 = floor.slots
    t = {table.number: table for table in floor.tables}
    page = flat(client.get(f"{GRID}/{floor.c.id}?block={floor.block.id}&tables=1-8"))
    # Ana is busy at 9:00 and Eva at 9:25; table 4 is Luis's: 9:50 at the seven others.
    offered = [f"{s2.id}:{t[n].id}" for n in (1, 2, 3, 5, 6, 7, 8)]
    assert re.findall(r'<option value="(\d+:\d+)">', page) == offered
    assert f'<option value="{s2.id}:{t[5].id}">9:50 AM–10:10 AM · Table 5</option>' in page
    assert "Every time and table, and every meeting to swap with" in page

    response = client.post(
        f"{GRID}/{floor.c.id}/move", data={"place": f"{s2.id}:{t[5].id}", "tables": "1-8"}
    )
    assert response.headers["Location"] == f"{GRID}?block={floor.block.id}&tables=1-8"
    assert (floor.c.slot_id, floor.c.table_id) == (s2.id, t[5].id)

    # Swap: the meetings in sight only; all=1 lists every time, table and meeting.
    page = flat(client.get(f"{GRID}/{floor.a.id}?tables=1-3"))
    # Not where it is (9:00, table 2); Ana meets Eva at 9:50 now; Eva and Rosa at 9:25, table 3.
    assert re.findall(r'<option value="(\d+:\d+)">', page) == [
        f"{s0.id}:{t[1].id}",
        f"{s0.id}:{t[3].id}",
        f"{s1.id}:{t[1].id}",
        f"{s1.id}:{t[2].id}",
    ]
    assert f'<option value="{floor.b.id}">' in page
    assert f'<option value="{floor.c.id}">' not in page  # at table 5, out of sight
    page = flat(client.get(f"{GRID}/{floor.a.id}?tables=1-3&all=1"))
    assert f'<option value="{floor.c.id}">' in page
    assert page.count('name="slot_id"') == 1 and page.count("<optgroup") == 1
    client.post(f"{GRID}/{floor.a.id}/swap", data={"other_id": floor.b.id})
    assert (floor.a.slot_id, floor.a.table_id) == (s1.id, t[3].id)
    assert (floor.b.slot_id, floor.b.table_id) == (s0.id, t[2].id)


def swap_choices(page: str) -> list[str]:
    """The meeting ids the swap form offers."""
    choices = re.search(r'id="swap-other"(.*?)</select>', page)
    return re.findall(r'<option value="(\d+)">', choices.group(1)) if choices else []


def test_swap_choices_are_the_meetings_whose_times_suit_both_sides(db, client, login, floor):
    """Ana and Luis (9:00, table 2) may swap with Eva and Rosa (9:25), not with Ana and Eva
    nor Luis and Rosa at 9:50 (each of Ana and Luis meets someone else then); once Luis marks
    9:25 unavailable, not with Eva and Rosa either. A search finds any unlocked meeting."""
    s0, s1, s2 = floor.slots
    t = {table.number: table for table in floor.tables}
    floor.c.slot, floor.c.table = s2, t[5]
    for person in floor.c.participants:
        person.slot_id = s2.id
    luis, rosa = floor.a.request.recipient, floor.b.request.recipient
    d = create_meeting(luis, rosa, slot=s2, table=t[6])
    db.session.commit()
    login(floor.organizer)
    url = f"/events/peru-2030/manage/meetings/grid/{floor.a.id}?all=1"
    assert swap_choices(flat(client.get(url))) == [str(floor.b.id)]
    assert swap_choices(flat(client.get(f"{url}&swap=rosa"))) == [str(floor.b.id), str(d.id)]

    db.session.add(Unavailability(registration_id=luis.id, slot_id=s1.id))
    d.locked = True
    db.session.commit()
    page = flat(client.get(url))
    assert swap_choices(page) == []
    assert "No meeting to swap with here." in page
    assert swap_choices(flat(client.get(f"{url}&swap=rosa"))) == [str(floor.b.id)]
