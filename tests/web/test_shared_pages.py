"""Shared copies under load: gzip, the signed-in programme's shared body, nobody's page to another.

The anonymous copy of a page (forum/web/public_cache.py) and the programme's body shared by
signed-in readers (forum/web/fragment_cache.py) must be exactly what a fresh render gives,
and never carry one person's name, links or tokens to another.
"""

import gzip
from datetime import time

import pytest
from redis import Redis

from forum.events.models import LinkAudience
from forum.extensions import db as _db
from forum.registration.models import RegistrationStatus
from forum.web.fragment_cache import KEY_PREFIX as FRAGMENTS
from forum.web.public_cache import KEY_PREFIX as PAGES
from tests.factories import PASSWORD

PROGRAMME = "/events/hih-2023/programme"
ROOM_URL = "https://meet.example.org/plenary-room"


@pytest.fixture
def programme_event(create_event, create_session):
    event = create_event()
    create_session(event, title="Opening plenary")
    room = create_session(event, title="Investors' round table", start=time(11), end=time(12))
    room.stream_url = ROOM_URL
    room.link_audience = LinkAudience.PARTICIPANTS
    _db.session.commit()
    return event


def _signed_in(app, login_as):
    """A client of its own, signed in as `login_as` (a user)."""
    client = app.test_client()
    answer = client.post("/login", data={"email": login_as.email, "password": PASSWORD})
    assert answer.status_code == 302
    return client


def _main(page: str) -> str:
    """The programme's body, as a shared copy holds it (the header and the messages flashed
    to the reader are each reader's own)."""
    return page.split('<nav aria-label="breadcrumb">', 1)[1].split("</main>", 1)[0]


def test_gzip_round_trip_gives_the_same_page_with_its_own_etag(client, programme_event, redis_url):
    plain = client.get(PROGRAMME)
    zipped = client.get(PROGRAMME, headers={"Accept-Encoding": "gzip"})
    again = client.get(PROGRAMME, headers={"Accept-Encoding": "gzip"})  # from Redis this time

    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == again.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.get_data()) == plain.get_data()
    assert gzip.decompress(again.get_data()) == plain.get_data()
    assert len(zipped.get_data()) < len(plain.get_data())
    assert zipped.headers["ETag"] == again.headers["ETag"] != plain.headers["ETag"]
    assert "Accept-Encoding" in zipped.headers["Vary"]
    revalidated = client.get(
        PROGRAMME,
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]},
    )
    assert revalidated.status_code == 304
    assert revalidated.get_data() == b""


def test_the_copy_in_redis_is_byte_for_byte_a_fresh_render(app, client, programme_event, redis_url):
    rendered = client.get(PROGRAMME).get_data()  # rendered, then kept
    kept = app.test_client().get(PROGRAMME).get_data()  # read from Redis
    app.config["REDIS_URL"] = ""
    try:
        fresh = app.test_client().get(PROGRAMME).get_data()  # no cache at all
    finally:
        app.config["REDIS_URL"] = redis_url
    assert rendered == kept == fresh
    assert b"Investors' round table" in fresh or b"Investors&#39; round table" in fresh
    assert len(Redis.from_url(redis_url).keys(PAGES + "*")) == 1


def test_a_signed_in_delegate_never_gets_the_anonymous_copy(
    app, client, programme_event, create_registration, redis_url
):
    client.get(PROGRAMME)  # the anonymous copy is in Redis
    delegate = create_registration(programme_event, "Beatriz Mamani").user
    page = _signed_in(app, delegate).get(PROGRAMME)

    text = page.get_data(as_text=True)
    assert "Beatriz Mamani" in text and 'action="/logout"' in text
    assert ROOM_URL in text  # an approved delegate's body has the room's link
    assert page.headers.get("Cache-Control") == "private, no-store"
    assert "ETag" not in page.headers


def test_no_delegate_ever_gets_another_ones_page(
    app, programme_event, create_registration, redis_url
):
    approved = create_registration(programme_event, "Beatriz Mamani", email="bea@example.org")
    other = create_registration(programme_event, "Carlos Huanca", email="carlos@example.org")
    waiting = create_registration(
        programme_event,
        "Dina Flores",
        email="dina@example.org",
        status=RegistrationStatus.SUBMITTED,
    )
    clients = {r.user.name: _signed_in(app, r.user) for r in (approved, other, waiting)}
    pages = {name: client.get(PROGRAMME).get_data(as_text=True) for name, client in clients.items()}
    again = {name: client.get(PROGRAMME).get_data(as_text=True) for name, client in clients.items()}

    for name, page in (*pages.items(), *again.items()):
        assert name in page
        assert not any(someone in page for someone in clients if someone != name)
    tokens = {name: page.split('name="csrf_token" value="')[1][:40] for name, page in pages.items()}
    assert len(set(tokens.values())) == 3  # each their own token in their own frame
    # the two approved delegates share one body (with the room's link), the one waiting for
    # approval gets the other body (the link withheld), each built once
    assert _main(pages["Beatriz Mamani"]) == _main(pages["Carlos Huanca"])
    assert ROOM_URL in pages["Carlos Huanca"] and ROOM_URL not in pages["Dina Flores"]
    assert "Link for registered participants" in pages["Dina Flores"]
    assert len(Redis.from_url(redis_url).keys(FRAGMENTS + "*")) == 2
    assert all(_main(again[name]) == _main(pages[name]) for name in pages)  # from Redis


def test_a_programme_change_shows_at_once_to_signed_in_readers(
    app, programme_event, create_registration, redis_url
):
    delegate = _signed_in(app, create_registration(programme_event, "Beatriz Mamani").user)
    assert "Opening plenary" in delegate.get(PROGRAMME).get_data(as_text=True)

    programme_event.sessions[0].title = "Closing plenary"
    _db.session.commit()

    page = delegate.get(PROGRAMME).get_data(as_text=True)
    assert "Closing plenary" in page and "Opening plenary" not in page


def test_the_shared_body_is_the_body_of_a_fresh_render(
    app, programme_event, create_registration, redis_url
):
    delegate = _signed_in(app, create_registration(programme_event, "Beatriz Mamani").user)
    delegate.get(PROGRAMME)  # the body is kept
    kept = _main(delegate.get(PROGRAMME).get_data(as_text=True))
    app.config["REDIS_URL"] = ""
    try:
        fresh = _main(delegate.get(PROGRAMME).get_data(as_text=True))
    finally:
        app.config["REDIS_URL"] = redis_url
    assert kept == fresh
    assert "Opening plenary" in kept


def test_readers_in_other_zones_and_languages_get_their_own_body(
    app, programme_event, create_registration, redis_url
):
    rome = _signed_in(app, create_registration(programme_event, "Beatriz Mamani").user)
    lima_user = create_registration(programme_event, "Carlos Huanca", email="c@example.org").user
    lima_user.timezone = "America/Lima"
    _db.session.commit()
    lima = _signed_in(app, lima_user)

    rome_page = rome.get(PROGRAMME).get_data(as_text=True)
    lima_page = lima.get(PROGRAMME).get_data(as_text=True)
    assert "Lima" in _main(lima_page) and "Lima" not in _main(rome_page)


def test_the_programme_calendar_is_one_file_for_signed_in_readers_too(
    app, client, programme_event, create_registration, redis_url
):
    anonymous = client.get("/events/hih-2023/programme.ics")
    delegate = create_registration(programme_event, "Beatriz Mamani").user
    signed_in = _signed_in(app, delegate).get("/events/hih-2023/programme.ics")

    assert signed_in.status_code == anonymous.status_code == 200
    assert signed_in.get_data() == anonymous.get_data()  # the copy in Redis, for both
    assert signed_in.headers["ETag"] == anonymous.headers["ETag"]
    calendar = signed_in.get_data(as_text=True)
    assert "Opening plenary" in calendar
    assert "Beatriz" not in calendar and ROOM_URL not in calendar  # nobody's, no room
    assert signed_in.headers["Cache-Control"] == "public, max-age=300"
