import re
import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.meetings.models import (
    MeetingBlock,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    RequestStatus,
)
from forum.meetings.services import requests as service
from forum.notifications.models import Mail
from forum.registration.models import (
    OrganisationType,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)
from tests.factories import PASSWORD
from tests.query_count import count_statements

MINE = "/events/hih-2023/meetings"


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def people(db, event, create_user, create_registration, create_organisation):
    coop = create_organisation(name="Cooperativa Frontera San Ignacio")
    fund = create_organisation(
        name="Andes Impact Fund", type=OrganisationType.INVESTOR, country="US", region=""
    )
    gore = create_organisation(
        name="Gobierno Regional de Cajamarca", type=OrganisationType.REGIONAL_GOVERNMENT
    )

    def person(key, name, org, **kw):
        user = create_user(email=f"{key}@x.example", name=name)
        return create_registration(event, user=user, organisation=org, **kw)

    return {
        "rosa": person("rosa", "Rosa Huamán", coop, spoken_languages="es"),
        "pedro": person("pedro", "Pedro Chávez", coop),
        "john": person("john", "John Miller", fund, spoken_languages="en,es"),
        "luis": person("luis", "Luis Ccori", gore, spoken_languages="es"),
        "pending": person("pending", "Pending Person", coop, status=RegistrationStatus.SUBMITTED),
    }


def text(response):
    return response.get_data(as_text=True)


def flashes(html):
    """The flashed messages, in order (the close button comes before each text)."""
    alerts = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', html, re.S)
    return [re.sub(r"<button[^>]*></button>", "", alert).strip() for alert in alerts]


def test_my_meetings_shows_requests_both_ways_with_statuses(client, login, event, people):
    service.send_request(event, people["rosa"], people["john"], message="Crédito para café")
    service.send_request(event, people["luis"], people["rosa"], message="Plan regional de café")
    login(people["rosa"].user)
    html = text(client.get(MINE))
    received = html.split('id="received"')[1].split("</ul>")[0]
    sent = html.split('id="sent"')[1].split("</ul>")[0]
    assert "Luis Ccori" in received and "Plan regional de café" in received
    assert ">pending<" in received and ">B2G<" in received
    assert f"/meetings/requests/{people['luis'].id}" not in received
    assert "John Miller" in sent and "Crédito para café" in sent and ">pending<" in sent
    assert ">Withdraw<" in sent
    assert ">Accept<" in received and ">Decline<" in received
    assert "No meetings yet" in html


def test_accept_by_post_makes_a_meeting_not_yet_scheduled(client, login, event, people):
    request = service.send_request(event, people["luis"], people["rosa"])
    login(people["rosa"].user)
    response = client.post(f"{MINE}/requests/{request.id}/accept", follow_redirects=True)
    html = text(response)
    assert flashes(html) == ["You have accepted the meeting with Luis Ccori."]
    meetings = html.split('id="meetings"')[1].split("</ul>")[0]
    assert (
        "Luis Ccori" in meetings and "Not yet scheduled" in meetings and ">confirmed<" in meetings
    )
    assert request.status == RequestStatus.ACCEPTED


def test_placed_meeting_shows_time_in_the_event_zone_and_table(
    client, login, db, event, people, create_session
):
    request = service.send_request(event, people["rosa"], people["john"])
    meeting = service.accept(request, people["john"])
    block = MeetingBlock(event_id=event.id, session_id=create_session(event, title="B2B").id)
    start = datetime(2023, 10, 16, 8, 0, tzinfo=UTC)  # 10:00 in Rome
    slot = MeetingSlot(
        block=block, event_id=event.id, starts_at=start, ends_at=start + timedelta(minutes=20)
    )
    table = MeetingTable(event_id=event.id, number=7)
    db.session.add_all([block, slot, table])
    meeting.slot, meeting.table = slot, table
    db.session.commit()
    login(people["john"].user)
    meetings = text(client.get(MINE)).split('id="meetings"')[1].split("</ul>")[0]
    assert (
        'Oct 16, 2023, <span class="zoned">10:00\u202fAM–10:20\u202fAM Rome time</span>' in meetings
    )
    assert "Table 7" in meetings and "Rosa Huamán" in meetings


def test_decline_with_reason_is_mailed(client, login, db, event, people):
    request = service.send_request(event, people["rosa"], people["john"])
    login(people["john"].user)
    response = client.post(
        f"{MINE}/requests/{request.id}/decline",
        data={"reason": "Only Bolivia this year"},
        follow_redirects=True,
    )
    assert flashes(text(response)) == ["You have declined the request from Rosa Huamán."]
    assert request.status == RequestStatus.DECLINED
    mail = db.session.scalars(
        sa.select(Mail).where(Mail.recipient == "rosa@x.example").order_by(Mail.id.desc())
    ).first()
    assert "> Only Bolivia this year" in mail.body
    received = text(client.get(MINE)).split('id="received"')[1]
    assert ">declined<" in received and "Only Bolivia this year" in received


def test_cancel_accepted_meeting_by_post(client, login, event, people):
    request = service.send_request(event, people["rosa"], people["john"])
    meeting = service.accept(request, people["john"])
    login(people["rosa"].user)
    response = client.post(f"{MINE}/requests/{request.id}/cancel", follow_redirects=True)
    html = text(response)
    assert flashes(html) == ["Your meeting with John Miller is cancelled."]
    assert meeting.status.value == "cancelled"
    assert ">cancelled<" in html.split('id="meetings"')[1]


def test_another_delegate_cannot_act_on_a_request(client, login, event, people):
    request = service.send_request(event, people["luis"], people["rosa"])
    login(people["john"].user)
    for action in ("accept", "decline", "cancel"):
        assert client.post(f"{MINE}/requests/{request.id}/{action}").status_code == 404
    assert request.status == RequestStatus.PENDING


def test_requester_cannot_accept_own_request(client, login, event, people):
    request = service.send_request(event, people["rosa"], people["luis"])
    login(people["rosa"].user)
    html = text(client.post(f"{MINE}/requests/{request.id}/accept", follow_redirects=True))
    assert flashes(html) == ["Only the delegate who received this request can answer it."]
    assert request.status == RequestStatus.PENDING


def test_request_form_sends_a_request_with_colleagues(client, login, db, event, people):
    login(people["rosa"].user)
    url = f"/events/hih-2023/delegates/{people['luis'].id}/request"
    form = text(client.get(url))
    assert "Request a meeting with Luis Ccori" in form
    assert "This will be a B2G meeting (business to government)." in form
    assert f'value="{people["pedro"].id}">Pedro Chávez</option>' in form
    assert '<option value="2023-10-20">Friday, October 20, 2023</option>' in form
    response = client.post(
        url,
        data={
            "message": "Hablemos del plan de café",
            "priority": "2",
            "preferred_time": "2023-10-17/am",
            "colleagues": [str(people["pedro"].id)],
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == MINE
    request = db.session.scalar(sa.select(MeetingRequest))
    assert (request.requester_id, request.recipient_id, request.priority) == (
        people["rosa"].id,
        people["luis"].id,
        2,
    )
    assert str(request.preferred_day) == "2023-10-17" and request.preferred_half.value == "am"
    assert [c.registration_id for c in request.colleagues] == [people["pedro"].id]
    html = text(client.get(MINE))
    assert "With: Pedro Chávez" in html and "Must meet" in html


def test_request_form_shows_the_services_refusal(client, login, db, event, people):
    event.allow_b2b = False
    db.session.commit()
    login(people["rosa"].user)
    response = client.post(
        f"/events/hih-2023/delegates/{people['john'].id}/request",
        data={"priority": "1", "preferred_time": ""},
    )
    assert response.status_code == 200
    assert flashes(text(response)) == [
        "This event does not allow B2B (business to business) meetings."
    ]
    assert db.session.scalar(sa.select(sa.func.count(MeetingRequest.id))) == 0


def test_pages_are_closed_to_pending_delegates_and_other_events(
    client, login, event, people, create_event, create_registration, create_user
):
    pages = [
        MINE,
        f"{MINE}/recommendations",
        f"/events/hih-2023/delegates/{people['john'].id}/request",
    ]
    for page in pages:
        assert client.get(page).status_code == 302  # to the login page
    login(people["pending"].user)
    for page in pages:
        assert client.get(page).status_code == 404
    client.post("/logout")
    other = create_event(slug="other", name="Other forum")
    outsider = create_registration(other, user=create_user(email="out@x.example", name="Out"))
    login(outsider.user)
    for page in pages:
        assert client.get(page).status_code == 404
    assert client.get(f"/events/other/delegates/{people['john'].id}/request").status_code == 404


def test_request_to_self_or_pending_is_not_found(client, login, people):
    login(people["rosa"].user)
    for target in ("rosa", "pending"):
        url = f"/events/hih-2023/delegates/{people[target].id}/request"
        assert client.get(url).status_code == 404


def test_state_changes_need_the_csrf_token(client, event, people, csrf_enabled):
    request = service.send_request(event, people["luis"], people["rosa"])
    login_page = text(client.get("/login"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    client.post(
        "/login",
        data={"email": "rosa@x.example", "password": "correct horse battery", "csrf_token": token},
    )
    for action in ("accept", "decline", "cancel"):
        assert client.post(f"{MINE}/requests/{request.id}/{action}").status_code == 400
    assert request.status == RequestStatus.PENDING
    page = text(client.get(MINE))
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(f"{MINE}/requests/{request.id}/accept", data={"csrf_token": form_token})
    assert response.status_code == 302
    assert request.status == RequestStatus.ACCEPTED


def test_message_is_escaped(client, login, event, people):
    service.send_request(event, people["rosa"], people["john"], message="<script>alert(1)</script>")
    login(people["john"].user)
    html = text(client.get(MINE))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_my_meetings_shows_a_request_past_its_deadline_expired_and_writes_nothing(
    client, login, db, event, people
):
    long_ago = datetime.now(UTC) - timedelta(days=10)
    request = service.send_request(event, people["rosa"], people["john"], now=long_ago)
    db.session.commit()
    login(people["john"].user)
    received = text(client.get(MINE)).split('id="received"')[1].split('id="sent"')[0]
    assert ">expired<" in received
    assert "Answer by" not in received and "/accept" not in received  # nothing to answer
    login(people["rosa"].user)

    with count_statements(db) as counted:
        page = text(client.get(MINE))

    sent = page.split('id="sent"')[1]
    assert ">expired<" in sent and "Withdraw" not in sent and "Expires" not in sent
    writes = [s for s in counted.statements if s.lstrip().split()[0].upper() != "SELECT"]
    assert writes == []  # the page expires nothing: `forum tick` does
    db.session.expire_all()
    assert db.session.get(MeetingRequest, request.id).status == RequestStatus.PENDING
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Mail)) == 1  # the request's


def test_recommendations_page_lists_reasons_and_request_buttons(client, login, db, event, people):
    cafe = Tag(event=event, name_es="café")
    db.session.add(cafe)
    people["rosa"].tag_links = [RegistrationTag(tag=cafe, role=TagRole.OFFER)]
    people["john"].tag_links = [RegistrationTag(tag=cafe, role=TagRole.SEEK)]
    db.session.commit()
    login(people["rosa"].user)
    html = text(client.get(f"{MINE}/recommendations"))
    cards = html.split('id="recommendations"')[1]
    assert "John Miller" in cards
    assert "<li>They seek café; you offer café</li>" in cards
    assert "<li>They are the regional government of Cajamarca, where you work</li>" in cards
    assert cards.index("John Miller") < cards.index("Luis Ccori")
    assert f"/events/hih-2023/delegates/{people['john'].id}/request" in cards


def test_profile_has_a_request_button_except_on_my_own(client, login, people):
    login(people["rosa"].user)
    other = text(client.get(f"/events/hih-2023/delegates/{people['john'].id}"))
    assert f'href="/events/hih-2023/delegates/{people["john"].id}/request"' in other
    own = text(client.get(f"/events/hih-2023/delegates/{people['rosa'].id}"))
    assert "/request" not in own


def test_simultaneous_accepts_respect_the_meeting_cap(
    app, db, event, create_registration, create_user
):
    event.max_meetings_per_delegate = 1
    db.session.commit()
    rosa = create_registration(event, user=create_user(email="r@x.example", name="Rosa"))
    clients, urls = [], []
    for n in range(8):
        other = create_registration(event, user=create_user(email=f"o{n}@x.example"))
        other.organisation = None  # not Rosa's colleague
        db.session.commit()
        request = service.send_request(event, rosa, other)
        client = app.test_client()
        response = client.post("/login", data={"email": other.user.email, "password": PASSWORD})
        assert response.status_code == 302
        clients.append(client)
        urls.append(f"{MINE}/requests/{request.id}/accept")
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def click(client, url):
        barrier.wait()
        statuses.append(client.post(url).status_code)

    threads = [
        threading.Thread(target=click, args=pair) for pair in zip(clients, urls, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses == [302] * 8
    db.session.expire_all()
    assert service.meetings_count(rosa) == 1
    accepted = db.session.scalar(
        sa.select(sa.func.count(MeetingRequest.id)).where(
            MeetingRequest.status == RequestStatus.ACCEPTED
        )
    )
    assert accepted == 1


def test_my_meetings_names_the_other_side_and_the_colleagues_apart(client, login, event, people):
    request = service.send_request(
        event, people["rosa"], people["john"], colleagues=[people["pedro"]]
    )
    service.accept(request, people["john"])
    login(people["pedro"].user)
    html = text(client.get(MINE))
    meeting = html.split('id="meetings"')[1].split("</ul>")[0]
    first_line = meeting.split('<div class="fw-semibold">')[1].split("</div>")[0]
    assert "John Miller" in first_line and "Rosa Huamán" not in first_line
    assert "With your colleagues: Rosa Huamán" in meeting
    login(people["john"].user)
    meeting = text(client.get(MINE)).split('id="meetings"')[1].split("</ul>")[0]
    first_line = meeting.split('<div class="fw-semibold">')[1].split("</div>")[0]
    assert "Pedro Chávez" in first_line and "Rosa Huamán" in first_line
    assert "With your colleagues" not in meeting
