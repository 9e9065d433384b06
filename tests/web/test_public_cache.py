"""Public pages for anonymous visitors: ETags, 304s, a copy in Redis, never a stale page."""

import pytest

from forum.events.models import Event, SessionSpeaker
from forum.extensions import db as _db
from forum.web.public_cache import CSRF_PLACEHOLDER, KEY_PREFIX
from tests.query_count import count_statements

PROGRAMME = "/events/hih-2023/programme"


@pytest.fixture
def programme_event(create_event, create_session):
    event = create_event()
    create_session(event, title="Opening plenary")
    return event


@pytest.fixture(params=["without Redis", "with Redis"])
def cache(request, app):
    """Each test twice: ETags only, and ETags with the copy in Redis."""
    if request.param == "with Redis":
        return request.getfixturevalue("redis_url")
    return None


def _version(event_id: int) -> int:
    return _db.session.get(Event, event_id).public_version


def test_etag_is_stable_and_a_matching_one_gets_a_304(client, programme_event, cache):
    first = client.get(PROGRAMME)
    second = client.get(PROGRAMME)
    assert first.status_code == second.status_code == 200
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert "Opening plenary" in first.get_data(as_text=True)

    again = client.get(PROGRAMME, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""


def test_a_programme_edit_changes_the_etag_and_the_page(client, programme_event, cache):
    before = client.get(PROGRAMME)
    session = programme_event.sessions[0]
    session.title = "Closing plenary"  # straight through the ORM: the flush hook still sees it
    _db.session.commit()

    after = client.get(PROGRAMME, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    page = after.get_data(as_text=True)
    assert "Closing plenary" in page and "Opening plenary" not in page


def test_a_new_speaker_shows_at_once(client, programme_event, cache):
    client.get(PROGRAMME)
    session = programme_event.sessions[0]
    _db.session.add(SessionSpeaker(session=session, name="Qu Dongyu", position=0))
    _db.session.commit()
    assert "Qu Dongyu" in client.get(PROGRAMME).get_data(as_text=True)


def test_languages_and_time_zones_are_cached_apart(client, programme_event, cache):
    english = client.get(PROGRAMME, headers={"Accept-Language": "en"})
    spanish = client.get(PROGRAMME, headers={"Accept-Language": "es"})
    assert english.headers["ETag"] != spanish.headers["ETag"]
    assert '<html lang="en">' in english.get_data(as_text=True)
    assert '<html lang="es">' in spanish.get_data(as_text=True)

    client.set_cookie("foro_tz", "America/Lima")
    lima = client.get(PROGRAMME, headers={"Accept-Language": "en"})
    assert lima.headers["ETag"] != english.headers["ETag"]
    assert "Lima" in lima.get_data(as_text=True)
    assert "Lima" not in english.get_data(as_text=True)


def test_every_anonymous_visitor_gets_the_same_bytes_without_a_token(
    app, client, programme_event, cache
):
    first = client.get(PROGRAMME)
    other = app.test_client().get(PROGRAMME)
    assert first.get_data() == other.get_data()
    assert first.headers["ETag"] == other.headers["ETag"]
    page = first.get_data(as_text=True)
    assert "csrf_token" not in page and CSRF_PLACEHOLDER not in page
    assert "Set-Cookie" not in first.headers  # nothing put in a session either


def test_with_redis_a_cached_page_costs_one_query_a_second(
    client, db, programme_event, redis_url, monkeypatch
):
    from redis import Redis

    from forum.web import public_cache

    with count_statements(db) as rendered:
        client.get(PROGRAMME)
    with count_statements(db) as cached:
        response = client.get(PROGRAMME)
    assert rendered.total > 3
    assert cached.total == 0  # the version and the copy read under a second ago
    assert "Opening plenary" in response.get_data(as_text=True)
    monkeypatch.setattr(public_cache, "VERSION_SECONDS", 0)
    with count_statements(db) as a_second_later:
        again = client.get(PROGRAMME)
    assert a_second_later.total == 1  # the event's public version, the copy from Redis
    assert again.get_data() == response.get_data()
    keys = Redis.from_url(redis_url).keys(KEY_PREFIX + "*")
    assert len(keys) == 1
    assert 0 < Redis.from_url(redis_url).ttl(keys[0]) <= 60


def test_signed_in_viewers_never_get_the_shared_copy(client, login, programme_event, cache):
    from tests.factories import create_user

    anonymous = client.get(PROGRAMME)
    login(create_user(name="Ana Quispe"))
    signed_in = client.get(PROGRAMME)
    assert "Ana Quispe" in signed_in.get_data(as_text=True)
    assert signed_in.headers.get("ETag") != anonymous.headers["ETag"]
    assert signed_in.headers.get("Cache-Control") != "private, no-cache"


def test_a_draft_is_not_cached_and_stays_hidden(client, create_event, cache):
    from forum.events.models import EventStatus

    create_event(status=EventStatus.DRAFT)
    response = client.get(PROGRAMME)
    assert response.status_code == 404
    assert "ETag" not in response.headers


def test_unknown_query_arguments_are_not_cached(client, programme_event, redis_url):
    from redis import Redis

    client.get(PROGRAMME + "?anything=1")
    assert Redis.from_url(redis_url).keys(KEY_PREFIX + "*") == []


def test_only_public_changes_bump_the_version(db, programme_event, create_user):
    from tests.factories import create_registration

    before = _version(programme_event.id)
    create_registration(programme_event, user=create_user())
    assert _version(programme_event.id) == before  # delegates registering change no page
    programme_event.venue = "Palazzo"
    db.session.commit()
    assert _version(programme_event.id) == before + 1


def test_programme_ics_and_pdf_are_public_files_with_etags(client, programme_event, cache):
    for path in ("/events/hih-2023/programme.ics", "/events/hih-2023/programme.pdf"):
        first = client.get(path)
        assert first.status_code == 200
        assert first.headers["Cache-Control"] == "public, max-age=300"
        again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304, path


def test_the_language_form_of_a_shared_copy_works_for_each_visitor(
    app, client, programme_event, redis_url, csrf_enabled
):
    app.test_client().get(PROGRAMME)  # someone else's visit fills the copy in Redis
    page = client.get(PROGRAMME).get_data(as_text=True)
    assert 'action="/language"' in page
    switched = client.post("/language", data={"lang": "es", "next": PROGRAMME})
    assert switched.status_code == 302
    assert '<html lang="es">' in client.get(PROGRAMME).get_data(as_text=True)


def test_the_language_form_posted_from_another_site_is_refused(
    client, programme_event, csrf_enabled
):
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        refused = client.post("/language", data={"lang": "es", "next": PROGRAMME}, headers=headers)
        assert refused.status_code == 400
    assert '<html lang="en">' in client.get(PROGRAMME).get_data(as_text=True)


def test_a_signed_in_language_change_still_needs_its_token(
    app, client, login, create_user, programme_event
):
    user = create_user()
    login(user)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        refused = client.post("/language", data={"lang": "es", "next": PROGRAMME})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert refused.status_code == 400
    assert _db.session.get(type(user), user.id).locale != "es"


def test_a_redis_that_does_not_answer_only_costs_the_cache(app, client, programme_event):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get(PROGRAMME)
    finally:
        app.config["REDIS_URL"] = ""
    assert response.status_code == 200
    assert "Opening plenary" in response.get_data(as_text=True)
    assert response.headers["ETag"]
