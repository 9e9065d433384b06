"""The grid pages at scale: the same number of queries at 20 and at 1,000 delegates, a large
grid's page small and showing exactly the tables in sight, bounded swap choices, a search for
any other meeting, the waiting meetings a page at a time; moves and swaps still work."""

import re
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum.meetings.models import Meeting, MeetingSlot, MeetingTable
from forum.meetings.services import grid_filters
from tests.meetings.test_grid_filters import swap_choices
from tests.meetings.test_grid_pages import cells_of, flat
from tests.query_count import count_statements
from tests.reports.bulk import SLOTS, grow


def _place(event, pair: int) -> tuple[int, int] | None:
    """Where tests/reports/bulk.py puts pair j: slot j mod 24 at table j // 24 + 1, unless it
    waits (j mod 10 = 9) or was cancelled (j mod 20 = 7)."""
    if pair % 10 == 9 or pair % 20 == 7:
        return None
    return pair % SLOTS, pair // SLOTS + 1


def _names(pair: int, prefix: str) -> str:
    """Pair j is delegates 2j and 2j + 1, both of organisation j."""
    return (
        f"Delegate {2 * pair} ({prefix} organisation {pair}); "
        f"Delegate {2 * pair + 1} ({prefix} organisation {pair})"
    )


def _forum(db, event, n: int, prefix: str) -> SimpleNamespace:
    grow(event, n, prefix)
    slots = db.session.scalars(
        sa.select(MeetingSlot).where(MeetingSlot.event_id == event.id).order_by("starts_at")
    ).all()
    tables = db.session.scalars(
        sa.select(MeetingTable).where(MeetingTable.event_id == event.id).order_by("number")
    ).all()
    meetings = {
        (m.slot_id, m.table_id): m
        for m in db.session.scalars(sa.select(Meeting).where(Meeting.event_id == event.id))
    }
    return SimpleNamespace(
        event=event,
        grid=f"/events/{event.slug}/manage/meetings/grid",
        slots=slots,
        tables={t.number: t for t in tables},
        at=lambda slot, number: meetings[(slots[slot].id, tables[number - 1].id)],
    )


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def large(db, create_event, organizer):
    """1,000 delegates: 21 tables x 24 slots, 450 placed meetings, 50 waiting."""
    return _forum(db, create_event([organizer], slug="grande"), 1000, "l")


def _counts(db, client, forum) -> dict[str, int]:
    first = forum.at(0, 1)
    free_slot = forum.slots[9].id  # pair 9 waits: table 1 is free at the tenth slot
    pages = {
        "grid": forum.grid,
        "grid, a search": f"{forum.grid}?who=Delegate+1",
        "meeting": f"{forum.grid}/{first.id}",
        "meeting, every place": f"{forum.grid}/{first.id}?all=1",
        "meeting, a search": f"{forum.grid}/{first.id}?all=1&swap=Delegate+3",
        "check a move": f"{forum.grid}/{first.id}/check?slot={free_slot}"
        f"&table={forum.tables[1].id}",
        "check a swap": f"{forum.grid}/{first.id}/check?other={forum.at(1, 1).id}",
        "now": f"/events/{forum.event.slug}/manage/meetings/now?slot={forum.slots[0].id}",
        "new meeting": f"/events/{forum.event.slug}/manage/meetings/new?qb=delegate+1",
    }
    counts = {}
    for name, path in pages.items():
        client.get(path)  # the session's first reads (login, event) are not the page's
        with count_statements(db) as counted:
            response = client.get(path)
        assert response.status_code == 200, name
        counts[name] = counted.total
    return counts


def test_grid_pages_run_as_many_queries_at_20_as_at_1000_delegates(
    db, client, login, create_event, organizer, large
):
    small = _forum(db, create_event([organizer], slug="chico"), 20, "s")
    login(organizer)
    assert _counts(db, client, large) == _counts(db, client, small)


def test_large_grid_page_is_small_and_shows_the_tables_in_sight(client, login, organizer, large):
    login(organizer)
    response = client.get(large.grid)
    assert len(response.data) < 300_000
    cells = cells_of(response)
    slots = [s.id for s in large.slots]
    assert set(cells) == {(s, n) for s in slots for n in range(1, 9)}
    for pair in (0, 5, 53, 190):  # pair 190: the last table in sight, the 23rd slot
        slot, table = _place(large.event, pair)
        assert cells[(slots[slot], table)].startswith(f"{_names(pair, 'l')} Change")
    assert cells[(slots[9], 1)] == cells[(slots[7], 1)] == "free"  # waiting, cancelled
    text = flat(response)
    assert "Delegate 384 (" not in text  # pair 192 sits at table 9, out of sight
    assert text.count('form="grid-lock"') == len([c for c in cells.values() if c != "free"])
    assert "Accepted meetings without a place (50)" in text

    page = flat(client.get(f"{large.grid}?tables=9-16"))
    assert _names(192, "l") in page and _names(0, "l") not in page

    # A range wider than RANGE_MAX tables is cut; `all` is not offered for 21 tables.
    wide = cells_of(client.get(f"{large.grid}?tables=1-21"))
    assert {n for _s, n in wide} == set(range(1, grid_filters.RANGE_MAX + 1))
    assert {n for _s, n in cells_of(client.get(f"{large.grid}?tables=all"))} == set(range(1, 9))
    assert '<option value="all"' not in text


def test_waiting_meetings_come_a_page_at_a_time_with_the_view_kept(
    client, login, organizer, large, monkeypatch
):
    monkeypatch.setattr(grid_filters, "WAITING_PER_PAGE", 20)
    login(organizer)
    block = large.slots[0].block_id
    waiting = [j for j in range(500) if j % 10 == 9]  # by id: in pair order
    # each is listed with its two delegates twice: the names, then the link's hidden text
    page = flat(client.get(f"{large.grid}?tables=9-16&page=3"))
    listed = re.search(r'id="unplaced">(.*?)</ul>', page).group(1)
    assert re.findall(r"Delegate (\d+) \(l", listed)[::4] == [str(2 * j) for j in waiting[40:]]
    assert "Accepted meetings without a place (50)" in page
    assert "Page 3 of 3" in page
    assert f'rel="prev" href="{large.grid}?page=2&amp;block={block}&amp;tables=9-16"' in page


def test_search_names_the_first_delegates_and_lists_a_bounded_number_of_meetings(
    client, login, organizer, large
):
    login(organizer)
    page = flat(client.get(f"{large.grid}?who=organisation"))  # every delegate
    assert "and 980 other delegates" in page
    found = re.search(r'<ul class="small mb-0" id="found">(.*?)</ul>', page).group(1)
    assert found.count("<li>") == grid_filters.FOUND_MAX
    assert "Only the first 100 are listed" in page


def test_meeting_page_offers_bounded_swaps_a_search_for_any_other_and_both_still_work(
    client, login, organizer, large
):
    login(organizer)
    first, far = large.at(0, 1), large.at(18, 21)  # pairs 0 and 498
    page = flat(client.get(f"{large.grid}/{first.id}?all=1"))
    swaps = swap_choices(page)
    assert len(swaps) == grid_filters.SWAP_MAX
    assert "Only the first 100 are listed; search for a name to see the others." in page
    assert str(far.id) not in swaps

    page = flat(client.get(f"{large.grid}/{first.id}?all=1&swap=delegate+997"))
    assert swap_choices(page) == [str(far.id)]
    assert f"{_names(498, 'l')}</option>" in page
    client.post(f"{large.grid}/{first.id}/swap", data={"other_id": far.id})
    assert (first.slot_id, first.table_id) == (large.slots[18].id, large.tables[21].id)
    assert (far.slot_id, far.table_id) == (large.slots[0].id, large.tables[1].id)

    # Moves: the free cells in sight (table 1 at the tenth slot: pair 9 waits).
    page = flat(client.get(f"{large.grid}/{far.id}"))
    free = f"{large.slots[9].id}:{large.tables[1].id}"
    assert f'<option value="{free}">' in page
    client.post(f"{large.grid}/{far.id}/move", data={"place": free})
    assert (far.slot_id, far.table_id) == (large.slots[9].id, large.tables[1].id)
