"""The delegate's Today page: which meeting is now and next at a fixed clock, the day shown
before, during, between and after, the badge shown only to its owner."""

import re
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

import forum.meetings.views.today as today_view
from forum.meetings.models import MeetingStatus
from forum.meetings.services import today as service
from forum.registration.services.badges import badge_qr
from forum.registration.services.checkin_lookup import short_code
from forum.web import session_cookie
from tests.factories.meetings import create_block, create_meeting, create_tables

TODAY = "/events/hih-2023/today"
# The factory event: Rome, 16-20 October 2023; the block's slots on the 17th at 10:00,
# 10:25, 10:50 and 11:15 Rome time (08:00, 08:25, 08:50, 09:15 UTC), 20 minutes each.
BEFORE = datetime(2023, 10, 10, 12, 0, tzinfo=UTC)
DURING_FIRST = datetime(2023, 10, 17, 8, 10, tzinfo=UTC)
BETWEEN = datetime(2023, 10, 17, 8, 30, tzinfo=UTC)
AFTER_LAST = datetime(2023, 10, 17, 12, 0, tzinfo=UTC)
OVER = datetime(2023, 10, 21, 9, 0, tzinfo=UTC)


@pytest.fixture
def forum(db, create_event, create_session, create_registration):
    event = create_event()
    rosa = create_registration(event, "Rosa Huamán", "Cooperativa Frontera San Ignacio")
    john = create_registration(event, "John Miller", "Andes Impact Fund", photo_file="john.jpg")
    luis = create_registration(event, "Luis Ccori", "Gobierno Regional de Cajamarca")
    create_session(event, "Opening plenary", day=1)  # 9:00-10:00 Rome, open to all
    create_session(event, "Closing plenary", day=4)
    block = create_block(event)
    tables = create_tables(event, 2)
    published = MeetingStatus.PUBLISHED
    create_meeting(rosa, john, slot=block.slots[0], table=tables[0], status=published)
    create_meeting(luis, rosa, slot=block.slots[2], table=tables[1], status=published)
    return event, rosa, john, luis


def _summary(today: service.Today):
    def who(card):
        return card and [r.display_name for r in card.people]

    lines = [
        (line.entry.title or line.entry.counterparts[0].name, line.state) for line in today.lines
    ]
    return today.phase, today.day, who(today.current), who(today.next), lines


def test_before_the_forum_the_first_day_with_something_is_shown(forum):
    _event, rosa, *_ = forum
    assert _summary(service.today_of(rosa, BEFORE)) == (
        "before",
        date(2023, 10, 17),
        None,
        ["John Miller"],
        [("Opening plenary", "later"), ("John Miller", "later"), ("Luis Ccori", "later")],
    )


def test_during_a_meeting_it_is_now_and_the_following_one_next(forum):
    _event, rosa, *_ = forum
    assert _summary(service.today_of(rosa, DURING_FIRST)) == (
        "during",
        date(2023, 10, 17),
        ["John Miller"],
        ["Luis Ccori"],
        [("Opening plenary", "done"), ("John Miller", "now"), ("Luis Ccori", "later")],
    )


def test_between_two_meetings_the_next_one_and_the_first_done(forum):
    _event, rosa, *_ = forum
    assert _summary(service.today_of(rosa, BETWEEN)) == (
        "during",
        date(2023, 10, 17),
        None,
        ["Luis Ccori"],
        [("Opening plenary", "done"), ("John Miller", "done"), ("Luis Ccori", "later")],
    )


def test_after_the_days_last_meeting_the_next_day_with_sessions(forum):
    _event, rosa, *_ = forum
    assert _summary(service.today_of(rosa, AFTER_LAST)) == (
        "during",
        date(2023, 10, 20),
        None,
        None,
        [("Closing plenary", "later")],
    )


def test_after_the_forum_nothing_but_the_end(forum):
    _event, rosa, *_ = forum
    assert _summary(service.today_of(rosa, OVER)) == ("over", None, None, None, [])


def _page(client, login, monkeypatch, registration, now):
    monkeypatch.setattr(today_view, "utcnow", lambda: now)
    login(registration.user)
    response = client.get(TODAY)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _text(html: str) -> str:
    # ASCII white space only: Babel's times keep their narrow no-break space (10:50\u202fAM)
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _section(html: str, element_id: str) -> str:
    """The words of the section headed by element `element_id`, the heading's first."""
    return _text(html.split(f'id="{element_id}">')[1].split("</section>")[0])


def test_page_between_meetings(client, login, monkeypatch, forum):
    _event, rosa, john, luis = forum
    html = _page(client, login, monkeypatch, rosa, BETWEEN)
    assert _section(html, "next-h") == (
        "Next meeting 10:50\u202fAM–11:10\u202fAM Rome time Table 2 Luis Ccori "
        "Gobierno Regional de Cajamarca Write a message to Luis Ccori "
        "Add to Google Calendar : Luis Ccori · Add to Outlook : Luis Ccori"
    )
    assert 'id="now-h"' not in html
    agenda = _text(html.split('id="today-agenda">')[1].split("</ol>")[0])
    assert agenda == (
        "9:00\u202fAM–10:00\u202fAM Rome time Over Opening plenary "
        "10:00\u202fAM–10:20\u202fAM Rome time Over Meeting with John Miller Table 1 "
        "10:50\u202fAM–11:10\u202fAM Rome time Next meeting Meeting with Luis Ccori Table 2"
    )
    assert "As of Oct 17, 2023, 10:30\u202fAM (Europe/Rome)." in _text(html)
    assert "data-offline-keep" in html


def test_page_during_a_meeting_shows_its_counterpart_with_photo(client, login, monkeypatch, forum):
    _event, rosa, john, _luis = forum
    html = _page(client, login, monkeypatch, rosa, DURING_FIRST)
    now = html.split('id="now-h">')[1].split("</section>")[0]
    assert _text(now).startswith(
        "Now 10:00\u202fAM–10:20\u202fAM Rome time Table 1 John Miller Andes Impact Fund "
        "Write a message to John Miller"
    )
    assert f'src="/events/hih-2023/registrations/{john.id}/photo" alt="Photo of John Miller"' in now
    google = re.search(r'href="(https://calendar\.google\.com[^"]+)"', now)[1]
    query = parse_qs(urlsplit(google.replace("&amp;", "&")).query)
    assert query["text"] == ["Meeting with John Miller"]
    assert query["dates"] == ["20231017T080000Z/20231017T082000Z"]
    assert query["location"] == ["Table 1, FAO headquarters, Rome"]
    assert query["details"] == [
        "Hand-in-Hand Investment Forum 2023\nhttp://localhost/events/hih-2023/meetings"
    ]


def test_page_before_and_after_the_forum(client, login, monkeypatch, forum):
    _event, rosa, *_ = forum
    html = _page(client, login, monkeypatch, rosa, BEFORE)
    assert "The forum begins on Monday, October 16, 2023." in html
    assert "Your agenda for Tuesday, October 17, 2023" in html
    monkeypatch.setattr(today_view, "utcnow", lambda: OVER)
    html = client.get(TODAY).get_data(as_text=True)
    assert "The forum is over. Thank you for taking part." in html
    assert 'id="today-agenda"' not in html and 'id="next-h"' not in html


def test_the_badge_is_the_viewers_own(client, login, monkeypatch, forum):
    _event, rosa, john, _luis = forum
    html = _page(client, login, monkeypatch, rosa, BETWEEN)
    badge = html.split('id="badge"')[1].split("</section>")[0]
    assert (
        f'<p class="fs-3 font-monospace fw-bold mb-0" id="badge-code">{short_code(rosa)}</p>'
        in badge
    )
    assert f'src="{badge_qr(rosa)}"' in badge
    assert short_code(john) not in html and badge_qr(john) not in html
    client.post("/logout")
    html = _page(client, login, monkeypatch, john, BETWEEN)
    assert short_code(john) in html and short_code(rosa) not in html


def test_today_is_in_spanish_for_a_spanish_reader(client, login, monkeypatch, forum):
    _event, rosa, *_ = forum
    rosa.user.locale = "es"
    html = _page(client, login, monkeypatch, rosa, BETWEEN)
    assert "Próxima reunión" in html and "Su credencial" in html
    assert "Añadir a Google Calendar" in html and "Añadir a Outlook" in html


def test_the_menu_links_a_delegate_to_today_and_meetings(client, login, forum):
    _event, rosa, *_ = forum
    anonymous = client.get("/events/hih-2023/").get_data(as_text=True)
    assert TODAY not in anonymous
    login(rosa.user)
    nav = client.get("/events/hih-2023/").get_data(as_text=True).split("</nav>")[0]
    assert f'<a class="nav-link" href="{TODAY}">Today</a>' in nav
    assert '<a class="nav-link" href="/events/hih-2023/meetings">My meetings</a>' in nav
    assert '<a class="nav-link" href="/events/hih-2023/me/agenda.pdf">My agenda (PDF)</a>' in nav


def test_my_meetings_has_calendar_links_for_each_meeting(client, login, forum):
    _event, rosa, *_ = forum
    login(rosa.user)
    html = client.get("/events/hih-2023/meetings").get_data(as_text=True)
    outlook = [
        parse_qs(urlsplit(url.replace("&amp;", "&")).query)
        for url in re.findall(r'href="(https://outlook\.live\.com[^"]+)"', html)
    ]
    assert [(q["subject"], q["startdt"], q["enddt"]) for q in outlook] == [
        (["Meeting with John Miller"], ["2023-10-17T08:00:00Z"], ["2023-10-17T08:20:00Z"]),
        (["Meeting with Luis Ccori"], ["2023-10-17T08:50:00Z"], ["2023-10-17T09:10:00Z"]),
    ]


def test_the_service_workers_copy_leaves_the_session_cookie_alone(
    client, login, forum, monkeypatch
):
    """The worker keeps Today and My meetings in the background: a late answer must not put
    back an older session (a delegate who logged out meanwhile, a CSRF token)."""
    _event, rosa, *_ = forum
    login(rosa.user)
    # a session cookie due to be sent again (forum.web.session_cookie.REFRESH_EVERY)
    monkeypatch.setattr(session_cookie, "REFRESH_EVERY", 0)
    for path in (TODAY, "/events/hih-2023/meetings"):
        assert "Set-Cookie" in client.get(path).headers
        kept = client.get(path, headers={"X-Foro-Keep": "1"})
        assert kept.status_code == 200 and "Set-Cookie" not in kept.headers
        assert "Hand-in-Hand Investment Forum 2023</a>" in kept.get_data(as_text=True)
