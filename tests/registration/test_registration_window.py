"""Registration closes by itself: after the organizer's closing date, once the forum has
ended on its own clock (Rome, 20 October 2023), and before the opening date; the desk is
not bound by it."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.events import registration_window
from forum.events.registration_window import Window, registration_state
from forum.registration.models import Registration, RegistrationStatus
from forum.registration.services import registration as service
from tests.registration.test_registration import new_org
from tests.registration.test_registration_pages import form

EN = {"Accept-Language": "en"}
ES = {"Accept-Language": "es"}
# Midnight after 20 October 2023 in Rome (CEST, UTC+2).
EVENT_ENDS = datetime(2023, 10, 20, 22, tzinfo=UTC)


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def clock(monkeypatch):
    def set_to(instant: datetime) -> None:
        monkeypatch.setattr(registration_window, "utcnow", lambda: instant)

    return set_to


def _page(client, headers=EN) -> str:
    html = client.get("/events/hih-2023/register", headers=headers).get_data(as_text=True)
    return html.split('<main id="main"')[1]


def _registrations(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(Registration.id)))


def test_the_window_follows_the_dates_and_the_end_of_the_event(event):
    event.registration_opens_at = datetime(2023, 9, 1, tzinfo=UTC)
    event.registration_closes_at = datetime(2023, 10, 10, tzinfo=UTC)
    state = registration_state
    assert state(event, datetime(2023, 8, 31, tzinfo=UTC)).window == Window.NOT_YET
    assert state(event, datetime(2023, 9, 1, tzinfo=UTC)).window == Window.OPEN
    assert state(event, datetime(2023, 10, 10, tzinfo=UTC)).window == Window.CLOSED
    event.registration_closes_at = None
    assert state(event, datetime(2023, 10, 20, 21, 59, tzinfo=UTC)).is_open
    assert state(event, EVENT_ENDS) == registration_window.RegistrationState(
        Window.ENDED, EVENT_ENDS
    )
    event.registration_closes_at = datetime(2024, 1, 1, tzinfo=UTC)  # later than the end
    assert state(event, EVENT_ENDS).window == Window.ENDED


def test_after_the_forum_the_page_says_it_ended_and_nobody_registers(client, db, event, clock):
    clock(datetime(2026, 12, 2, tzinfo=UTC))
    html = _page(client)
    assert "This forum ended on Friday, October 20, 2023: registration is closed." in html
    assert "<form" not in html
    assert "terminó el viernes, 20 de octubre de 2023" in _page(client, ES)
    client.post("/events/hih-2023/register", data=form())
    assert _registrations(db) == 0
    event_page = client.get("/events/hih-2023/", headers=EN).get_data(as_text=True)
    assert "This forum ended on Friday, October 20, 2023" in event_page
    assert "/events/hih-2023/register" not in event_page


def test_after_the_closing_date_and_before_the_opening(client, db, event, clock, create_user):
    event.registration_closes_at = datetime(2023, 10, 1, tzinfo=UTC)
    db.session.commit()
    clock(datetime(2023, 10, 5, tzinfo=UTC))
    assert "Registration closed on Oct 1, 2023, 2:00" in _page(client)
    assert "Las inscripciones cerraron el 1 oct 2023" in _page(client, ES)
    with pytest.raises(DomainError, match="Registration closed on Oct 1, 2023"):
        service.register(event, create_user(), new_org(), service.ProfileInput())
    event.registration_closes_at = None
    event.registration_opens_at = datetime(2023, 10, 6, 7, tzinfo=UTC)
    db.session.commit()
    html = _page(client)
    assert "Registration opens on Oct 6, 2023, 9:00" in html and "<form" not in html
    client.post("/events/hih-2023/register", data=form())
    assert _registrations(db) == 0
    clock(datetime(2023, 10, 6, 7, tzinfo=UTC))
    assert "<form" in _page(client)


def test_the_desk_still_adds_delegates_after_the_forum(db, event, clock, create_user):
    # Its page and the CSV import are tested at today's date, long after the 2023 factory
    # forum (tests/registration/test_desk_invitations.py, test_delegate_import.py): they still add.
    clock(datetime(2026, 12, 2, tzinfo=UTC))
    registration = service.register(
        event, create_user(), new_org(), service.ProfileInput(), by_desk=True
    )
    assert registration.status == RegistrationStatus.SUBMITTED and _registrations(db) == 1
