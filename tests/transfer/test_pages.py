"""The organizer's JSON download, the admin's import page and "copy as a new edition"."""

import io
import json
import re
from datetime import UTC, datetime

import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.events.models import Event, EventStatus
from forum.meetings.models import MeetingSlot, MeetingTable
from forum.registration.models import Registration
from forum.transfer.services.export import document_json


def _event(db, slug: str) -> Event | None:
    return db.session.scalar(sa.select(Event).where(Event.slug == slug))


def test_organizer_downloads_the_event_as_json(client, login, db, small_forum):
    login(small_forum.organizer)
    response = client.get("/events/hih-2023/manage/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=hih-2023.json"
    assert response.mimetype == "application/json"
    document = json.loads(response.data)
    assert (document["format"], document["event"]["slug"]) == ("foro-event", "hih-2023")
    assert len(document["registrations"]) == 2 and len(document["meetings"]) == 1
    logged = db.session.execute(sa.select(AuditEntry.action, AuditEntry.actor_name)).all()
    assert logged == [("event.exported", "Olga Organizer")]  # every delegate's data went out


def _upload(client, document: dict | bytes, **fields):
    raw = document if isinstance(document, bytes) else document_json(document).encode()
    data = {"file": (io.BytesIO(raw), "event.json"), **fields}
    return client.post("/manage/events/import", data=data, content_type="multipart/form-data")


def test_admin_imports_an_event_with_its_team(client, login, db, small_forum, small_document):
    login(small_forum.admin)
    response = _upload(client, small_document, slug="hih-2024", name="Hand-in-Hand 2024")
    assert response.status_code == 302
    assert response.headers["Location"] == "/events/hih-2024/manage/"
    event = _event(db, "hih-2024")
    assert event.name == "Hand-in-Hand 2024"
    # The team of the document; the admin is not added (admins run every event already).
    assert [(r.user.email, r.role) for r in event.roles] == [("organizer@example.org", "organizer")]
    count = sa.select(sa.func.count(Registration.id)).where(Registration.event_id == event.id)
    assert db.session.scalar(count) == 2
    logged = sa.select(AuditEntry.action, AuditEntry.subject).where(AuditEntry.event_id == event.id)
    assert db.session.execute(logged).all() == [("event.imported", "hih-2023")]


def test_import_page_names_a_taken_slug_and_keeps_nothing(
    client, login, db, small_forum, small_document
):
    login(small_forum.admin)
    response = _upload(client, small_document)
    assert response.status_code == 200
    assert "An event with the address “hih-2023” exists already" in response.text
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 1


def test_import_page_tells_malformed_json_in_spanish(client, login, db, small_forum):
    small_forum.admin.locale = "es"
    db.session.commit()
    login(small_forum.admin)
    response = _upload(client, b'{"format": "foro-event", ')
    assert response.status_code == 200
    assert "El archivo no es JSON válido (línea 1, columna 26" in response.text


class CountingStream(io.RawIOBase):
    """A 200 MB request body that is never held whole, and counts what the app reads of it."""

    size = 200 * 1024 * 1024

    def __init__(self) -> None:
        self.read_bytes = 0
        self.position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = offset if whence == 0 else self.size + offset
        return self.position

    def readinto(self, buffer) -> int:
        size = len(buffer)
        buffer[:size] = b"x" * size
        self.read_bytes += size
        return size


def test_a_200_mb_upload_is_refused_before_it_is_read(
    app, client, login, db, small_forum, monkeypatch
):
    login(small_forum.admin)
    # With CSRF on, as in production: the app-wide check would read the form before the view.
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    body = CountingStream()
    response = client.post(
        "/manage/events/import",
        input_stream=body,
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 413
    assert "The file is 200 MB; an event document may be at most 50 MB." in response.text
    assert body.read_bytes == 0
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 1


def test_only_admins_reach_the_import_page(client, login, small_forum):
    login(small_forum.organizer)
    assert client.get("/manage/events/import").status_code == 403


def test_copy_as_a_new_edition_moves_the_programme_and_leaves_the_people(
    client, login, db, small_forum
):
    login(small_forum.organizer)
    response = client.post(
        "/events/hih-2023/manage/new-edition",
        data={"name": "Hand-in-Hand 2024", "slug": "hih-2024", "start_date": "2024-11-18"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/events/hih-2024/manage/"
    source, copy = _event(db, "hih-2023"), _event(db, "hih-2024")
    assert (copy.name, copy.status) == ("Hand-in-Hand 2024", EventStatus.DRAFT)
    assert copy.timezone == "Europe/Rome"
    assert (str(copy.start_date), str(copy.end_date)) == ("2024-11-18", "2024-11-22")
    # 09:00 in Rome stays 09:00 in Rome: summer time (UTC+2) last year, winter time (UTC+1) now.
    opening = next(s for s in copy.sessions if s.title == "Apertura")
    assert opening.starts_at == datetime(2024, 11, 18, 8, 0, tzinfo=UTC)
    assert (opening.room.name, opening.track.name_es) == ("Sala Roma", "Café")
    assert [(s.name, s.organisation) for s in opening.speakers] == [("Máximo Torero", "FAO")]
    assert [t.label("en") for t in copy.tags] == ["coffee"]
    assert [p.name_es for p in copy.participant_types] == ["Inversionista"]
    assert len(copy.sessions) == len(source.sessions) == 2
    slots = db.session.scalars(sa.select(MeetingSlot).where(MeetingSlot.event_id == copy.id))
    assert [s.starts_at for s in slots][0] == datetime(2024, 11, 19, 9, 0, tzinfo=UTC)
    tables = db.session.scalars(sa.select(MeetingTable).where(MeetingTable.event_id == copy.id))
    assert [(t.number, t.host_registration_id) for t in tables] == [(1, None), (2, None)]
    count = sa.select(sa.func.count(Registration.id)).where(Registration.event_id == copy.id)
    assert db.session.scalar(count) == 0
    assert [(r.user.email, r.role) for r in copy.roles] == [("organizer@example.org", "organizer")]


def test_copy_as_a_new_edition_refuses_a_taken_slug_on_the_form(client, login, db, small_forum):
    login(small_forum.organizer)
    response = client.post(
        "/events/hih-2023/manage/new-edition",
        data={"name": "Otra", "slug": "hih-2023", "start_date": "2024-10-14"},
    )
    assert response.status_code == 200
    assert "An event with the address “hih-2023” exists already: choose a new one." in (
        response.text
    )
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 1


def test_a_document_above_the_apps_12_mb_form_limit_is_imported_with_csrf_on(
    app, client, login, db, small_forum, small_document, monkeypatch
):
    login(small_forum.admin)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = client.get("/manage/events/import").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    document = json.loads(json.dumps(small_document))
    document["rooms"][0]["notes"] = "Sala grande. " * (14 * 1024 * 1024 // 13)  # 14 MB
    refused = _upload(client, document, slug="hih-big")  # no token: refused, nothing read
    assert refused.status_code == 200 and "The CSRF token is missing." in refused.text
    response = _upload(client, document, slug="hih-big", csrf_token=token)
    assert response.status_code == 302, response.text[:2000]
    room = _event(db, "hih-big").rooms[0]
    assert len(room.notes) > 14_000_000 and room.notes.startswith("Sala grande. ")
