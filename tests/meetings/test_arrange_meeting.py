"""An organizer arranges a meeting between two delegates: placed at once or left for the
scheduler, under the same rules as the grid and the delegates' requests."""

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.events.models import EventRole, TeamRole
from forum.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingRequest,
    MeetingStatus,
    RequestStatus,
    Unavailability,
)
from forum.meetings.services import direct
from forum.notifications.models import Mail
from forum.registration.models import OrganisationType, RegistrationStatus
from tests.factories import create_block, create_meeting, create_registration, create_tables

SLUG = "andes-2023"
NEW = f"/events/{SLUG}/manage/meetings/new"


@pytest.fixture
def forum(db, create_event, create_user):
    """Rome, 17 October 2023: slots at 10:00, 10:25 and 10:50, three tables; Eva and Rosa
    already meet at table 1 at 10:00."""
    organizer = create_user(email="secretaria@fao.example", name="Secretaría")
    event = create_event(organizers=[organizer], slug=SLUG, name="Foro Andino 2023")
    slots = create_block(event, slots=3).slots
    tables = create_tables(event, 3)
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria San Ignacio")
    luis = create_registration(
        event, "Luis Torres", "Fondo Andino", org_type=OrganisationType.INVESTOR, locale="es"
    )
    eva = create_registration(event, "Eva Mamani", "Lácteos La Libertad")
    rosa = create_registration(
        event,
        "Rosa Huamán",
        "Gobierno Regional Cajamarca",
        org_type=OrganisationType.REGIONAL_GOVERNMENT,
        locale="es",
    )
    create_meeting(eva, rosa, slot=slots[0], table=tables[0])
    return SimpleNamespace(
        event=event, organizer=organizer, ana=ana, luis=luis, eva=eva, rosa=rosa,
        slots=slots, tables=tables,
    )  # fmt: skip


def arrange(client, a, b, slot=None, table=None, place="now"):
    data = {"a": a.id, "b": b.id, "place": place}
    if slot is not None:
        data["slot"] = slot.id
    if table is not None:
        data["table"] = table.id
    return client.post(NEW, data=data)


def errors_of(response) -> list[str]:
    html = response.get_data(as_text=True)
    block = re.search(r'id="errors">(.*?)</div>', html, re.S)
    return [" ".join(m.split()) for m in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)]


def counts(db) -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (MeetingRequest, Meeting, Mail)
    )


def test_placed_at_once_at_the_exact_slot_and_table(client, db, login, forum):
    forum.event.schedule_published_at = datetime(2023, 10, 1, tzinfo=UTC)
    db.session.commit()
    login(forum.organizer)
    response = arrange(client, forum.ana, forum.luis, forum.slots[1], forum.tables[2])
    assert response.status_code == 302
    meeting = db.session.scalars(sa.select(Meeting).order_by(Meeting.id.desc())).first()
    assert (meeting.slot_id, meeting.table_id) == (forum.slots[1].id, forum.tables[2].id)
    assert meeting.status == MeetingStatus.PUBLISHED  # the schedule is out: they hear the place
    assert sorted(p.registration_id for p in meeting.participants) == sorted(
        [forum.ana.id, forum.luis.id]
    )
    assert {p.slot_id for p in meeting.participants} == {forum.slots[1].id}
    request = meeting.request
    assert (request.requester_id, request.recipient_id) == (forum.ana.id, forum.luis.id)
    assert (request.status, request.kind) == (RequestStatus.ACCEPTED, MeetingKind.B2B)
    entry = db.session.scalar(sa.select(AuditEntry).filter_by(action="meeting.created"))
    assert entry.subject == (
        "Ana Quispe (Cooperativa Agraria San Ignacio) – Luis Torres (Fondo Andino)"
    )
    assert entry.after == {"kind": "b2b", "table": "3", "time": "2023-10-17T10:25+02:00"}
    mails = {m.recipient: m for m in db.session.scalars(sa.select(Mail))}
    ana_mail, luis_mail = mails[forum.ana.user.email], mails[forum.luis.user.email]
    assert ana_mail.locale == "en" and luis_mail.locale == "es"
    assert ana_mail.subject == "A meeting has been arranged for you at Foro Andino 2023"
    assert luis_mail.subject == "Se le ha organizado una reunión en Foro Andino 2023"
    ana_text = " ".join(ana_mail.body.split())
    assert (
        "arranged a B2B (business to business) meeting for you with Luis Torres (Fondo Andino)."
        in ana_text
    )
    assert "10:25 AM–10:45 AM Rome time, table 3" in ana_text
    assert "Ana Quispe (Cooperativa Agraria San Ignacio)" in " ".join(luis_mail.body.split())
    assert "mesa 3" in luis_mail.body


def test_left_for_the_scheduler_is_an_accepted_request(client, db, login, forum):
    login(forum.organizer)
    response = arrange(client, forum.ana, forum.rosa, place="later")
    assert response.status_code == 302
    meeting = db.session.scalars(sa.select(Meeting).order_by(Meeting.id.desc())).first()
    assert (meeting.slot_id, meeting.table_id, meeting.status) == (
        None,
        None,
        MeetingStatus.SCHEDULED,
    )
    assert meeting.request.status == RequestStatus.ACCEPTED
    assert meeting.request.kind == MeetingKind.B2G  # a regional government at the table
    ana_mail = db.session.scalar(sa.select(Mail).filter_by(recipient=forum.ana.user.email))
    assert "B2G (business to government) meeting for you with Rosa Huamán" in " ".join(
        ana_mail.body.split()
    )
    assert "The time and table will appear on your meetings page" in ana_mail.body
    page = client.get(NEW).get_data(as_text=True)
    assert "the scheduler will place it" in page  # the flash after the redirect


@pytest.mark.parametrize(
    "case, message",
    [
        ("busy delegate", "Eva Mamani has another meeting at that time."),
        ("busy table", "Table 1 is taken at that time."),
        ("unavailable", "Ana Quispe is not available at that time."),
        ("b2g not allowed", "This event does not allow B2G (business to government) meetings."),
        ("same person", "Choose two different delegates."),
        ("not approved", "Pedro Ríos is not an approved delegate of this event."),
        ("time without table", "To place the meeting now, choose both a time and a table."),
        ("open request", "There is already an open meeting request between Eva Mamani and "
         "Rosa Huamán."),
    ],
)  # fmt: skip
def test_a_refusal_says_why_and_saves_nothing(client, db, login, forum, case, message):
    ana, eva, rosa, slots, tables = forum.ana, forum.eva, forum.rosa, forum.slots, forum.tables
    a, b, slot, table = ana, eva, slots[0], tables[1]  # Eva is busy at 10:00
    if case == "busy table":
        a, b, slot, table = ana, forum.luis, slots[0], tables[0]
    elif case == "unavailable":
        db.session.add(Unavailability(registration_id=ana.id, slot_id=slots[1].id))
        a, b, slot = ana, forum.luis, slots[1]
    elif case == "b2g not allowed":
        forum.event.allow_b2g = False
        a, b, slot = ana, rosa, slots[1]
    elif case == "same person":
        a, b, slot = ana, ana, slots[1]
    elif case == "not approved":
        pending = create_registration(
            forum.event, "Pedro Ríos", status=RegistrationStatus.SUBMITTED
        )
        a, b, slot = ana, pending, slots[1]
    elif case == "time without table":
        a, b, slot, table = ana, forum.luis, slots[1], None
    elif case == "open request":
        a, b, slot = eva, rosa, slots[1]
    db.session.commit()
    before = counts(db)
    login(forum.organizer)
    response = arrange(client, a, b, slot, table)
    assert response.status_code == 200
    assert errors_of(response) == [message]
    assert counts(db) == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0


def test_a_concurrent_booking_of_the_table_is_refused_by_the_database(
    client, db, login, forum, monkeypatch
):
    """The checks saw the table free; another request took it before the flush."""
    monkeypatch.setattr(direct, "placement_problems", lambda *args: [])
    before = counts(db)
    login(forum.organizer)
    response = arrange(client, forum.ana, forum.luis, forum.slots[0], forum.tables[0])
    assert errors_of(response) == [
        "Someone else just took this slot or table; reload and try again."
    ]
    assert counts(db) == before


def test_search_narrows_the_choice_and_keeps_what_was_chosen(client, db, login, forum):
    login(forum.organizer)
    html = client.get(f"{NEW}?qa=quispe&qb=fondo&b={forum.eva.id}").get_data(as_text=True)
    side_a = re.search(r'id="pick-a"(.*?)</select>', html, re.S).group(1)
    side_b = re.search(r'id="pick-b"(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'<option value="(\d+)"', side_a) == [str(forum.ana.id)]
    assert re.findall(r'<option value="(\d+)"', side_b) == [str(forum.eva.id), str(forum.luis.id)]
    assert f'<option value="{forum.eva.id}" selected>' in side_b
    assert "1 delegate matches “quispe”." in html


def test_only_organizers_arrange_meetings(client, db, login, forum, create_user):
    desk = create_user(email="mesa@fao.example", name="Mesa")
    db.session.add(EventRole(event=forum.event, user=desk, role=TeamRole.DESK.value))
    db.session.commit()
    login(desk)
    assert client.get(NEW).status_code == 403
    assert arrange(client, forum.ana, forum.luis, place="later").status_code == 403
