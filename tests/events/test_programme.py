from datetime import UTC, date, datetime, time

import pytest

from forum.core.errors import DomainError
from forum.events.models import Room
from forum.events.services import events as event_service
from forum.events.services.programme import SessionInput, programme_days, save_session


def messages(error: DomainError, field: str) -> list[str]:
    return [str(m) for m in error.value.errors[field]]


def test_save_session_stores_utc_from_event_local_time(create_event, create_session):
    event = create_event()
    session = create_session(event, start=time(9, 30), end=time(11))
    assert session.starts_at == datetime(2023, 10, 16, 7, 30, tzinfo=UTC)
    assert session.ends_at == datetime(2023, 10, 16, 9, 0, tzinfo=UTC)
    assert session.sequence == 0


def test_save_session_refuses_end_before_start(create_event, create_session):
    event = create_event()
    with pytest.raises(DomainError) as error:
        create_session(event, start=time(11), end=time(10))
    assert messages(error, "end") == ["The session must end after it starts."]


def test_save_session_refuses_day_outside_event(app, create_event, create_session):
    event = create_event()
    with (
        app.test_request_context(headers={"Accept-Language": "en"}),
        pytest.raises(DomainError) as error,
    ):
        create_session(event, day=date(2023, 10, 21))
    assert messages(error, "day") == [
        "The session falls outside the event's dates (Oct 16, 2023 – Oct 20, 2023)."
    ]


def test_save_session_refuses_dst_gap_time(create_event, create_session):
    event = create_event(start_date=date(2024, 3, 30), end_date=date(2024, 4, 1))
    with pytest.raises(DomainError) as error:
        create_session(event, day=date(2024, 3, 31), start=time(2, 30), end=time(4))
    assert "02:30 does not exist on" in messages(error, "start")[0]
    assert "Europe/Rome" in messages(error, "start")[0]


def test_save_session_asks_about_repeated_hour(create_event, create_session):
    event = create_event(start_date=date(2023, 10, 27), end_date=date(2023, 10, 29))
    with pytest.raises(DomainError) as error:
        create_session(event, day=date(2023, 10, 29), start=time(2, 30), end=time(3, 30))
    assert "02:30 happens twice" in messages(error, "start")[0]
    session = create_session(
        event, day=date(2023, 10, 29), start=time(2, 30), end=time(3, 30), fold=1
    )
    assert session.starts_at == datetime(2023, 10, 29, 1, 30, tzinfo=UTC)
    assert session.ends_at == datetime(2023, 10, 29, 2, 30, tzinfo=UTC)


def test_save_session_refuses_room_clash_naming_the_other_session(db, create_event, create_session):
    event = create_event()
    room = event_service.save_room(event, {"name": "Plenary Hall", "capacity": 400})
    create_session(event, title="Opening", room_id=room.id, start=time(9), end=time(10))
    with pytest.raises(DomainError) as error:
        create_session(event, title="Panel", room_id=room.id, start=time(9, 30), end=time(11))
    assert messages(error, "room_id") == [
        "Plenary Hall is already used by “Opening” (09:00–10:00)."
    ]
    # Back to back in the same room is fine.
    later = create_session(event, title="Panel", room_id=room.id, start=time(10), end=time(11))
    assert later.room == room


def test_save_session_refuses_speaker_clash_ignoring_case(create_event, create_session):
    event = create_event()
    create_session(event, title="Opening", speakers=[{"name": "Renzo Guillén"}])
    with pytest.raises(DomainError) as error:
        create_session(
            event,
            title="Peru's plans",
            start=time(9, 45),
            end=time(10, 30),
            speakers=[{"name": "  renzo   GUILLÉN "}],
        )
    assert messages(error, "speakers") == [
        "  renzo   GUILLÉN  already speaks in “Opening” (09:00–10:00)."
    ]


def test_save_session_editing_ignores_itself_and_bumps_sequence(create_event, create_session):
    event = create_event()
    room = event_service.save_room(event, {"name": "Green Room"})
    session = create_session(event, room_id=room.id, speakers=[{"name": "Ana"}])
    data = SessionInput(
        title="Opening (moved)",
        day=event.start_date,
        start=time(9, 30),
        end=time(10, 30),
        room_id=room.id,
        speakers=[{"name": "Ana"}],
    )
    save_session(event, data, session)
    assert session.title == "Opening (moved)"
    assert session.sequence == 1
    data.title = "Opening"
    save_session(event, data, session)
    assert session.sequence == 1  # a new title alone does not move it


def test_save_session_refuses_room_of_another_event(db, create_event, create_session):
    event = create_event()
    other = create_event(slug="other")
    foreign = event_service.save_room(other, {"name": "Elsewhere"})
    with pytest.raises(DomainError) as error:
        create_session(event, room_id=foreign.id)
    assert messages(error, "room_id") == ["Choose a room of this event."]
    assert db.session.get(Room, foreign.id).event_id == other.id


def test_programme_days_groups_by_local_day_and_filters_track(create_event, create_session):
    event = create_event(timezone="America/Lima")
    theme = event_service.save_track(event, {"name_es": "Pymes"})
    # 20:00 in Lima is already the next day in UTC: it still belongs to the first day.
    evening = create_session(event, title="Cocktail", start=time(20), end=time(21, 30))
    morning = create_session(
        event, title="Rueda", day=date(2023, 10, 17), start=time(9), end=time(10), track_id=theme.id
    )
    assert programme_days(event) == [
        (date(2023, 10, 16), [evening]),
        (date(2023, 10, 17), [morning]),
    ]
    assert programme_days(event, theme.id) == [(date(2023, 10, 17), [morning])]


def test_update_event_refuses_dates_that_strand_sessions(create_event, create_session):
    event = create_event()
    create_session(event, title="Closing", day=date(2023, 10, 20))
    data = {
        "slug": event.slug,
        "timezone": event.timezone,
        "country": "IT",
        "start_date": date(2023, 10, 16),
        "end_date": date(2023, 10, 19),
    }
    with pytest.raises(DomainError) as error:
        event_service.update_event(event, data)
    assert messages(error, "") == [
        "1 session would fall outside the new dates: “Closing”. Move it first."
    ]


def test_create_event_validates_slug_zone_and_dates(create_event):
    create_event(slug="taken")
    data = {
        "name": "X",
        "slug": "taken",
        "timezone": "Mars/Olympus",
        "country": "ZZ",
        "start_date": date(2024, 3, 19),
        "end_date": date(2024, 3, 18),
    }
    with pytest.raises(DomainError) as error:
        event_service.create_event(data)
    assert set(error.value.errors) == {"slug", "timezone", "country", "end_date"}
    assert messages(error, "slug") == ["Another event already uses this address."]
