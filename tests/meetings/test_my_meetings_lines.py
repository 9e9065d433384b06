"""My meetings reads plain lines (services/my_meetings.py) and works its times and calendar
links out in Python (views/mine_times.py): the same people, sides, orders, statuses, links and
text as the ORM objects and the shared macros give, in a few statements."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.core.types import utcnow
from forum.events.models import Room
from forum.extensions import db
from forum.meetings.models import (
    HalfDay,
    Meeting,
    MeetingKind,
    MeetingRequest,
    MeetingRequestColleague,
    MeetingStatus,
    RequestStatus,
)
from forum.meetings.services import agenda, my_meetings
from forum.meetings.services import requests as requests_service
from forum.web.i18n import ZONE_COOKIE
from tests.factories.meetings import create_block, create_meeting, create_tables
from tests.query_count import count_statements

MINE = "/events/hih-2023/meetings"


def _request(requester, recipient, status=RequestStatus.PENDING, minutes=0, **fields):
    request = MeetingRequest(
        event_id=requester.event_id,
        requester_id=requester.id,
        recipient_id=recipient.id,
        kind=fields.pop("kind", MeetingKind.B2B),
        status=status,
        created_at=datetime(2023, 9, 1, tzinfo=UTC) + timedelta(minutes=minutes),
        **fields,
    )
    db.session.add(request)
    return request


@pytest.fixture
def world(db, create_event, create_registration):
    """Rosa's forum: a delegation meeting in a room with "&" in its name, a virtual table, an
    unplaced meeting, a cancelled one with an erased delegate; requests of every status."""
    event = create_event(self_booking=True)
    rosa = create_registration(event, "Rosa Huamán", "Cooperativa Frontera San Ignacio")
    pedro = create_registration(event, "Pedro Chávez", rosa.organisation)
    maria = create_registration(event, "María Torres", rosa.organisation)
    john = create_registration(event, "John Miller", "Andes Impact Fund")
    luis = create_registration(event, "Luis Ccori", "Gobierno Regional de Cajamarca")
    zoe = create_registration(event, "Zoë O'Neil & Co")
    gone = create_registration(event, "Erased Person", "Old Org")
    block = create_block(event)
    tables = create_tables(event, 2)
    room = Room(event_id=event.id, name="Sala A & B")
    db.session.add(room)
    db.session.flush()
    tables[0].room_id = room.id
    tables[1].is_virtual, tables[1].video_url = True, "https://meet.example/t2"
    published, cancelled = MeetingStatus.PUBLISHED, MeetingStatus.CANCELLED
    delegation = create_meeting(
        rosa, john, pedro, maria, slot=block.slots[1], table=tables[0], status=published
    )
    virtual = create_meeting(zoe, rosa, slot=block.slots[0], table=tables[1], status=published)
    unplaced = create_meeting(rosa, luis)
    dropped = create_meeting(gone, rosa, status=cancelled)
    dropped.cancelled_starts_at = block.slots[3].starts_at
    gone.erased_at = datetime(2023, 9, 2, tzinfo=UTC)
    later = datetime(2099, 1, 1, tzinfo=UTC)
    _request(
        luis,
        rosa,
        minutes=1,
        message="Plan regional",
        preferred_half=HalfDay.MORNING,
        expires_at=later,
    )
    _request(john, rosa, minutes=2, expires_at=datetime(2023, 9, 3, tzinfo=UTC))  # expired
    _request(zoe, rosa, minutes=3, expires_at=later)
    _request(
        rosa,
        luis,
        RequestStatus.DECLINED,
        minutes=4,
        decline_reason="No time",
        preferred_day=date(2023, 10, 17),
        kind=MeetingKind.B2G,
        colleagues=[
            MeetingRequestColleague(registration_id=maria.id),
            MeetingRequestColleague(registration_id=pedro.id),
        ],
    )
    db.session.commit()
    meetings = {"delegation": delegation, "virtual": virtual, "unplaced": unplaced}
    people = {"rosa": rosa, "pedro": pedro, "john": john, "zoe": zoe, "luis": luis}
    return (
        event,
        {**people, "gone": gone},
        {
            **meetings,
            "dropped": dropped,
        },
    )


def test_meeting_lines_have_the_orm_sides_in_the_page_order(world):
    _event, people, meetings = world
    ids = {name: m.id for name, m in meetings.items()}
    for name in ("rosa", "pedro", "john"):
        me = people[name].id
        lines = my_meetings.meeting_lines(me)
        for line in lines:
            others, colleagues = agenda.meeting_sides(db.session.get(Meeting, line.id), me)
            by_name = sorted(others, key=agenda.by_name), sorted(colleagues, key=agenda.by_name)
            assert [p.id for p in line.counterparts] == [r.id for r in by_name[0]]
            assert [p.id for p in line.colleagues] == [r.id for r in by_name[1]]
            assert [p.display_name for p in line.counterparts] == [
                r.display_name for r in by_name[0]
            ]
    lines = my_meetings.meeting_lines(people["rosa"].id)
    # placed by time (the virtual table's slot first), then unplaced, the cancelled one last
    assert [line.id for line in lines] == [
        ids["virtual"],
        ids["delegation"],
        ids["unplaced"],
        ids["dropped"],
    ]
    delegation = lines[1]
    assert [p.display_name for p in delegation.counterparts] == ["John Miller"]
    assert [p.display_name for p in delegation.colleagues] == ["María Torres", "Pedro Chávez"]
    assert str(delegation.table) == "1" and delegation.table.room == "Sala A & B"
    dropped = lines[3]
    assert dropped.counterparts[0].display_name == "a former delegate"
    assert dropped.counterparts[0].is_erased and dropped.counterparts[0].organisation == "Old Org"
    assert dropped.other_name == "a former delegate"
    john_view = my_meetings.meeting_lines(people["john"].id)[0]
    assert [p.display_name for p in john_view.counterparts] == [
        "María Torres",
        "Pedro Chávez",
        "Rosa Huamán",
    ]
    assert john_view.colleagues == ()


def test_request_lines_are_requests_both_ways(world):
    _event, people, _meetings = world
    now = utcnow()
    for name in ("rosa", "zoe", "luis"):
        registration = people[name]
        received, sent = my_meetings.request_lines(registration.id, now)
        orm_received, orm_sent = requests_service.requests_both_ways(registration)
        for lines, orm, side in (
            (received, orm_received, "requester"),
            (sent, orm_sent, "recipient"),
        ):
            assert [r.id for r in lines] == [r.id for r in orm]
            assert [r.status for r in lines] == [r.status_at(now) for r in orm]
            assert [r.other.display_name for r in lines] == [
                getattr(r, side).display_name for r in orm
            ]
    received, sent = my_meetings.request_lines(people["rosa"].id, now)
    # the open ones first, then the newest (the meetings' requests, made last); expired shown so
    assert [(r.other.display_name, r.status) for r in received] == [
        ("Zoë O'Neil & Co", RequestStatus.PENDING),
        ("Luis Ccori", RequestStatus.PENDING),
        ("a former delegate", RequestStatus.ACCEPTED),
        ("Zoë O'Neil & Co", RequestStatus.ACCEPTED),  # the virtual table's meeting
        ("John Miller", RequestStatus.EXPIRED),
    ]
    assert [(r.other.display_name, r.status) for r in sent] == [
        ("Luis Ccori", RequestStatus.ACCEPTED),
        ("John Miller", RequestStatus.ACCEPTED),
        ("Luis Ccori", RequestStatus.DECLINED),
    ]
    assert sent[1].colleagues == ("Pedro Chávez", "María Torres")  # in registration order
    assert (sent[2].kind, sent[2].decline_reason, sent[2].colleagues) == (
        MeetingKind.B2G,
        "No time",
        ("Pedro Chávez", "María Torres"),
    )
    assert received[1].preferred_half == HalfDay.MORNING
    assert received[1].other.organisation == "Gobierno Regional de Cajamarca"


def _between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_my_meetings_prints_what_the_shared_macros_print(app, client, login, world):
    """The times (another zone's clock beside) and the calendar links, escaping included (a
    name and a room with "&"), are what `zoned` and `meeting_calendar_links` render."""
    event, people, meetings = world
    rosa = people["rosa"]
    rosa.user.timezone = "America/Lima"
    db.session.commit()
    login(rosa.user)
    html = client.get(MINE).get_data(as_text=True)
    macros = app.jinja_env.get_template("meetings/_macros.html").module
    shared = app.jinja_env.get_template("_macros.html").module
    cookie = {"Cookie": f"{ZONE_COOKIE}=America/Lima"}
    with app.test_request_context("/", headers=cookie):
        for name in ("virtual", "delegation"):
            meeting = db.session.get(Meeting, meetings[name].id)
            others, _colleagues = agenda.meeting_sides(meeting, rosa.id, agenda.by_name)
            table, slot = meeting.table, meeting.slot
            room = table.room.name if table.room else ""
            names = ", ".join(r.display_name for r in others)
            calendar = str(
                macros.meeting_calendar_links(
                    event, names, slot.starts_at, slot.ends_at, table, room
                )
            )
            zoned = str(shared.zoned(slot.starts_at, event, slot.ends_at))
            assert calendar in html, name
            assert zoned in html and "en Lima" not in zoned and "in Lima" in zoned, name
    assert "Meeting%20with%20Zo%C3%AB%20O%26%2339%3BNeil%20%26amp%3B%20Co" in html
    assert "Table%201%2C%20Sala%20A%20%26amp%3B%20B%2C%20FAO%20headquarters%2C%20Rome" in html


def test_my_meetings_links_and_forms_of_each_line(client, login, world):
    event, people, meetings = world
    login(people["rosa"].user)
    html = client.get(MINE).get_data(as_text=True)
    section = _between(html, 'id="meetings"', "</ul>")
    unplaced, dropped = meetings["unplaced"], meetings["dropped"]
    virtual, delegation = meetings["virtual"], meetings["delegation"]
    zoe, luis, gone = people["zoe"], people["luis"], people["gone"]
    assert f'<a href="/events/hih-2023/delegates/{zoe.id}">Zoë O&#39;Neil &amp; Co</a>' in section
    assert f'href="/events/hih-2023/messages/with/{luis.id}">Write a message' in section
    # an erased delegate is named so, with their organisation, and cannot be written to
    assert (
        f'<a href="/events/hih-2023/delegates/{gone.id}">a former delegate</a>'
        '<span class="text-body-secondary">, Old Org</span>'
    ) in section
    assert f"/messages/with/{gone.id}" not in html
    assert f'href="/events/hih-2023/meetings/{unplaced.id}/book">Book a time</a>' in section
    for placed in (virtual, delegation):  # October 2023: past, so their outcome is asked
        assert f'href="/events/hih-2023/meetings/{placed.id}/outcome">' in section
    assert f"/meetings/{dropped.id}/outcome" not in html
    assert '· <a href="https://meet.example/t2" rel="noopener nofollow">Video link</a>' in section
    cancels = re.findall(r'action="/events/hih-2023/meetings/requests/(\d+)/cancel"', section)
    assert cancels == [str(m.request_id) for m in (virtual, delegation, unplaced)]
    assert '<span class="visually-hidden"> with Zoë O&#39;Neil &amp; Co</span>' in section
    received = _between(html, 'id="received"', "</ul>")
    open_ids = re.findall(r'action="/events/hih-2023/meetings/requests/(\d+)/accept"', received)
    declines = re.findall(r'action="/events/hih-2023/meetings/requests/(\d+)/decline"', received)
    assert open_ids == declines and len(open_ids) == 2
    assert "Preferred: Morning" in received
    assert '<p class="mb-2 mt-1 meeting-message text-pre-line">Plan regional</p>' in received
    sent = _between(html, 'id="sent"', "</ul>")
    assert "With: Pedro Chávez, María Torres" in sent
    assert "Their reason: No time" in sent and 'title="business to government">B2G' in sent


def test_my_meetings_runs_six_statements(client, login, world):
    _event, people, _meetings = world
    login(people["rosa"].user)
    client.get(MINE)
    with count_statements(db) as counted:
        response = client.get(MINE)
    assert response.status_code == 200
    # session; event with registration; requests; meetings; the menu's unread messages
    assert counted.total == 5, counted.statements


def test_a_pending_request_without_a_deadline_is_listed_without_one(client, login, world):
    """Requests imported or made before deadlines existed have none: the page lists them
    (it was a 500 for a reader in another zone), answerable, without "Answer by"."""
    _event, people, _meetings = world
    for request in db.session.scalars(
        sa.select(MeetingRequest).where(MeetingRequest.status == RequestStatus.PENDING)
    ):
        request.expires_at = None
    db.session.commit()
    login(people["rosa"].user)
    for headers in ({}, {"Cookie": f"{ZONE_COOKIE}=America/Lima"}):
        response = client.get(MINE, headers=headers)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        received = _between(html, 'id="received"', "</ul>")
        # the two open ones, and the one past its deadline, open again without one
        assert len(re.findall(r'/meetings/requests/\d+/accept"', received)) == 3
        assert "Answer by" not in html and "Expires" not in html
