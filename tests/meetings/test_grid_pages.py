"""The organizer's meeting grid, delegates' self-booking and their account of a meeting."""

from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum.meetings.models import Meeting, MeetingOutcome, MeetingStatus
from forum.meetings.views import booking as meeting_actions
from forum.notifications.models import Mail
from forum.registration.models import OrganisationType
from tests.factories import create_block, create_meeting, create_registration, create_tables


class CellParser(HTMLParser):
    """Text of each grid cell by (slot id, table number); visually-hidden text included."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[int, int], str] = {}
        self._cell: tuple[int, int] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "data-slot" in attrs:
            self._cell, self._text = (int(attrs["data-slot"]), int(attrs["data-table"])), []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells[self._cell] = " ".join(" ".join(self._text).split())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._text.append(data)


def cells_of(response) -> dict[tuple[int, int], str]:
    parser = CellParser()
    parser.feed(response.get_data(as_text=True))
    return parser.cells


def flat(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


@pytest.fixture
def forum(db, create_event, create_user):
    """A forum in Lima in 2030 (so its slots are ahead), with self-booking on."""
    organizer = create_user(email="secretaria@fao.example", name="Secretaría")
    event = create_event(
        organizers=[organizer],
        slug="peru-2030",
        name="Foro de Inversiones Perú 2030",
        timezone="America/Lima",
        start_date=date(2030, 3, 19),
        end_date=date(2030, 3, 20),
        self_booking=True,
    )
    block = create_block(event, starts_at=datetime(2030, 3, 19, 14, 0, tzinfo=UTC), slots=3)
    ministry = create_registration(
        event,
        "Rosa Huamán",
        "Gobierno Regional Cajamarca",
        org_type=OrganisationType.REGIONAL_GOVERNMENT,
    )
    return SimpleNamespace(
        event=event,
        organizer=organizer,
        block=block,
        slots=block.slots,
        tables=create_tables(event, 3, hosts={3: ministry}),
        ministry=ministry,
        ana=create_registration(event, "Ana Quispe", "Cooperativa Agraria San Ignacio"),
        luis=create_registration(
            event, "Luis Torres", "Fondo Andino", org_type=OrganisationType.INVESTOR
        ),
        eva=create_registration(event, "Eva Mamani", "Lácteos La Libertad"),
    )


GRID = "/events/peru-2030/manage/meetings/grid"


def test_grid_shows_names_in_the_right_cell(client, login, forum):
    s0, s1, _s2 = forum.slots
    create_meeting(forum.ana, forum.luis, slot=s1, table=forum.tables[1], locked=True)
    create_meeting(forum.eva, forum.ministry, slot=s0, table=forum.tables[2])
    create_meeting(forum.ana, forum.eva)
    login(forum.organizer)
    response = client.get(f"{GRID}?block={forum.block.id}")
    assert response.status_code == 200
    cells = cells_of(response)
    assert len(cells) == 9
    assert cells[(s1.id, 2)] == (
        "🔒 Locked Ana Quispe (Cooperativa Agraria San Ignacio); Luis Torres (Fondo Andino) "
        "Change Ana Quispe (Cooperativa Agraria San Ignacio), Luis Torres (Fondo Andino) "
        "Unlock Ana Quispe (Cooperativa Agraria San Ignacio), Luis Torres (Fondo Andino)"
    )
    assert cells[(s0.id, 3)].startswith(
        "Eva Mamani (Lácteos La Libertad); Rosa Huamán (Gobierno Regional Cajamarca) Change"
    )
    assert {key for key, text in cells.items() if text == "free"} == set(cells) - {
        (s1.id, 2),
        (s0.id, 3),
    }
    page = flat(response)
    assert '<th scope="row" class="session-time">9:00 AM–9:20 AM</th>' in page  # Lima time
    assert "Accepted meetings without a place (1)" in page
    assert "Ana Quispe (Cooperativa Agraria San Ignacio); Eva Mamani" in page


def test_grid_refuses_organizer_of_another_event(client, login, forum, create_user, create_event):
    meeting = create_meeting(forum.ana, forum.luis)
    stranger = create_user(email="other@org.example", name="Other organizer")
    create_event(slug="other", organizers=[stranger])
    login(stranger)
    assert client.get(GRID).status_code == 403
    response = client.post(
        f"{GRID}/{meeting.id}/move",
        data={"slot_id": forum.slots[0].id, "table_id": forum.tables[0].id},
    )
    assert response.status_code == 403
    assert client.post(f"{GRID}/{meeting.id}/cancel").status_code == 403
    assert (meeting.slot_id, meeting.status) == (None, MeetingStatus.SCHEDULED)


def test_grid_move_places_meeting_and_refusal_shows_the_reasons(client, login, forum):
    meeting = create_meeting(forum.ana, forum.luis)
    login(forum.organizer)
    data = {"slot_id": forum.slots[0].id, "table_id": forum.tables[0].id}
    response = client.post(f"{GRID}/{meeting.id}/move", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{GRID}?block={forum.block.id}"
    assert (meeting.slot_id, meeting.table_id) == (forum.slots[0].id, forum.tables[0].id)
    other = create_meeting(forum.ana, forum.eva)
    data["table_id"] = forum.tables[2].id
    response = client.post(f"{GRID}/{other.id}/move", data=data, follow_redirects=True)
    page = flat(response)
    assert "Table 3 is reserved for its host." in page
    assert "Ana Quispe has another meeting at that time." in page
    assert other.slot_id is None


def test_grid_refusal_is_in_the_organizers_language(db, client, login, forum):
    forum.organizer.locale = "es"
    db.session.commit()
    meeting = create_meeting(forum.ana, forum.luis)
    login(forum.organizer)
    data = {"slot_id": forum.slots[0].id, "table_id": forum.tables[2].id}
    response = client.post(f"{GRID}/{meeting.id}/move", data=data, follow_redirects=True)
    assert "La mesa 3 está reservada para su anfitrión." in flat(response)


def test_grid_move_to_a_slot_of_another_event_is_404(client, login, forum, create_event):
    meeting = create_meeting(forum.ana, forum.luis)
    elsewhere = create_block(create_event(slug="other"), slots=1)
    login(forum.organizer)
    response = client.post(
        f"{GRID}/{meeting.id}/move",
        data={"slot_id": elsewhere.slots[0].id, "table_id": forum.tables[0].id},
    )
    assert response.status_code == 404
    assert client.get(f"{GRID}?block={elsewhere.id}").status_code == 404


def test_grid_swap_lock_and_cancel(db, client, login, forum):
    s0, s1, _s2 = forum.slots
    a = create_meeting(forum.ana, forum.luis, slot=s0, table=forum.tables[0])
    b = create_meeting(forum.eva, forum.ministry, slot=s1, table=forum.tables[1])
    login(forum.organizer)
    page = flat(client.get(f"{GRID}/{a.id}"))
    assert "Swap with another meeting" in page
    client.post(f"{GRID}/{a.id}/swap", data={"other_id": b.id})
    t1, t2 = forum.tables[0].id, forum.tables[1].id
    assert (a.slot_id, a.table_id, b.slot_id, b.table_id) == (s1.id, t2, s0.id, t1)
    client.post(f"{GRID}/{b.id}/lock", data={"locked": "1"})
    assert b.locked is True
    response = client.post(f"{GRID}/{a.id}/swap", data={"other_id": b.id}, follow_redirects=True)
    assert "This meeting is locked: unlock it first." in flat(response)
    response = client.post(f"{GRID}/{a.id}/cancel", follow_redirects=True)
    assert "Meeting cancelled; its participants have been told." in flat(response)
    assert (a.status, a.slot_id, a.cancelled_starts_at) == (
        MeetingStatus.CANCELLED,
        None,
        s1.starts_at,
    )
    assert db.session.scalar(sa.select(sa.func.count(Mail.id))) == 2


def test_book_page_lists_free_common_slots_and_books(db, client, login, forum):
    s0, s1, s2 = forum.slots
    create_meeting(forum.ana, forum.eva, slot=s0, table=forum.tables[0])
    meeting = create_meeting(forum.ana, forum.luis)
    login(forum.luis.user)
    url = f"/events/peru-2030/meetings/{meeting.id}/book"
    page = flat(client.get(url))
    assert "Meeting with Ana Quispe (Cooperativa Agraria San Ignacio)" in page
    offered = [f'value="{s.id}"' in page for s in (s0, s1, s2)]
    assert offered == [False, True, True]
    assert ">9:25 AM–9:45 AM</label>" in page
    response = client.post(url, data={"slot_id": s1.id})
    assert response.status_code == 302
    assert (meeting.slot_id, meeting.table.number) == (s1.id, 1)
    assert "Booked:" in flat(client.get(url))
    response = client.post(url, data={"slot_id": s2.id}, follow_redirects=True)
    assert "This meeting already has a time." in flat(response)
    assert meeting.slot_id == s1.id


def test_book_page_hidden_from_others_and_closed_without_self_booking(db, client, login, forum):
    meeting = create_meeting(forum.ana, forum.luis)
    url = f"/events/peru-2030/meetings/{meeting.id}/book"
    login(forum.eva.user)
    assert client.get(url).status_code == 404
    assert client.post(url, data={"slot_id": forum.slots[0].id}).status_code == 404
    forum.event.self_booking = False
    db.session.commit()
    login(forum.ana.user)
    page = flat(client.get(url))
    assert "The organizers place the meetings of this event; you cannot book a time." in page
    assert 'name="slot_id"' not in page


def test_outcome_refused_before_the_meeting_then_recorded(client, login, forum, monkeypatch):
    start = forum.slots[0].starts_at
    meeting = create_meeting(forum.ana, forum.luis, slot=forum.slots[0], table=forum.tables[0])
    url = f"/events/peru-2030/meetings/{meeting.id}/outcome"
    login(forum.ana.user)
    monkeypatch.setattr(meeting_actions, "utcnow", lambda: start - timedelta(minutes=5))
    page = flat(client.get(url))
    assert "You can record what happened once the meeting has started." in page
    form = {"attendance": "held", "outcome": "investment", "amount": "120000", "currency": "PEN"}
    client.post(url, data=form)
    assert meeting.outcomes == []
    monkeypatch.setattr(meeting_actions, "utcnow", lambda: start + timedelta(minutes=25))
    response = client.post(url, data={**form, "notes": "Visita a Jaén en abril"})
    assert response.status_code == 302
    form.update(amount="150000", notes="")
    client.post(url, data=form)
    record = meeting.outcomes[0]
    assert len(meeting.outcomes) == 1
    assert (record.registration_id, record.attendance.value, record.outcome.value) == (
        forum.ana.id,
        "held",
        "investment",
    )
    assert (record.amount, record.currency, record.notes) == (150_000, "PEN", "")
    assert 'value="150000"' in flat(client.get(url))  # the form shows what was recorded


def test_outcome_form_shows_the_rule_a_no_show_breaks(db, client, login, forum, monkeypatch):
    meeting = create_meeting(forum.ana, forum.luis, slot=forum.slots[0], table=forum.tables[0])
    monkeypatch.setattr(meeting_actions, "utcnow", lambda: forum.slots[2].ends_at)
    login(forum.luis.user)
    response = client.post(
        f"/events/peru-2030/meetings/{meeting.id}/outcome",
        data={"attendance": "no_show", "outcome": "partnership", "currency": "USD"},
    )
    assert response.status_code == 200
    assert "A meeting that was not held has no outcome." in flat(response)
    assert db.session.scalar(sa.select(sa.func.count(MeetingOutcome.id))) == 0
    assert db.session.get(Meeting, meeting.id).outcomes == []


def test_grid_moves_of_published_meetings_mail_both_sides_old_and_new_place(
    db, client, login, forum
):
    s0, s1, s2 = forum.slots
    a = create_meeting(
        forum.ana, forum.luis, slot=s0, table=forum.tables[0], status=MeetingStatus.PUBLISHED
    )
    b = create_meeting(
        forum.eva, forum.ministry, slot=s1, table=forum.tables[2], status=MeetingStatus.PUBLISHED
    )
    login(forum.organizer)
    client.post(f"{GRID}/{a.id}/move", data={"slot_id": s2.id, "table_id": forum.tables[1].id})
    moved = db.session.execute(sa.select(Mail.recipient, Mail.subject).order_by(Mail.id)).all()
    subject = "A meeting of yours has changed at Foro de Inversiones Perú 2030"
    assert moved == [(forum.ana.user.email, subject), (forum.luis.user.email, subject)]
    body = " ".join(db.session.scalars(sa.select(Mail.body)).first().replace("\u202f", " ").split())
    assert "Was: Mar 19, 2030, 9:00 AM–9:20 AM Lima time, table 1" in body
    assert "Now: Mar 19, 2030, 9:50 AM–10:10 AM Lima time, table 2" in body

    client.post(f"{GRID}/{b.id}/move", data={"slot_id": s0.id, "table_id": forum.tables[2].id})
    recipients = db.session.scalars(sa.select(Mail.recipient).order_by(Mail.id)).all()
    assert recipients[2:] == [forum.ministry.user.email, forum.eva.user.email]
