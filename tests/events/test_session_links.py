"""Who sees a session's online link: a webcast for anyone, a meeting room for delegates only.

One event with a public FAO webcast and a participants-only meeting room, read by four
readers (anonymous, signed in without a registration, pending, approved) on the programme
and session pages, and by everyone through the public programme.ics, session .ics and PDF.
"""

from datetime import time

import pytest

from forum.events.models import LinkAudience
from forum.events.services.links import is_participant, session_link, table_link
from forum.extensions import db
from forum.registration.models import RegistrationStatus
from tests import ical_parser
from tests.factories import create_tables
from tests.pdf_tools import needs_poppler, pdf_text

WEBCAST = "https://www.fao.org/webcast/home/en/"
ROOM = "https://meet.example.org/geospatial-workshop"
NOTE_EN = "Link for registered participants"
NOTE_ES = "Enlace para participantes registrados"
EN = {"Accept-Language": "en"}


@pytest.fixture
def programme(create_event, create_session, create_registration, create_user):
    event = create_event()
    webcast = create_session(
        event,
        title="Opening plenary",
        stream_url=WEBCAST,
        link_audience=LinkAudience.PUBLIC,
    )
    workshop = create_session(
        event,
        title="Geospatial workshop",
        start=time(11),
        end=time(12),
        stream_url=ROOM,
        link_audience=LinkAudience.PARTICIPANTS,
    )
    approved = create_registration(event, "Ana Quispe")
    pending = create_registration(event, "Pablo Ríos", status=RegistrationStatus.SUBMITTED)
    outsider = create_user(email="visitor@example.org", name="Vera Visitor")
    return {
        "event": event,
        "webcast": webcast,
        "workshop": workshop,
        "approved": approved.user,
        "pending": pending.user,
        "outsider": outsider,
        "registrations": (approved, pending),
    }


def _reader(programme, login, who: str) -> None:
    if who != "anonymous":
        login(programme[who])


@pytest.mark.parametrize("who", ["anonymous", "outsider", "pending"])
def test_pages_show_the_webcast_but_not_the_room_to_non_delegates(client, login, programme, who):
    _reader(programme, login, who)
    page = client.get("/events/hih-2023/programme", headers=EN).get_data(as_text=True)
    assert page.count(f'href="{WEBCAST}"') == 1
    assert ROOM not in page
    assert page.count(NOTE_EN) == 1
    room = programme["workshop"].id
    session = client.get(f"/events/hih-2023/sessions/{room}", headers=EN).get_data(as_text=True)
    assert ROOM not in session
    assert f'<dd class="col-sm-9 session-link"><span class="text-body-secondary">{NOTE_EN}' in (
        session
    )


def test_approved_delegate_sees_the_meeting_room(client, login, programme):
    login(programme["approved"])
    page = client.get("/events/hih-2023/programme", headers=EN).get_data(as_text=True)
    assert f'href="{ROOM}"' in page and f'href="{WEBCAST}"' in page
    assert NOTE_EN not in page
    room = programme["workshop"].id
    session = client.get(f"/events/hih-2023/sessions/{room}", headers=EN).get_data(as_text=True)
    assert f'<a href="{ROOM}" rel="noopener nofollow">Watch or join online</a>' in session


def test_the_note_is_in_spanish_for_a_spanish_reader(client, programme):
    page = client.get("/events/hih-2023/programme", headers={"Accept-Language": "es"})
    assert NOTE_ES in page.get_data(as_text=True)


def _events(data: bytes) -> dict[str, ical_parser.Component]:
    calendar = ical_parser.parse(data)
    return {e.text("SUMMARY"): e for e in calendar.walk("VEVENT")}


def test_public_programme_ics_keeps_the_room_out(client, login, programme):
    login(programme["approved"])  # the public file is the same for everyone
    response = client.get("/events/hih-2023/programme.ics", headers=EN)
    assert ROOM.encode() not in response.data
    found = _events(response.data)
    workshop, plenary = found["Geospatial workshop"], found["Opening plenary"]
    assert workshop.text("DESCRIPTION") == f"Online: {NOTE_EN}"
    assert workshop.text("URL").endswith(f"/sessions/{programme['workshop'].id}")
    assert plenary.text("DESCRIPTION") == f"Online: {WEBCAST}"


def test_session_ics_has_the_room_for_a_delegate_only(client, login, programme):
    url = f"/events/hih-2023/sessions/{programme['workshop'].id}.ics"
    anonymous = client.get(url, headers=EN)
    assert _events(anonymous.data)["Geospatial workshop"].text("DESCRIPTION") == (
        f"Online: {NOTE_EN}"
    )
    assert anonymous.headers["Cache-Control"] == "public, max-age=300"
    login(programme["approved"])
    mine = client.get(url, headers=EN)
    assert _events(mine.data)["Geospatial workshop"].text("DESCRIPTION") == f"Online: {ROOM}"
    assert mine.headers["Cache-Control"] == "private, no-cache"


@needs_poppler
def test_public_programme_pdf_prints_the_webcast_and_the_note(client, programme, tmp_path):
    pdf = client.get("/events/hih-2023/programme.pdf", headers=EN).data
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert f"Online: {WEBCAST}" in text
    assert f"Online: {NOTE_EN}" in text
    assert "meet.example.org" not in text


def test_the_rule(programme):
    approved, pending = programme["registrations"]
    workshop, webcast = programme["workshop"], programme["webcast"]
    assert (is_participant(approved, workshop.event_id), is_participant(pending, 1)) == (
        True,
        False,
    )
    assert session_link(workshop, approved).url == ROOM
    assert (session_link(workshop, pending).url, session_link(workshop, None).withheld) == (
        "",
        True,
    )
    assert session_link(webcast, None).url == WEBCAST
    (table,) = create_tables(programme["event"], 1)
    assert not table_link(table, approved)  # an in-person table has no link at all
    table.is_virtual, table.video_url = True, "https://meet.example.org/mesa-1"
    db.session.commit()
    assert table_link(table, approved).url == "https://meet.example.org/mesa-1"
    assert table_link(table, pending).withheld and not table_link(table, None).url
