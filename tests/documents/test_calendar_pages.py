"""Calendar downloads and the delegate's subscription feed, through the test client."""

import html
import re
from datetime import time

import icalendar
import pytest

from forum.events.models import EventStatus
from forum.meetings.models import MeetingStatus
from forum.meetings.services import edit as meeting_edit
from forum.registration.models import RegistrationStatus, SeatStatus, SessionSeat
from tests import ical_parser
from tests.factories import (
    PASSWORD,
    create_block,
    create_meeting,
    create_registration,
    create_tables,
)

ICS = "text/calendar; charset=utf-8"
ME = "/events/hih-2023/me"
AGENDA = "/events/hih-2023/me/agenda.ics"
FEED_URL = re.compile(r'value="(http://localhost/events/hih-2023/calendar/([A-Za-z0-9_-]+)\.ics)"')


def uids(data: bytes) -> list[str]:
    """The UIDs as both readers see them (they must agree)."""
    ours = [v.text("UID") for v in ical_parser.parse(data).walk("VEVENT")]
    theirs = [str(v["UID"]) for v in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert ours == theirs
    return ours


def vevents(data: bytes) -> dict[str, ical_parser.Component]:
    return {v.text("UID"): v for v in ical_parser.parse(data).walk("VEVENT")}


@pytest.fixture
def forum(db, create_event, create_session):
    """Ana and Bruno with a published meeting and a seat each; Carla meets Bruno, not Ana."""
    event = create_event()
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria Cafetalera San Ignacio")
    bruno = create_registration(event, "Bruno Rossi", "Banca Etica")
    carla = create_registration(event, "Carla Díaz", "Agro Rural")
    block = create_block(event, slots=3)
    tables = create_tables(event, 2)
    shared = create_meeting(
        ana, bruno, slot=block.slots[0], table=tables[0], status=MeetingStatus.PUBLISHED
    )
    private = create_meeting(
        bruno, carla, slot=block.slots[1], table=tables[0], status=MeetingStatus.PUBLISHED
    )
    anas = create_session(event, title="Ana's workshop", start=time(14), end=time(15))
    brunos = create_session(event, title="Bruno's panel", start=time(16), end=time(17))
    db.session.add_all(
        [
            SessionSeat(session_id=anas.id, registration_id=ana.id, status=SeatStatus.SEATED),
            SessionSeat(session_id=brunos.id, registration_id=bruno.id, status=SeatStatus.SEATED),
        ]
    )
    db.session.commit()
    return dict(
        event=event, ana=ana, bruno=bruno, carla=carla, block=block, tables=tables,
        shared=shared, private=private, anas=anas, brunos=brunos,
    )  # fmt: skip


def _feed_url(client) -> tuple[str, str]:
    """Ask for a subscription link on My registration; return (URL, token)."""
    page = client.post("/events/hih-2023/me/calendar/regenerate", follow_redirects=True)
    match = FEED_URL.search(page.get_data(as_text=True))
    assert match, "no subscription URL on the page"
    return match.group(1), match.group(2)


# Public downloads


def test_programme_ics_is_a_calendar_download_of_every_session(client, forum):
    response = client.get("/events/hih-2023/programme.ics")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == ICS
    assert (
        response.headers["Content-Disposition"] == 'attachment; filename="hih-2023-programme.ics"'
    )
    assert response.headers["Cache-Control"] == "public, max-age=300"
    sessions = [forum["block"].session, forum["anas"], forum["brunos"]]
    sessions.sort(key=lambda s: s.starts_at)
    assert uids(response.data) == [f"session-{s.id}@localhost" for s in sessions]
    calendar = ical_parser.parse(response.data)
    assert calendar.text("X-WR-CALNAME") == "Hand-in-Hand Investment Forum 2023"
    vevent = vevents(response.data)[f"session-{forum['anas'].id}@localhost"]
    assert (
        vevent.one("URL").value == f"http://localhost/events/hih-2023/sessions/{forum['anas'].id}"
    )
    assert vevent.one("DTSTART").params["TZID"] == ["Europe/Rome"]
    assert ical_parser.instant(vevent.one("DTSTART"), calendar) == forum["anas"].starts_at


def test_programme_ics_is_identical_across_downloads_and_revalidates(client, forum):
    first = client.get("/events/hih-2023/programme.ics")
    second = client.get("/events/hih-2023/programme.ics")

    assert first.data == second.data
    assert uids(first.data) == uids(second.data)
    unchanged = client.get(
        "/events/hih-2023/programme.ics", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert unchanged.status_code == 304


def test_programme_ics_of_a_draft_event_is_not_found(client, create_event):
    create_event(status=EventStatus.DRAFT)

    assert client.get("/events/hih-2023/programme.ics").status_code == 404


def test_session_ics_holds_that_session_only(client, forum, create_event, create_session):
    session = forum["anas"]
    other = create_session(create_event(slug="other", name="Other forum"), title="Elsewhere")

    response = client.get(f"/events/hih-2023/sessions/{session.id}.ics")

    assert response.headers["Content-Type"] == ICS
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="hih-2023-session-{session.id}.ics"'
    )
    assert uids(response.data) == [f"session-{session.id}@localhost"]
    assert vevents(response.data)[f"session-{session.id}@localhost"].text("SUMMARY") == (
        "Ana's workshop"
    )
    assert client.get(f"/events/hih-2023/sessions/{other.id}.ics").status_code == 404


def test_programme_and_session_pages_link_to_their_calendars(client, forum):
    session_id = forum["anas"].id

    programme = client.get("/events/hih-2023/programme").get_data(as_text=True)
    session = client.get(f"/events/hih-2023/sessions/{session_id}").get_data(as_text=True)

    assert 'href="/events/hih-2023/programme.ics"' in programme
    assert f'href="/events/hih-2023/sessions/{session_id}.ics"' in session


# The delegate's own agenda


def test_agenda_ics_asks_anonymous_visitors_to_log_in(client, forum):
    response = client.get(AGENDA)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_agenda_ics_holds_the_delegates_own_things_only(client, login, forum):
    login(forum["ana"].user)

    response = client.get(AGENDA)

    assert response.headers["Content-Type"] == ICS
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="hih-2023-my-agenda.ics"'
    )
    assert uids(response.data) == [
        f"session-{forum['anas'].id}@localhost",
        f"meeting-{forum['shared'].id}@localhost",
    ]
    meeting = vevents(response.data)[f"meeting-{forum['shared'].id}@localhost"]
    assert meeting.text("SUMMARY") == "Meeting with Bruno Rossi"
    assert meeting.text("DESCRIPTION") == "Bruno Rossi (Banca Etica)"
    assert meeting.text("LOCATION") == "Table 1"
    assert meeting.one("URL").value == "http://localhost/events/hih-2023/meetings"
    assert b"Carla" not in response.data
    assert b"Bruno's panel" not in response.data


def test_agenda_ics_of_another_delegate_is_theirs(client, login, forum):
    login(forum["bruno"].user)

    found = uids(client.get(AGENDA).data)

    assert found == [
        f"session-{forum['brunos'].id}@localhost",
        f"meeting-{forum['shared'].id}@localhost",
        f"meeting-{forum['private'].id}@localhost",
    ]
    assert f"session-{forum['anas'].id}@localhost" not in found


def test_agenda_ics_needs_an_approved_registration(client, login, db, forum):
    forum["ana"].status = RegistrationStatus.SUBMITTED
    db.session.commit()
    login(forum["ana"].user)

    assert client.get(AGENDA).status_code == 404


# The subscription feed


def test_my_registration_offers_a_subscription_link(client, login, forum):
    login(forum["ana"].user)

    before = client.get(ME).get_data(as_text=True)
    url, token = _feed_url(client)
    after = client.get(ME).get_data(as_text=True)

    assert "Get a subscription link" in before and not FEED_URL.search(before)
    assert 'href="/events/hih-2023/me/agenda.ics"' in after
    assert '<label class="form-label" for="calendar-url">Private subscription link</label>' in after
    assert re.search(r'<input[^>]*id="calendar-url"[^>]*readonly', after)
    webcal = "webcal://localhost/events/hih-2023/calendar/" + token + ".ics"
    assert f'href="{html.escape(webcal)}"' in after
    assert len(token) >= 22  # at least 128 bits of URL-safe base64
    assert url.endswith(f"/calendar/{token}.ics")


def test_feed_works_without_login_and_is_cached_privately(app, client, login, forum):
    login(forum["ana"].user)
    url, _token = _feed_url(client)

    response = app.test_client().get(url)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == ICS
    assert response.headers["Content-Disposition"] == 'inline; filename="hih-2023-agenda.ics"'
    assert response.headers["Cache-Control"] == "private, max-age=300"
    assert uids(response.data) == uids(client.get(AGENDA).data)
    calendar = ical_parser.parse(response.data)
    assert calendar.one("REFRESH-INTERVAL").value == "PT1H"
    assert calendar.text("X-WR-CALNAME") == "My agenda · Hand-in-Hand Investment Forum 2023"


def test_revoked_feed_is_not_found(app, client, login, forum):
    login(forum["ana"].user)
    url, _token = _feed_url(client)

    page = client.post("/events/hih-2023/me/calendar/revoke", follow_redirects=True)

    assert "Your calendar link no longer works." in page.get_data(as_text=True)
    assert app.test_client().get(url).status_code == 404
    assert "Get a subscription link" in client.get(ME).get_data(as_text=True)


def test_regenerated_feed_works_and_the_old_url_is_not_found(app, client, login, forum):
    login(forum["ana"].user)
    old_url, old_token = _feed_url(client)

    new_url, new_token = _feed_url(client)

    anonymous = app.test_client()
    assert new_token != old_token
    assert anonymous.get(old_url).status_code == 404
    assert anonymous.get(new_url).status_code == 200


def test_unknown_or_foreign_tokens_are_not_found(app, client, login, forum, create_event):
    create_event(slug="other", name="Other forum")
    login(forum["ana"].user)
    _url, token = _feed_url(client)
    anonymous = app.test_client()

    assert anonymous.get(f"/events/other/calendar/{token}.ics").status_code == 404
    assert anonymous.get(f"/events/hih-2023/calendar/{token[:-1]}.ics").status_code == 404
    assert anonymous.get("/events/hih-2023/calendar/x.ics").status_code == 404


def test_feed_never_shows_another_delegates_agenda(app, client, login, forum):
    login(forum["ana"].user)
    anas_url, _ = _feed_url(client)
    login(forum["bruno"].user)
    brunos_url, _ = _feed_url(client)

    anonymous = app.test_client()
    anas = uids(anonymous.get(anas_url).data)
    brunos = uids(anonymous.get(brunos_url).data)

    assert f"meeting-{forum['private'].id}@localhost" in brunos
    assert f"meeting-{forum['private'].id}@localhost" not in anas
    assert f"session-{forum['brunos'].id}@localhost" not in anas


def test_feed_shows_a_moved_meeting_with_the_same_uid_and_a_higher_sequence(
    app, client, login, forum
):
    login(forum["ana"].user)
    url, _token = _feed_url(client)
    uid = f"meeting-{forum['shared'].id}@localhost"
    before = vevents(app.test_client().get(url).data)[uid]

    meeting_edit.move(forum["shared"], forum["block"].slots[2], forum["tables"][1])

    data = app.test_client().get(url).data
    after = vevents(data)[uid]
    assert (before.one("SEQUENCE").value, after.one("SEQUENCE").value) == ("0", "1")
    assert after.text("LOCATION") == "Table 2"
    calendar = ical_parser.parse(data)
    assert ical_parser.instant(after.one("DTSTART"), calendar) == forum["block"].slots[2].starts_at


def test_feed_keeps_a_cancelled_meeting_as_cancelled(app, client, login, forum):
    login(forum["ana"].user)
    url, _token = _feed_url(client)
    slot = forum["block"].slots[0]

    meeting_edit.cancel_meeting(forum["shared"])

    data = app.test_client().get(url).data
    vevent = vevents(data)[f"meeting-{forum['shared'].id}@localhost"]
    assert vevent.one("STATUS").value == "CANCELLED"
    assert vevent.one("SEQUENCE").value == "1"
    assert ical_parser.instant(vevent.one("DTSTART"), ical_parser.parse(data)) == slot.starts_at


def test_feed_speaks_the_delegates_language(app, client, login, db, forum):
    forum["ana"].user.locale = "es"
    db.session.commit()
    login(forum["ana"].user)
    url, _token = _feed_url(client)

    data = app.test_client().get(url, headers={"Accept-Language": "en"}).data

    meeting = vevents(data)[f"meeting-{forum['shared'].id}@localhost"]
    assert meeting.text("SUMMARY") == "Reunión con Bruno Rossi"


def test_calendar_link_changes_need_the_csrf_token(client, forum, csrf_enabled):
    login_page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    logged_in = client.post(
        "/login",
        data={"email": forum["ana"].user.email, "password": PASSWORD, "csrf_token": csrf},
    )
    assert logged_in.headers["Location"] == "/"

    for action in ("regenerate", "revoke"):
        response = client.post(f"/events/hih-2023/me/calendar/{action}")
        assert response.status_code == 400
    assert client.get(ME).status_code == 200
