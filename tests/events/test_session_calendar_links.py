"""A session's "Add to Google Calendar / Outlook" links, on its page and in the programme."""

import re
from urllib.parse import parse_qs, urlsplit

from forum.events.services import events as event_service


def _links(html: str, host: str) -> list[dict]:
    return [
        parse_qs(urlsplit(url.replace("&amp;", "&")).query)
        for url in re.findall(rf'href="(https://{re.escape(host)}[^"]+)"', html)
    ]


def test_session_page_and_programme_link_to_both_calendars(client, create_event, create_session):
    event = create_event()
    room = event_service.save_room(event, {"name": "Red Room", "capacity": 200})
    session = create_session(
        event, "Opening plenary", room_id=room.id, stream_url="https://meet.example/secret-room"
    )
    html = client.get(f"/events/hih-2023/sessions/{session.id}").get_data(as_text=True)
    [google] = _links(html, "calendar.google.com")
    assert google == {
        "action": ["TEMPLATE"],
        "text": ["Opening plenary"],
        "dates": ["20231016T070000Z/20231016T080000Z"],  # 9:00-10:00 in Rome
        "details": [
            f"Hand-in-Hand Investment Forum 2023\nhttp://localhost/events/hih-2023/sessions/{session.id}"
        ],
        "location": ["Red Room, FAO headquarters, Rome"],
    }
    [outlook] = _links(html, "outlook.live.com")
    assert outlook["startdt"] == ["2023-10-16T07:00:00Z"]
    assert outlook["enddt"] == ["2023-10-16T08:00:00Z"]
    assert "secret-room" not in str(google) + str(outlook)  # no video link in calendars
    programme = client.get("/events/hih-2023/programme").get_data(as_text=True)
    assert _links(programme, "calendar.google.com") == [google]
    assert [q["subject"] for q in _links(programme, "outlook.live.com")] == [["Opening plenary"]]
