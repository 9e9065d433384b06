"""Whole answers kept for a second in front of Flask (forum.web.shared_answers): the same
bytes and headers as Flask's own answer, never for someone signed in, never stale in the
worker that made a change."""

import pytest

from forum.extensions import db as _db
from forum.web import public_cache
from forum.web.shared_answers import ANSWERS
from tests.query_count import count_statements

PROGRAMME = "/events/hih-2023/programme"


@pytest.fixture
def programme_event(create_event, create_session, redis_url):
    event = create_event()
    create_session(event, title="Opening plenary")
    return event


@pytest.fixture
def answers(app):
    kept = app.extensions[ANSWERS]
    kept.clear()
    yield kept
    kept.clear()


def _headers(response) -> dict:
    return {name: value for name, value in response.headers.items() if name != "Date"}


def test_the_kept_answer_is_flasks_own_byte_for_byte(app, programme_event, answers):
    asking = {"Accept-Language": "es", "Accept-Encoding": "gzip"}
    first = app.test_client().get(PROGRAMME, headers=asking)
    assert len(answers) == 1  # kept whole, once
    with count_statements(_db) as statements:
        second = app.test_client().get(PROGRAMME, headers=asking)
    assert statements.total == 0
    assert second.status_code == 200
    assert second.get_data() == first.get_data()
    assert _headers(second) == _headers(first)
    assert second.headers["Content-Encoding"] == "gzip"
    assert second.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert second.headers["X-Frame-Options"] == "DENY"
    assert second.headers["Cache-Control"] == "private, no-cache"


def test_a_matching_etag_gets_a_304_from_the_kept_answer(app, programme_event, answers):
    first = app.test_client().get(PROGRAMME)
    again = app.test_client().get(PROGRAMME, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    other = app.test_client().get(PROGRAMME, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200
    assert other.get_data() == first.get_data()


def test_each_way_of_asking_has_its_own_answer(app, programme_event, answers):
    english = app.test_client().get(PROGRAMME, headers={"Accept-Language": "en"})
    spanish = app.test_client().get(PROGRAMME, headers={"Accept-Language": "es"})
    assert '<html lang="en">' in english.get_data(as_text=True)
    assert '<html lang="es">' in spanish.get_data(as_text=True)
    zoned = app.test_client()
    zoned.set_cookie("foro_tz", "America/Lima")
    lima = zoned.get(PROGRAMME, headers={"Accept-Language": "en"})
    assert "Lima" in lima.get_data(as_text=True)
    plain = app.test_client().get(PROGRAMME, headers={"Accept-Language": "en"})
    assert "Lima" not in plain.get_data(as_text=True)
    assert plain.get_data() == english.get_data()
    assert len(answers) == 3


def test_someone_signed_in_never_gets_a_kept_answer(app, client, login, programme_event, answers):
    from tests.factories import create_user

    app.test_client().get(PROGRAMME)
    app.test_client().get(PROGRAMME)
    login(create_user(name="Ana Quispe"))
    page = client.get(PROGRAMME).get_data(as_text=True)
    assert "Ana Quispe" in page
    assert len(answers) == 1  # the anonymous one only


def test_any_other_cookie_or_an_authorization_goes_through_flask(app, programme_event, answers):
    visitor = app.test_client()
    visitor.set_cookie("remember_token", "forged")
    visitor.get(PROGRAMME)
    app.test_client().get(PROGRAMME, headers={"Authorization": "Bearer x"})
    assert answers == {}


def test_a_change_shows_at_once_in_the_worker_that_made_it(app, programme_event, answers):
    app.test_client().get(PROGRAMME)
    programme_event.sessions[0].title = "Closing plenary"
    _db.session.commit()
    assert answers == {}  # the flush hook forgot them
    page = app.test_client().get(PROGRAMME).get_data(as_text=True)
    assert "Closing plenary" in page and "Opening plenary" not in page


def test_an_answer_is_kept_no_longer_than_the_version(app, programme_event, answers, monkeypatch):
    app.test_client().get(PROGRAMME)
    monkeypatch.setattr(public_cache, "VERSION_SECONDS", 0)
    with count_statements(_db) as statements:
        app.test_client().get(PROGRAMME)
    assert statements.total == 1  # through Flask again: the event's public version


def test_nothing_is_kept_without_redis(app, create_event, create_session, answers):
    event = create_event()
    create_session(event, title="Opening plenary")
    app.test_client().get(PROGRAMME)
    app.test_client().get(PROGRAMME)
    assert answers == {}
