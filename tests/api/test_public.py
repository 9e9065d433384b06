"""The public part of the API: exact JSON of events, programme and catalogue; CORS; drafts."""

from forum.events.models import Event
from forum.extensions import db

HIH = {
    "slug": "hih-2023",
    "name": "Hand-in-Hand Investment Forum 2023",
    "series": "Hand-in-Hand Investment Forum",
    "organiser_name": "",
    "description": "",
    "city": "Rome",
    "country": "IT",
    "venue": "FAO headquarters",
    "timezone": "Europe/Rome",
    "start_date": "2023-10-16",
    "end_date": "2023-10-20",
    "format": "hybrid",
    "status": "published",
    "languages": ["en", "es"],
}


def test_events_lists_the_published_ones_never_a_draft(api, world):
    response = api.get("/api/v1/events")
    body = response.get_json()
    assert response.status_code == 200
    assert [e["slug"] for e in body["data"]] == ["hih-2023", "other-2024"]
    assert body["data"][0] == HIH
    assert body["next_cursor"] is None
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_event_by_slug_and_a_draft_is_a_json_404(api, world):
    assert api.get("/api/v1/events/hih-2023").get_json() == HIH
    response = api.get("/api/v1/events/draft-2024")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert response.get_json() == {
        "code": "not_found",
        "message": "This event does not exist, or is not public.",
    }


def test_programme_gives_times_with_the_event_offset_and_its_zone(api, world):
    body = api.get("/api/v1/events/hih-2023/programme").get_json()
    assert body["timezone"] == "Europe/Rome"
    assert body["rooms"] == [
        {"id": world.ids["room"], "name": "Sala Verde", "capacity": 120, "floor": ""}
    ]
    assert body["tracks"] == [
        {"id": world.ids["track"], "name_es": "Café", "name_en": "", "color": "#2e7d32"}
    ]
    opening = next(s for s in body["sessions"] if s["id"] == world.ids["session"])
    updated = db.session.get(Event, world.ids["event"]).sessions[0].updated_at
    assert opening == {
        "id": world.ids["session"],
        "title": "Opening plenary",
        "description": "",
        "kind": "plenary",
        "starts_at": "2023-10-16T09:30:00+02:00",  # Rome in October: CEST
        "ends_at": "2023-10-16T10:30:00+02:00",
        "timezone": "Europe/Rome",
        "room_id": world.ids["room"],
        "track_id": world.ids["track"],
        "language": "es",
        "stream_url": "",
        "speakers": [{"name": "Máximo Torero", "organisation": "FAO", "role": "Chief economist"}],
        "updated_at": updated.isoformat(),
    }
    # the B2B block's session is in the programme too, at 10:00 Rome time
    assert [s["starts_at"] for s in body["sessions"]] == [
        "2023-10-16T09:30:00+02:00",
        "2023-10-17T10:00:00+02:00",
    ]


def test_catalogue_lists_accepted_projects_only_when_public(api, world):
    body = api.get("/api/v1/events/hih-2023/projects").get_json()
    project = body["data"][0]
    assert len(body["data"]) == 1
    assert {k: v for k, v in project.items() if k != "updated_at"} == {
        "id": world.ids["project"],
        "title": "Café agroforestal en Jaén y San Ignacio",
        "summary": "Renovación de cafetales bajo sistemas agroforestales.",
        "description": "",
        "kind": "investment_plan",
        "country": "PE",
        "regions": ["Cajamarca"],
        "amount_sought": 1_250_000_000,
        "currency": "USD",
        "instrument": "blended",
        "stage": "feasibility",
        "beneficiaries": None,
        "sdgs": [],
        "organisation": {"name": "Cooperativa Jaén", "country": "PE"},
    }
    world.event.projects_public = False
    db.session.commit()
    response = api.get("/api/v1/events/hih-2023/projects")
    assert response.status_code == 404
    assert response.get_json()["code"] == "catalogue_not_public"


def test_public_answers_carry_an_etag_and_a_304_for_the_same_copy(api, world):
    first = api.get("/api/v1/events/hih-2023/programme")
    etag = first.headers["ETag"]
    again = api.get("/api/v1/events/hih-2023/programme", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    world.event.sessions[0].title = "Opening plenary (moved)"
    db.session.commit()
    changed = api.get("/api/v1/events/hih-2023/programme", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
