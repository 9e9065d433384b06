"""An event's data with a token: the exact JSON of each list, cursor pages, updated_since,
ETag and 304."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from forum.extensions import db
from forum.meetings.models import Meeting, MeetingOutcome
from forum.projects.models import Commitment, Interest
from forum.registration.models import Registration
from tests import factories

BASE = "/api/v1/events/hih-2023/"


def _rome(instant) -> str:
    return instant.astimezone(ZoneInfo("Europe/Rome")).isoformat()


def _get(api, world, path: str, who: str = "organizer", **params):
    response = api.get(BASE + path, headers=world.auth(who), query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Access-Control-Allow-Origin" not in response.headers  # CORS: public part only
    return response.get_json()


def test_registrations_exact_json(api, world):
    ana = db.session.get(Registration, world.ids["ana"])
    body = _get(api, world, "registrations")
    assert [r["name"] for r in body["data"]] == ["Ana Quispe", "Bruno Rossi", "Carla Díaz"]
    assert body["data"][0] == {
        "id": ana.id,
        "status": "approved",
        "name": "Ana Quispe",
        "email": "ana.quispe@hih-2023.example",
        "organisation_id": world.ids["organisation"],
        "participant_type_id": None,
        "job_title": "Gerente",
        "gender": None,
        "languages": [],
        "offers": "",
        "seeks": "",
        "sector_tag_ids": [],
        "offer_tag_ids": [],
        "seek_tag_ids": [],
        "ticket_min": None,
        "ticket_max": None,
        "ticket_currency": "USD",
        "checked_in_at": None,
        "created_at": _rome(ana.created_at),
        "updated_at": _rome(ana.updated_at),
    }
    one = api.get(BASE + f"registrations/{ana.id}", headers=world.auth("desk")).get_json()
    assert one == body["data"][0]


def test_organisations_of_the_events_delegates(api, world):
    body = _get(api, world, "organisations", who="viewer")
    assert body["data"][1] == {
        "id": world.ids["organisation"] + 1,
        "name": "Banca Etica",
        "type": "producer_org",
        "country": "IT",
        "region": "",
        "website": "",
        "size": None,
        "women_led": False,
    }
    assert [o["name"] for o in body["data"]] == ["Cooperativa Jaén", "Banca Etica", "Fondo Andino"]


def test_meetings_give_slot_table_and_both_sides(api, world):
    meeting = db.session.get(Meeting, world.ids["meeting"])
    body = _get(api, world, "meetings")
    assert body["data"] == [
        {
            "id": meeting.id,
            "request_id": world.ids["request"],
            "status": "scheduled",
            "slot": {
                "id": world.ids["slot"],
                "starts_at": "2023-10-17T10:00:00+02:00",
                "ends_at": "2023-10-17T10:20:00+02:00",
            },
            "table": {
                "id": world.ids["table"],
                "number": 1,
                "label": "",
                "room_id": None,
                "is_virtual": False,
            },
            "requester_side": [world.ids["ana"]],
            "recipient_side": [world.ids["carla"]],
            "sequence": 0,
            "updated_at": _rome(meeting.updated_at),
        }
    ]
    requests = _get(api, world, "meeting-requests")["data"]
    assert [(r["requester_id"], r["recipient_id"], r["status"], r["kind"]) for r in requests] == [
        (world.ids["ana"], world.ids["carla"], "accepted", "b2b")
    ]


def test_outcomes_interests_and_commitments(api, world):
    outcome = db.session.get(MeetingOutcome, world.ids["outcome"])
    assert _get(api, world, "outcomes")["data"] == [
        {
            "id": outcome.id,
            "meeting_id": world.ids["meeting"],
            "registration_id": world.ids["carla"],
            "attendance": "held",
            "outcome": "follow_up",
            "amount": 50_000,
            "currency": "USD",
            "notes": "Visit in May",
            "recorded_at": _rome(outcome.recorded_at),
        }
    ]
    interest = db.session.get(Interest, world.ids["interest"])
    assert _get(api, world, "interests", who="reviewer")["data"] == [
        {
            "id": interest.id,
            "project_id": world.ids["project"],
            "registration_id": world.ids["carla"],
            "level": "ready",
            "amount": 1_000_000_00,
            "currency": "USD",
            "instrument": "debt",
            "meeting_request_id": None,
            "created_at": _rome(interest.created_at),
            "updated_at": _rome(interest.updated_at),
        }
    ]
    commitment = db.session.get(Commitment, world.ids["commitment"])
    assert _get(api, world, "commitments", who="reviewer")["data"] == [
        {
            "id": commitment.id,
            "interest_id": interest.id,
            "amount": 800_000_00,
            "currency": "USD",
            "instrument": "debt",
            "status": "term_sheet",
            "notes": "",
            "recorded_at": _rome(commitment.recorded_at),
            "updated_at": _rome(commitment.updated_at),
        }
    ]


def test_pagination_walks_every_registration_once(api, world):
    for n in range(7):
        factories.create_registration(world.event, f"Walker {n}")
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = _get(api, world, "registrations", **params)
        seen += [r["id"] for r in body["data"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    expected = sorted(db.session.scalars(db.select(Registration.id)).all())
    assert seen == expected and len(seen) == 10
    assert pages == 4


def test_limit_and_cursor_are_checked(api, world):
    too_many = api.get(BASE + "registrations?limit=201", headers=world.auth())
    assert too_many.status_code == 422
    assert too_many.get_json()["field"] == "limit"
    forged = api.get(BASE + "registrations?cursor=bm9wZQ", headers=world.auth())
    assert forged.status_code == 422
    assert forged.get_json() == {
        "code": "rejected",
        "message": "This cursor is not one the API gave.",
        "field": "cursor",
    }


def test_updated_since_gives_only_the_rows_changed_since(api, world):
    ana = db.session.get(Registration, world.ids["ana"])
    later = ana.updated_at + timedelta(hours=1)
    assert _get(api, world, "registrations", updated_since=later.isoformat())["data"] == []
    bruno = db.session.get(Registration, world.ids["bruno"])
    bruno.updated_at = later + timedelta(minutes=5)
    db.session.commit()
    changed = _get(api, world, "registrations", updated_since=later.isoformat())["data"]
    assert [r["id"] for r in changed] == [bruno.id]
    naive = api.get(BASE + "registrations?updated_since=2023-10-01T10:00:00", headers=world.auth())
    assert (naive.status_code, naive.get_json()["field"]) == (422, "updated_since")
    unsupported = api.get(
        BASE + "organisations?updated_since=2023-10-01T10:00:00Z", headers=world.auth()
    )
    assert unsupported.get_json()["code"] == "updated_since_unsupported"


def test_etag_and_if_none_match_give_a_304_until_something_changes(api, world):
    first = api.get(BASE + "registrations", headers=world.auth())
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    same = api.get(BASE + "registrations", headers={**world.auth(), "If-None-Match": etag})
    assert (same.status_code, same.data) == (304, b"")
    db.session.get(Registration, world.ids["ana"]).job_title = "Presidenta"
    db.session.commit()
    changed = api.get(BASE + "registrations", headers={**world.auth(), "If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.get_json()["data"][0]["job_title"] == "Presidenta"
