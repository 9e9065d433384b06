from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from forum.events.models import Event, ProgrammeSession
from forum.events.services import events as event_service


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


SESSION_FORM = {
    "title": "Peru presents three investment plans",
    "kind": "pitch",
    "day": "2023-10-17",
    "start": "10:00",
    "end": "11:30",
    "fold": "",
    "room_id": "",
    "track_id": "",
    "speakers": "Renzo Guillén | FAO Perú | Punto focal\nAna Quispe | MIDAGRI",
    "stream_url": "",
    "capacity": "",
    "language": "es",
}


@pytest.mark.parametrize(
    "path", ["/events/hih-2023/manage/", "/events/hih-2023/manage/sessions/new"]
)
def test_manage_pages_send_anonymous_users_to_login(client, event, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_manage_refuses_organizer_of_another_event(client, login, create_user, create_event, event):
    stranger = create_user(email="other@org.example")
    create_event(slug="other", organizers=[stranger])
    login(stranger)
    assert client.get("/events/hih-2023/manage/").status_code == 403
    response = client.post("/events/hih-2023/manage/sessions/new", data=SESSION_FORM)
    assert response.status_code == 403
    assert event.sessions == []


def test_organizer_creates_session_with_speakers(client, login, organizer, event, db):
    login(organizer)
    response = client.post(
        "/events/hih-2023/manage/sessions/new", data=SESSION_FORM, follow_redirects=True
    )
    assert "Session “Peru presents three investment plans” saved." in response.get_data(
        as_text=True
    )
    session = db.session.scalar(sa.select(ProgrammeSession))
    assert session.starts_at == datetime(2023, 10, 17, 8, 0, tzinfo=UTC)
    assert [(s.name, s.organisation, s.role) for s in session.speakers] == [
        ("Renzo Guillén", "FAO Perú", "Punto focal"),
        ("Ana Quispe", "MIDAGRI", ""),
    ]


def test_session_form_shows_what_is_wrong_and_keeps_input(client, login, organizer, event):
    login(organizer)
    data = dict(SESSION_FORM, start="12:00", end="11:00")
    html = client.post("/events/hih-2023/manage/sessions/new", data=data).get_data(as_text=True)
    assert "The session must end after it starts." in html
    assert 'value="Peru presents three investment plans"' in html
    assert event.sessions == []


def test_session_form_names_the_clashing_session(client, login, organizer, event, create_session):
    room = event_service.save_room(event, {"name": "Red Room"})
    create_session(event, title="Coffee value chain panel", room_id=room.id, day=event.start_date)
    login(organizer)
    data = dict(SESSION_FORM, day="2023-10-16", start="09:30", end="10:30", room_id=str(room.id))
    html = client.post("/events/hih-2023/manage/sessions/new", data=data).get_data(as_text=True)
    assert "Red Room is already used by “Coffee value chain panel” (09:00–10:00)." in html


def test_session_form_reports_dst_gap_in_spanish(client, login, organizer, create_event):
    organizer.locale = "es"
    create_event(
        slug="spring",
        organizers=[organizer],
        start_date=datetime(2024, 3, 30).date(),
        end_date=datetime(2024, 3, 31).date(),
    )
    login(organizer)
    data = dict(SESSION_FORM, day="2024-03-31", start="02:30", end="04:00")
    html = client.post("/events/spring/manage/sessions/new", data=data).get_data(as_text=True)
    assert "02:30 no existe el" in html
    assert "Europe/Rome" in html


def test_organizer_edits_and_deletes_session(client, login, organizer, event, create_session, db):
    session = create_session(event, title="Old title")
    login(organizer)
    form = client.get(f"/events/hih-2023/manage/sessions/{session.id}/edit").get_data(as_text=True)
    assert 'value="Old title"' in form and 'value="09:00"' in form
    client.post(
        f"/events/hih-2023/manage/sessions/{session.id}/edit",
        data=dict(SESSION_FORM, title="New title", day="2023-10-16", start="09:00", end="10:00"),
    )
    db.session.expire_all()
    assert session.title == "New title" and session.sequence == 0
    assert client.get(f"/events/hih-2023/manage/sessions/{session.id}/delete").status_code == 405
    client.post(f"/events/hih-2023/manage/sessions/{session.id}/delete")
    assert db.session.scalar(sa.select(sa.func.count(ProgrammeSession.id))) == 0


def test_admin_creates_event_and_sees_errors(client, login, create_user, db):
    admin = create_user(email="admin@foro.example", admin=True)
    login(admin)
    data = {
        "name": "V Foro de Cooperación",
        "slug": "Bad Slug",
        "series": "",
        "organiser_name": "",
        "description": "",
        "city": "Lima",
        "country": "PE",
        "venue": "",
        "timezone": "America/Lima",
        "start_date": "2024-03-19",
        "end_date": "2024-03-18",
        "format": "in_person",
        "languages": ["es"],
        "status": "published",
    }
    html = client.post("/manage/events/new", data=data).get_data(as_text=True)
    assert "Use lower-case letters, digits and hyphens only" in html
    assert "The event cannot end before it starts." in html
    data.update(slug="foro-ap-2024", end_date="2024-03-19")
    response = client.post("/manage/events/new", data=data)
    assert response.headers["Location"] == "/events/foro-ap-2024/manage/"
    event = db.session.scalar(sa.select(Event).where(Event.slug == "foro-ap-2024"))
    assert (event.timezone, event.languages, event.country) == ("America/Lima", ["es"], "PE")


def test_only_admins_create_events(client, login, organizer, event):
    login(organizer)
    assert client.get("/manage/events/new").status_code == 403


def test_organizer_adds_room_and_duplicate_name_is_refused(client, login, organizer, event):
    login(organizer)
    client.post("/events/hih-2023/manage/rooms/new", data={"name": "Sala Lima", "capacity": "120"})
    html = client.post("/events/hih-2023/manage/rooms/new", data={"name": "Sala Lima"}).get_data(
        as_text=True
    )
    assert "This event already has one called “Sala Lima”." in html
    assert [(r.name, r.capacity) for r in event.rooms] == [("Sala Lima", 120)]
