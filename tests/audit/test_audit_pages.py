"""The organizers' audit log page and its CSV: what a real request records, shown back."""

import csv
import html
import io
import re
from datetime import UTC, datetime

import pytest

from forum.audit.models import AuditEntry
from forum.audit.services import record
from forum.extensions import db as _db
from forum.registration.models import RegistrationStatus
from tests.audit.conftest import entries

S = RegistrationStatus
BASE = "/events/hih-2023/manage"
COOP = "Cooperativa Agraria San Ignacio"


def _cards(response) -> list[str]:
    """Each entry of the page as one line of text: label, time, subject, change, author."""
    body = response.get_data(as_text=True)
    items = re.findall(r'<li class="list-group-item">(.*?)</li>', body, re.S)
    return [
        " | ".join(html.unescape(re.sub(r"<[^>]+>", "\n", i)).split("\n")).strip() for i in items
    ]


def _text(item: str) -> str:
    return " | ".join(part.strip() for part in item.split("|") if part.strip())


@pytest.fixture
def decided(event, organizer, create_registration, client, login):
    """Three delegates approved in one bulk action and one rejected, by the organizer's pages."""
    people = [
        create_registration(event, name, COOP, status=S.SUBMITTED)
        for name in ("Ana Quispe", "Luis Torres", "Eva Mamani", "Juan Ríos")
    ]
    login(organizer)
    ids = [str(r.id) for r in people]
    client.post(f"{BASE}/registrations/bulk", data={"action": "approve", "ids": ids[:3]})
    client.post(f"{BASE}/registrations/bulk", data={"action": "reject", "ids": ids[3:]})
    # fixed times, to read them back on the event's clock (Rome, UTC+2 in October)
    for n, entry in enumerate(_db.session.query(AuditEntry).order_by(AuditEntry.id)):
        entry.created_at = datetime(2023, 10, 16, 7, 30 + n, tzinfo=UTC)
    _db.session.commit()
    return people


def test_a_bulk_approval_of_three_writes_three_entries_by_the_organizer(decided, organizer):
    me = organizer.id
    approved = ({"status": "submitted"}, {"status": "approved"}, me)
    assert entries() == [
        ("registration.approved", f"Ana Quispe ({COOP})", *approved),
        ("registration.approved", f"Luis Torres ({COOP})", *approved),
        ("registration.approved", f"Eva Mamani ({COOP})", *approved),
        ("registration.rejected", f"Juan Ríos ({COOP})",
         {"status": "submitted"}, {"status": "rejected"}, me),
    ]  # fmt: skip


def test_the_log_reads_newest_first_in_the_organizers_language(decided, organizer, client):
    organizer.locale = "es"
    _db.session.commit()
    response = client.get(f"{BASE}/audit")
    assert response.status_code == 200
    cards = [_text(c) for c in _cards(response)]
    assert cards[0] == (
        f"Inscripción rechazada | 16 oct 2023, 9:33:00 | Juan Ríos ({COOP}) | "
        "estado: enviada → rechazada | Por Lucía Secretaría"
    )
    assert cards[3] == (
        f"Inscripción aprobada | 16 oct 2023, 9:30:00 | Ana Quispe ({COOP}) | "
        "estado: enviada → aprobada | Por Lucía Secretaría"
    )
    assert len(cards) == 4


def test_filters_by_action_and_by_person(decided, client):
    response = client.get(f"{BASE}/audit?action=registration.approved&q=luis")
    assert [_text(c) for c in _cards(response)] == [
        f"Registration approved | Oct 16, 2023, 9:31:00\u202fAM | Luis Torres ({COOP}) | "
        "status: submitted → approved | By Lucía Secretaría"
    ]
    assert _cards(client.get(f"{BASE}/audit?q=secretaria")) != []  # the actor, accents ignored
    response = client.get(f"{BASE}/audit?action=registration.rejected&q=ana")
    assert _cards(response) == []
    assert "No change matches these filters." in response.get_data(as_text=True)


def test_the_csv_holds_the_filtered_rows_exactly(decided, client):
    response = client.get(f"{BASE}/audit.csv?q=ju")
    assert response.headers["Content-Disposition"] == "attachment; filename=hih-2023-audit.csv"
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows == [
        ["time", "actor", "action", "action_label", "subject", "before", "after"],
        ["2023-10-16T09:33:00+02:00", "Lucía Secretaría", "registration.rejected",
         "Registration rejected", f"Juan Ríos ({COOP})",
         '{"status": "submitted"}', '{"status": "rejected"}'],
    ]  # fmt: skip


def test_an_import_by_the_page_names_its_file(event, organizer, client, login):
    login(organizer)
    content = (
        b"email,name,organisation,organisation_type,country\r\n"
        b"luis@fondo.example,Luis Torres,Fondo Andino,investor,CO\r\n"
    )
    client.post(
        f"{BASE}/registrations/import",
        data={"file": (io.BytesIO(content), "invitados.csv")},
        content_type="multipart/form-data",
    )
    assert entries() == [
        ("registrations.imported", "invitados.csv",
         None, {"created": 1, "updated": 0, "file": "invitados.csv"}, organizer.id),
    ]  # fmt: skip
    assert _text(_cards(client.get(f"{BASE}/audit"))[0]).split(" | ")[2:] == [
        "invitados.csv",
        "created: 1; updated: 0; file: invitados.csv",
        "By Lucía Secretaría",
    ]


def test_entries_without_an_author_and_unknown_codes_are_shown_as_they_are(
    event, organizer, client, login, create_event
):
    other = create_event(slug="otro-foro", name="Otro foro")
    record(
        event,
        "registration.approved",
        "Luis Torres (Fondo Andino)",
        before={"status": "waiting"},
        after={"status": "approved", "by": "waiting list"},
    )
    record(event, "something.new", "Mesa 4", after={"colour": "green"})
    record(other, "registration.rejected", "Someone of another event")  # fmt: skip
    _db.session.commit()
    login(organizer)
    cards = [_text(c).split(" | ") for c in _cards(client.get(f"{BASE}/audit"))]
    assert [c[:1] + c[2:] for c in cards] == [
        ["something.new", "Mesa 4", "colour: green", "By command line / automatic"],
        ["Registration approved", "Luis Torres (Fondo Andino)",
         "status: waiting list → approved; by: waiting list", "By command line / automatic"],
    ]  # fmt: skip


def test_the_log_is_paged_by_a_hundred(event, organizer, client, login):
    for n in range(101):
        record(event, "registration.checked_in", f"Delegate {n:03d}", actor=organizer)
    _db.session.commit()
    login(organizer)
    first = _cards(client.get(f"{BASE}/audit"))
    second = _cards(client.get(f"{BASE}/audit?page=2"))
    assert len(first) == 100 and "Delegate 100" in first[0]
    assert len(second) == 1 and "Delegate 000" in second[0]


def test_only_the_events_organizers_and_admins_read_it(
    event, create_user, create_event, client, login, decided
):
    outsider = create_user(email="otra@org.example", name="Organizadora de otro foro")
    create_event(organizers=[outsider], slug="otro-foro", name="Otro foro")
    client.post("/logout")
    login(outsider)
    assert client.get(f"{BASE}/audit").status_code == 403
    assert client.get(f"{BASE}/audit.csv").status_code == 403
    client.post("/logout")
    login(create_user(email="admin@foro.example", name="Admin", admin=True))
    assert len(_cards(client.get(f"{BASE}/audit"))) == 4


def test_the_dashboard_links_to_the_log(event, organizer, client, login):
    login(organizer)
    body = client.get(f"{BASE}/").get_data(as_text=True)
    assert f'href="{BASE}/audit"' in body
