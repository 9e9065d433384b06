"""Personal agenda PDFs kept in Redis by the hash of their HTML (forum/core/pdf_cache.py)."""

import io

import pytest
from pypdf import PdfReader
from redis import Redis

from forum.core import pdf_cache
from forum.extensions import db
from tests.factories import build_forum

AGENDA = "/events/hih-2023/me/agenda.pdf"


@pytest.fixture
def forum(create_event):
    return build_forum(create_event())


@pytest.fixture
def renders(monkeypatch):
    """How many times WeasyPrint really ran."""
    done = []
    real = pdf_cache.render_pdf

    def counted(html, base_url=None):
        done.append(1)
        return real(html, base_url)

    monkeypatch.setattr(pdf_cache, "render_pdf", counted)
    return done


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _signed_in(app, registration):
    from tests.factories import PASSWORD

    client = app.test_client()
    answer = client.post("/login", data={"email": registration.user.email, "password": PASSWORD})
    assert answer.status_code == 302
    return client


def test_the_same_agenda_is_printed_once(app, forum, redis_url, renders):
    carla = _signed_in(app, forum.carla)
    first = carla.get(AGENDA)
    second = carla.get(AGENDA)

    assert first.status_code == second.status_code == 200
    assert first.get_data() == second.get_data()
    assert len(renders) == 1
    assert second.headers["Cache-Control"] == "private, no-store"
    assert len(Redis.from_url(redis_url).keys(pdf_cache.KEY_PREFIX + "*")) == 1


def test_a_moved_meeting_prints_a_new_agenda(app, forum, redis_url, renders):
    carla = _signed_in(app, forum.carla)
    before = _text(carla.get(AGENDA).get_data())
    assert "10:00 AM – 10:20 AM MEETING B2B Ana Ñahui Quispe" in before

    meeting = forum.meetings["carla"]
    meeting.slot = forum.meetings["draft"].slot  # 11:15, as the organizer's grid moves it
    db.session.commit()
    after = _text(carla.get(AGENDA).get_data())

    assert "11:15 AM – 11:35 AM MEETING B2B Ana Ñahui Quispe" in after
    assert "10:00 AM" not in after
    assert "10:25 AM – 10:45 AM MEETING B2B Bruno Ferrari" in after  # the other one stays
    assert len(renders) == 2
    assert len(Redis.from_url(redis_url).keys(pdf_cache.KEY_PREFIX + "*")) == 2


def test_each_delegate_gets_their_own_agenda_from_the_cache(app, forum, redis_url, renders):
    carla = _text(_signed_in(app, forum.carla).get(AGENDA).get_data())
    ana_client = _signed_in(app, forum.ana)
    ana = _text(ana_client.get(AGENDA).get_data())
    ana_again = _text(ana_client.get(AGENDA).get_data())

    assert "Personal agenda Carla Gutiérrez" in carla and "Ana Ñahui Quispe" in carla
    assert "Personal agenda Ana Ñahui Quispe" in ana and "Carla Gutiérrez" in ana
    assert "Personal agenda Carla" not in ana and "Personal agenda Ana" not in carla
    assert "Taller de catación de café" in ana and "Taller de catación de café" not in carla
    assert ana_again == ana
    assert len(renders) == 2


def test_without_redis_every_request_prints(client, login, forum, renders):
    login(forum.carla.user)
    assert client.get(AGENDA).status_code == client.get(AGENDA).status_code == 200
    assert len(renders) == 2
