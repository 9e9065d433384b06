"""The venue's "now" view: each table's meeting in a slot, who has checked in, and the desk's
mark of a meeting held or not (recorded for the sides that have not reported)."""

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.events.models import EventRole, TeamRole
from forum.meetings.models import Attendance, MeetingOutcome
from forum.meetings.services import outcomes_report
from forum.meetings.services.outcomes import record_outcome
from forum.meetings.views import floor as floor_views
from forum.registration.models import OrganisationType
from tests.factories import create_block, create_meeting, create_registration, create_tables

SLUG = "andes-2023"
NOW = f"/events/{SLUG}/manage/meetings/now"


@pytest.fixture
def forum(db, create_event, create_user):
    """Rome, 17 October 2023, slots at 10:00, 10:25, 10:50 (08:00 UTC on); at 10:25 Eva and
    Rosa meet at table 1, Ana and Luis at table 2 (table 3 free); Ana has checked in."""
    organizer = create_user(email="secretaria@fao.example", name="Secretaría")
    desk = create_user(email="mesa@fao.example", name="Mesa")
    event = create_event(organizers=[organizer], slug=SLUG, name="Foro Andino 2023")
    db.session.add(EventRole(event=event, user=desk, role=TeamRole.DESK.value))
    slots = create_block(event, slots=3).slots
    tables = create_tables(event, 3)
    ana = create_registration(
        event,
        "Ana Quispe",
        "Cooperativa Agraria San Ignacio",
        checked_in_at=datetime(2023, 10, 17, 7, 40, tzinfo=UTC),
    )
    luis = create_registration(
        event, "Luis Torres", "Fondo Andino", org_type=OrganisationType.INVESTOR
    )
    eva = create_registration(event, "Eva Mamani", "Lácteos La Libertad")
    rosa = create_registration(event, "Rosa Huamán", "Gobierno Regional Cajamarca")
    ana_luis = create_meeting(ana, luis, slot=slots[1], table=tables[1])
    eva_rosa = create_meeting(eva, rosa, slot=slots[1], table=tables[0])
    create_meeting(ana, eva, slot=slots[2], table=tables[2])
    return SimpleNamespace(
        event=event, organizer=organizer, desk=desk, ana=ana, luis=luis, eva=eva, rosa=rosa,
        slots=slots, tables=tables, ana_luis=ana_luis, eva_rosa=eva_rosa,
    )  # fmt: skip


@pytest.fixture
def clock(monkeypatch):
    """The page's clock, set by the test."""

    def set_to(instant: datetime) -> None:
        monkeypatch.setattr(floor_views, "utcnow", lambda: instant)

    return set_to


def flat(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def tables_of(html: str) -> dict[str, str]:
    """Each table card's text without its buttons, by table number."""
    cards = re.findall(
        r'<li class="col" id="table-(\d+)">(.*?)</li>\s*(?=<li class="col"|</ol>)', html, re.S
    )
    return {n: flat(re.sub(r"<form.*?</form>", "", body, flags=re.S)) for n, body in cards}


def test_now_lists_the_running_slot_by_table_with_check_in(client, db, login, forum, clock):
    clock(forum.slots[1].starts_at + timedelta(minutes=5))  # 10:30 in Rome
    login(forum.desk)
    html = client.get(NOW).get_data(as_text=True)
    assert flat(re.search(r'id="slot-label">(.*?)</div>', html).group(1)) == (
        "Oct 17, 2023, 10:25 AM–10:45 AM"
    )
    assert "Running now" in html
    assert tables_of(html) == {
        "1": "Table 1 B2B Side A Eva Mamani Lácteos La Libertad Not arrived "
        "Side B Rosa Huamán Gobierno Regional Cajamarca Not arrived",
        "2": "Table 2 B2B Side A Ana Quispe Cooperativa Agraria San Ignacio ✓ Arrived "
        "Side B Luis Torres Fondo Andino Not arrived",
    }
    assert flat(re.search(r'id="free-tables">(.*?)</p>', html).group(1)) == "Free tables: 3"
    assert html.count('name="mark" value="held"') == 2


def test_before_the_first_slot_the_next_one_shows_and_cannot_be_marked(client, login, forum, clock):
    clock(forum.slots[0].starts_at - timedelta(hours=1))
    login(forum.desk)
    html = client.get(NOW).get_data(as_text=True)
    assert "10:00 AM–10:20 AM" in flat(re.search(r'id="slot-label">(.*?)</div>', html).group(1))
    assert "Coming up" in html and "No meetings in this slot." in html
    assert f'slot={forum.slots[1].id}" rel="next"' in html and 'rel="prev"' not in html
    later = client.get(f"{NOW}?slot={forum.slots[2].id}").get_data(as_text=True)
    assert list(tables_of(later)) == ["3"]
    assert "It can be marked once it has started." in later and 'name="mark"' not in later


def mark(client, forum, meeting, value):
    return client.post(
        f"/events/{SLUG}/manage/meetings/{meeting.id}/attendance",
        data={"mark": value, "slot": forum.slots[1].id},
    )


def accounts(db, meeting) -> dict[int, Attendance]:
    return dict(
        db.session.execute(
            sa.select(MeetingOutcome.registration_id, MeetingOutcome.attendance).filter_by(
                meeting_id=meeting.id
            )
        ).all()
    )


def test_desk_marks_held_for_both_sides(client, db, login, forum, clock):
    clock(forum.slots[1].starts_at + timedelta(minutes=5))
    login(forum.desk)
    response = mark(client, forum, forum.ana_luis, "held")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/now?slot={forum.slots[1].id}&marked={forum.ana_luis.id}#table-2"
    )
    assert accounts(db, forum.ana_luis) == {
        forum.ana.id: Attendance.HELD,
        forum.luis.id: Attendance.HELD,
    }
    audit = db.session.scalars(
        sa.select(AuditEntry).filter_by(action="meeting.outcome_recorded").order_by(AuditEntry.id)
    ).all()
    assert [(e.actor_id, e.after["attendance"]) for e in audit] == [
        (forum.desk.id, "held"),
        (forum.desk.id, "held"),
    ]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Table 2: marked held for Ana Quispe, Luis Torres." in html
    assert "Both sides have an account of this meeting." in tables_of(html)["2"]


def test_desk_marks_one_side_absent(client, db, login, forum, clock):
    clock(forum.slots[1].starts_at + timedelta(minutes=10))
    login(forum.organizer)
    mark(client, forum, forum.ana_luis, f"absent-{forum.luis.id}")
    # Ana's account: the other side did not come; Luis, absent, gives none.
    assert accounts(db, forum.ana_luis) == {forum.ana.id: Attendance.NO_SHOW}
    html = client.get(f"{NOW}?slot={forum.slots[1].id}").get_data(as_text=True)
    assert "Table 2: marked for Ana Quispe that the other side did not come." in html


def test_a_delegates_report_is_kept_and_the_disagreement_shows(client, db, login, forum, clock):
    record_outcome(forum.ana_luis, forum.luis, "no_show", "none", now=forum.slots[1].ends_at)
    db.session.commit()
    clock(forum.slots[1].ends_at)
    login(forum.desk)
    mark(client, forum, forum.ana_luis, "held")
    assert accounts(db, forum.ana_luis) == {
        forum.ana.id: Attendance.HELD,
        forum.luis.id: Attendance.NO_SHOW,  # his own word stays
    }
    html = client.get(f"{NOW}?slot={forum.slots[1].id}").get_data(as_text=True)
    assert (
        "Luis Torres had already reported: “The other side did not come”. That report is kept; "
        "an organizer can correct it on the outcomes list." in html
    )
    assert tables_of(html)["2"].startswith("Table 2 Disagreement B2B")
    rows = {row.meeting.id: row for row in outcomes_report.outcome_rows(forum.event)}
    assert rows[forum.ana_luis.id].disagreement


def test_a_mark_before_the_start_or_of_nothing_is_refused(client, db, login, forum, clock):
    clock(forum.slots[1].starts_at - timedelta(minutes=1))
    login(forum.desk)
    response = mark(client, forum, forum.ana_luis, "held")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "A meeting can be marked once it has started." in html
    clock(forum.slots[1].starts_at)
    mark(client, forum, forum.ana_luis, f"absent-{forum.eva.id}")  # Eva is not at this table
    html = client.get(f"{NOW}?slot={forum.slots[1].id}").get_data(as_text=True)
    assert "Choose whether the meeting was held or who did not come." in html
    assert accounts(db, forum.ana_luis) == {}


def test_viewers_and_delegates_may_not_mark(client, db, login, forum, create_user):
    viewer = create_user(email="observadora@fao.example", name="Observadora")
    db.session.add(EventRole(event=forum.event, user=viewer, role=TeamRole.VIEWER.value))
    db.session.commit()
    login(viewer)
    assert client.get(NOW).status_code == 403
    assert mark(client, forum, forum.ana_luis, "held").status_code == 403
    assert accounts(db, forum.ana_luis) == {}
