"""Meeting rooms in a delegate's own documents: the personal feed and the agenda PDF carry the
links of their sessions and virtual tables; nothing of the kind reaches anyone else."""

import pytest

from forum.documents.services import calendars
from forum.documents.services import pdfs as documents
from forum.events.models import LinkAudience
from forum.extensions import db
from forum.registration.models import RegistrationStatus
from tests import ical_parser
from tests.factories.documents import build_forum
from tests.pdf_tools import needs_poppler, pdf_text

ROOM = "https://meet.example.org/taller-cafe"
TABLE = "https://meet.example.org/mesa-3"


@pytest.fixture
def forum(create_event):
    """build_forum's world; Ana's seated workshop has a meeting room for participants, Carla
    meets Bruno at virtual table 3."""
    forum = build_forum(create_event())
    workshop = next(s for s in forum.event.sessions if s.title == "Taller de catación de café")
    workshop.stream_url, workshop.link_audience = ROOM, LinkAudience.PARTICIPANTS
    db.session.commit()
    return forum


def _feed(client, registration) -> dict[str, ical_parser.Component]:
    token = calendars.calendar_token(registration).token
    db.session.commit()
    response = client.get(f"/events/hih-2023/calendar/{token}.ics")
    assert response.status_code == 200
    return {e.text("SUMMARY"): e for e in ical_parser.parse(response.data).walk("VEVENT")}


def test_personal_feed_has_the_meeting_room_and_the_virtual_table(client, forum):
    ana = _feed(client, forum.ana)
    assert ana["Taller de catación de café"].text("DESCRIPTION") == f"Online: {ROOM}"
    carla = _feed(client, forum.carla)
    meeting = carla["Meeting with Bruno Ferrari"]
    assert meeting.text("LOCATION") == f"Table 3, Sala Lima, Virtual, {TABLE}"
    assert f"Video link: {TABLE}" in meeting.text("DESCRIPTION")


def test_public_programme_file_has_no_room_of_the_same_session(client, forum):
    data = client.get("/events/hih-2023/programme.ics", headers={"Accept-Language": "en"}).data
    assert ROOM.encode() not in data and TABLE.encode() not in data
    found = {e.text("SUMMARY"): e for e in ical_parser.parse(data).walk("VEVENT")}
    assert found["Taller de catación de café"].text("DESCRIPTION") == (
        "Online: Link for registered participants"
    )


@needs_poppler
def test_agenda_pdf_of_a_delegate_has_their_links(client, login, forum, tmp_path):
    login(forum.ana.user)
    ana = " ".join(pdf_text(client.get("/events/hih-2023/me/agenda.pdf").data, tmp_path).split())
    assert ROOM in ana
    assert TABLE not in ana  # Ana has no meeting at the virtual table
    client.post("/logout")
    login(forum.carla.user)
    carla = pdf_text(client.get("/events/hih-2023/me/agenda.pdf").data, tmp_path)
    assert f"Video link: {TABLE}" in " ".join(carla.split())


def test_printed_agenda_of_a_registration_no_longer_approved_has_no_room(forum):
    forum.carla.status = RegistrationStatus.CANCELLED
    forum.ana.status = RegistrationStatus.CANCELLED
    db.session.commit()
    html = documents.agendas_html(
        forum.event, [forum.ana, forum.carla], documents.DEFAULTS, bulk=True
    )
    assert "Taller de catación de café" in html and "Bruno Ferrari" in html
    assert ROOM not in html and TABLE not in html


def test_meeting_mails_carry_the_virtual_table_only_to_an_approved_delegate(forum):
    """Mails about a meeting (moved, published, arranged) read agenda.meeting_entry: a delegate
    rejected after the plan was made still hears of the meeting, not of its room."""
    from forum.meetings.services.agenda import meeting_entry

    meeting = forum.meetings["other"]  # Bruno and Carla at virtual table 3
    assert meeting_entry(meeting, forum.carla.id).video_url == TABLE
    forum.carla.status = RegistrationStatus.REJECTED
    db.session.flush()
    assert meeting_entry(meeting, forum.carla.id).video_url == ""
    assert meeting_entry(meeting, forum.bruno.id).video_url == TABLE
