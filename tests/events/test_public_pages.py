from datetime import date, time

from forum.events.models import EventStatus, LinkAudience
from forum.events.services import events as event_service


def test_index_lists_upcoming_before_past_and_hides_drafts(client, create_event):
    create_event(slug="past", name="Forum 2023", start_date=date(2023, 10, 16))
    create_event(
        slug="next", name="Forum 2099", start_date=date(2099, 3, 1), end_date=date(2099, 3, 2)
    )
    create_event(slug="draft", name="Secret draft", status=EventStatus.DRAFT)
    html = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert html.index("Upcoming") < html.index("Forum 2099") < html.index("Past events")
    assert html.index("Past events") < html.index("Forum 2023")
    assert "Secret draft" not in html


def test_draft_event_is_404_for_public(client, create_event):
    create_event(slug="draft", status=EventStatus.DRAFT)
    assert client.get("/events/draft/").status_code == 404
    assert client.get("/events/draft/programme").status_code == 404


def test_programme_shows_local_times_labelled_with_zone(client, create_event, create_session):
    event = create_event(
        timezone="America/Lima", start_date=date(2024, 3, 19), end_date=date(2024, 3, 19)
    )
    create_session(
        event,
        title="Inauguración del V Foro",
        start=time(9),
        end=time(9, 45),
        speakers=[{"name": "Ignacio Higuera", "organisation": "Cancillería del Perú"}],
    )
    html = client.get("/events/hih-2023/programme", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Inauguración del V Foro" in html
    assert "9:00\u202fAM–9:45\u202fAM" in html
    assert "Tuesday, March 19, 2024" in html
    assert "(America/Lima)" in html
    assert "Ignacio Higuera (Cancillería del Perú)" in html


def test_programme_filters_by_theme(client, create_event, create_session):
    event = create_event()
    gender = event_service.save_track(event, {"name_es": "Igualdad de género"})
    pymes = event_service.save_track(event, {"name_es": "Pymes"})
    create_session(event, title="Mujeres rurales", track_id=gender.id)
    create_session(
        event, title="Comercio electrónico", track_id=pymes.id, start=time(11), end=time(12)
    )
    html = client.get(f"/events/hih-2023/programme?track={gender.id}").get_data(as_text=True)
    assert "Mujeres rurales" in html
    assert "Comercio electrónico" not in html
    full = client.get("/events/hih-2023/programme").get_data(as_text=True)
    assert "Mujeres rurales" in full and "Comercio electrónico" in full


def test_session_page_shows_room_speakers_and_stream(client, create_event, create_session):
    event = create_event()
    room = event_service.save_room(event, {"name": "Plenary Hall", "floor": "Ground floor"})
    session = create_session(
        event,
        title="Peru's investment plans",
        room_id=room.id,
        stream_url="https://example.org/live",
        link_audience=LinkAudience.PUBLIC,
        speakers=[{"name": "Renzo Guillén", "organisation": "FAO Perú", "role": "Focal point"}],
    )
    html = client.get(
        f"/events/hih-2023/sessions/{session.id}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "Plenary Hall · Ground floor" in html
    assert "Renzo Guillén</strong>, Focal point — FAO Perú" in html
    assert 'href="https://example.org/live"' in html
    assert (
        'Monday, October 16, 2023, <span class="zoned">9:00\u202fAM–10:00\u202fAM Rome time</span>'
        in html
    )


def test_session_of_another_event_is_404(client, create_event, create_session):
    create_event()
    other = create_event(slug="other")
    session = create_session(other)
    assert client.get(f"/events/hih-2023/sessions/{session.id}").status_code == 404


def test_user_text_is_escaped(client, create_event, create_session):
    event = create_event()
    create_session(event, title="<script>alert(1)</script>")
    html = client.get("/events/hih-2023/programme").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
