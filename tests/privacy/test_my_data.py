"""'My data': the ZIP holds everything held about the person, and their files."""

import io
import json
import zipfile

import pytest
import sqlalchemy as sa

from forum.accounts.models import UserSession
from forum.audit.services import record
from forum.extensions import db
from tests.privacy.world import JPEG, PDF, WHEN, build_world


@pytest.fixture
def world(create_event, db):
    world = build_world(create_event())
    yield world
    world.photo.unlink(missing_ok=True)
    world.teaser.unlink(missing_ok=True)


def _zip(client) -> zipfile.ZipFile:
    response = client.get("/account/data.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "my-data.zip" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    return zipfile.ZipFile(io.BytesIO(response.get_data()))


def test_the_page_explains_and_links_the_download(client, login, world):
    login(world.forum.ana.user)
    html = client.get("/account/data").get_data(as_text=True)
    assert 'href="/account/data.zip"' in html
    assert 'href="/account/delete"' in html
    assert "Hand-in-Hand Investment Forum 2023" in html


def test_the_zip_holds_data_json_the_photo_and_the_teaser(client, login, world):
    ana = world.forum.ana
    record(world.forum.event, "registration.approved", "Ana Ñahui Quispe (Oro Verde)")
    db.session.commit()
    login(ana.user)
    archive = _zip(client)
    teaser = f"teasers/{world.project.id}-Teaser Oro Verde.pdf"
    assert sorted(archive.namelist()) == sorted(["data.json", f"photos/{ana.id}.jpg", teaser])
    assert archive.read(f"photos/{ana.id}.jpg") == JPEG
    assert archive.read(teaser) == PDF
    data = json.loads(archive.read("data.json"))
    assert sorted(data) == ["account", "audit", "mails", "registrations"]

    session = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == ana.user_id))
    assert data["account"] == {
        "email": "ana.ñahui.quispe@hih-2023.example",
        "name": "Ana Ñahui Quispe",
        "language": "en",
        "created_at": WHEN.isoformat(),
        "sessions": [
            {
                "created_at": session.created_at.isoformat(timespec="seconds"),
                "last_seen_at": session.last_seen_at.isoformat(timespec="seconds"),
                "ended_at": None,
                "browser": session.user_agent,
            }
        ],
    }
    assert data["mails"] == [
        {
            "subject": "Your registration is approved",
            "created_at": WHEN.isoformat(),
            "sent_at": WHEN.isoformat(),
        },
        {"subject": "Your agenda", "created_at": WHEN.isoformat(), "sent_at": None},
    ]
    assert [(a["action"], a["subject"], a["by_you"]) for a in data["audit"]] == [
        ("registration.approved", "Ana Ñahui Quispe (Oro Verde)", False)
    ]

    [registration] = data["registrations"]
    meetings = world.forum.meetings
    assert {k: registration[k] for k in registration if k not in {"created_at"}} == {
        "id": ana.id,
        "event": {"slug": "hih-2023", "name": "Hand-in-Hand Investment Forum 2023"},
        "status": "approved",
        "organisation": {
            "name": "Cooperativa Agraria Cafetalera Oro Verde",
            "type": "producer_org",
            "country": "PE",
            "region": "",
            "website": "",
            "size": None,
        },
        "participant_type": None,
        "answers": {
            "job_title": "Gerente",
            "gender": "female",
            "languages": ["es", "qu"],
            "offers": "Café especial de altura",
            "seeks": "Crédito para renovar cafetales",
            "ticket_min": None,
            "ticket_max": None,
            "ticket_currency": "USD",
        },
        "tags": {"sector": [], "offer": [], "seek": []},
        "consent": {"version": 1, "at": WHEN.isoformat()},
        "checked_in_at": None,
        "photo": f"photos/{ana.id}.jpg",
        "meeting_requests_sent": [
            {
                "id": meetings[name].request_id,
                "with": other,
                "kind": "b2b",
                "status": "accepted",
                "message": message,
                "decline_reason": "",
                "created_at": meetings[name].request.created_at.isoformat(timespec="seconds"),
            }
            for name, other, message in (
                ("bruno", "Bruno Ferrari", "Hola Bruno, soy Ana de Oro Verde."),
                ("draft", "Diego Huamán", ""),
                ("cancelled", "Carla Gutiérrez", ""),
            )
        ],
        "meeting_requests_received": [
            {
                "id": meetings[name].request_id,
                "with": other,
                "kind": "b2b",
                "status": "accepted",
                "message": "",
                "decline_reason": "",
                "created_at": meetings[name].request.created_at.isoformat(timespec="seconds"),
            }
            for name, other in (("carla", "Carla Gutiérrez"), ("unplaced", "Diego Huamán"))
        ],
        "meetings": [
            {
                "id": meetings["carla"].id,
                "status": "published",
                "starts_at": "2023-10-17T08:00:00+00:00",
                "ends_at": "2023-10-17T08:20:00+00:00",
                "table": "2",
                "with": ["Carla Gutiérrez"],
            },
            {
                "id": meetings["bruno"].id,
                "status": "published",
                "starts_at": "2023-10-17T08:50:00+00:00",
                "ends_at": "2023-10-17T09:10:00+00:00",
                "table": "1",
                "with": ["Bruno Ferrari", "Diego Huamán"],
            },
            {
                "id": meetings["draft"].id,
                "status": "scheduled",
                "starts_at": "2023-10-17T09:15:00+00:00",
                "ends_at": "2023-10-17T09:35:00+00:00",
                "table": "1",
                "with": ["Diego Huamán"],
            },
            {
                "id": meetings["cancelled"].id,
                "status": "cancelled",
                "starts_at": None,
                "ends_at": None,
                "table": None,
                "with": ["Carla Gutiérrez"],
            },
            {
                "id": meetings["unplaced"].id,
                "status": "scheduled",
                "starts_at": None,
                "ends_at": None,
                "table": None,
                "with": ["Diego Huamán"],
            },
        ],
        "outcomes": [
            {
                "meeting": meetings["bruno"].id,
                "attendance": "held",
                "outcome": "investment",
                "amount": 120_000,
                "currency": "USD",
                "notes": "Ana's phone: +51 976 000 111",
                "recorded_at": WHEN.isoformat(),
            }
        ],
        "projects": [
            {
                "id": world.project.id,
                "title": "Secadores solares para café",
                "status": "accepted",
                "submitted_by_you": True,
                "contact": True,
                "document": teaser,
            }
        ],
        "interests": [
            {
                "project": "Cacao fino de aroma",
                "level": "interested",
                "amount": None,
                "currency": "USD",
                "instrument": None,
                "note": "Ask about the drying",
                "commitments": [],
            }
        ],
        "messages_written": [],  # tests/messaging/test_services.py fills them
        "survey_answers": [],  # no survey in this world: tests/surveys/test_privacy.py
    }


def test_the_zip_needs_a_login(client, world):
    response = client.get("/account/data.zip")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
