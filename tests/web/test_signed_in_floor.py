"""What every signed-in page pays, cut down, and the pages still showing exactly the same.

- The viewer's registration comes with the event (forum/web/access.visible_event): a
  signed-in event page is three statements (the session with its user, the event with the
  registration, the menu's unread messages) and a COMMIT.
- The frame's fixed parts are built once per language and address (forum/web/frame.py).
- An unchanged session's cookie is signed and sent again only every few minutes
  (forum/web/session_cookie.py).
- A programme body a worker read from Redis is kept by its key (forum/web/fragment_cache.py).
"""

import re

import pytest
import sqlalchemy as sa
from redis import Redis

from forum.events.models import Event, EventStatus, ProgrammeSession
from forum.extensions import db
from forum.messaging.services.conversations import send
from forum.registration.models import RegistrationStatus
from forum.web import frame, session_cookie
from forum.web.fragment_cache import KEY_PREFIX as FRAGMENTS
from tests.factories import PASSWORD
from tests.query_count import count_statements


@pytest.fixture
def world(create_event, create_session, create_registration):
    event = create_event()
    create_session(event, title="Opening plenary")
    ana = create_registration(event, "Ana Quispe", locale="es")
    bruno = create_registration(event, "Bruno Díaz", locale="en")
    return event, ana, bruno


def _signed_in(app, user):
    client = app.test_client()
    answer = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert answer.status_code == 302
    return client


def _session_cookie(response) -> str | None:
    return next(
        (h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")), None
    )


def _tables(counted) -> list[str]:
    return [re.search(r"\bFROM (\w+)", s).group(1) for s in counted.statements]


def test_a_signed_in_programme_costs_three_statements(app, db, world, redis_url):
    event, ana, _bruno = world
    client = _signed_in(app, ana.user)
    address = f"/events/{event.slug}/programme"
    client.get(address)  # its body is now shared (Redis)
    with count_statements(db) as counted:
        answer = client.get(address)
    text = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert _tables(counted) == [
        "user_sessions",  # the session, its user and their team roles
        "events",  # the event, with the viewer's registration joined
        "registrations",  # the menu's unread messages
    ]
    assert "Ana Quispe" in text and "Opening plenary" in text
    # the delegate's own links, from the registration that came with the event
    assert f'href="/events/{event.slug}/meetings"' in text
    assert f'id="messages-link" href="/events/{event.slug}/messages/"' in text


def test_the_event_page_asks_for_the_registration_once(app, db, world):
    event, ana, _bruno = world
    client = _signed_in(app, ana.user)
    address = f"/events/{event.slug}/"
    client.get(address)
    with count_statements(db) as counted:
        text = client.get(address).get_data(as_text=True)
    tables = _tables(counted)
    assert tables[:2] == ["user_sessions", "events"]
    assert tables.count("registrations") == 1  # the unread messages; none for the viewer's
    assert f'href="/events/{event.slug}/meetings"' in text  # an approved delegate's links


def test_a_viewer_without_registration_still_gets_none(app, world, create_user):
    event, _ana, _bruno = world
    stranger = create_user(name="Carla Rojas")
    text = _signed_in(app, stranger).get(f"/events/{event.slug}/").get_data(as_text=True)
    assert "Carla Rojas" in text
    assert f"/events/{event.slug}/meetings" not in text and "messages-link" not in text


def test_a_draft_stays_hidden_from_a_registered_delegate(app, world):
    event, ana, _bruno = world
    event.status = EventStatus.DRAFT
    db.session.commit()
    assert _signed_in(app, ana.user).get(f"/events/{event.slug}/").status_code == 404


def test_a_new_message_shows_on_the_recipients_next_page(app, world):
    event, ana, bruno = world
    client = _signed_in(app, bruno.user)
    before = client.get(f"/events/{event.slug}/programme").get_data(as_text=True)
    assert "text-bg-danger" not in before

    send(ana, "Hola Bruno", to=bruno)
    db.session.commit()

    after = client.get(f"/events/{event.slug}/programme").get_data(as_text=True)
    assert (
        f'id="messages-link" href="/events/{event.slug}/messages/">Messages '
        '<span class="badge text-bg-danger">1</span>'
    ) in after


def test_the_frame_is_in_each_readers_language(app, world):
    event, ana, bruno = world
    pages = {
        who.user.name: _signed_in(app, who.user).get(f"/events/{event.slug}/").get_data(True)
        for who in (ana, bruno, ana)
    }
    spanish, english = pages["Ana Quispe"], pages["Bruno Díaz"]
    assert ">Cambiar contraseña</a>" in spanish and ">Change password</a>" not in spanish
    assert ">Change password</a>" in english and ">Cambiar contraseña</a>" not in english
    assert '<option value="es" selected lang="es">Español</option>' in spanish
    assert '<option value="en" selected lang="en">English</option>' in english
    assert '<option value="en"  lang="en">English</option>' in spanish


def test_the_frame_follows_the_address_the_app_is_served_under(app, world):
    event, ana, _bruno = world
    client = _signed_in(app, ana.user)
    address = f"/events/{event.slug}/"
    under = client.get(address, environ_overrides={"SCRIPT_NAME": "/foro"}).get_data(True)
    plain = client.get(address).get_data(as_text=True)
    assert 'href="/foro/static/forum.css"' in under
    assert f'href="/foro/events/{event.slug}/meetings"' in under
    assert 'src="/foro/static/js/offline.js"' in under
    assert 'href="/static/forum.css"' in plain and "/foro/" not in plain
    assert f'href="/events/{event.slug}/meetings"' in plain


def test_the_kept_frame_is_what_a_fresh_render_gives(app, world):
    event, ana, _bruno = world
    client = _signed_in(app, ana.user)
    address = f"/events/{event.slug}/programme"
    client.get(address)  # the welcome flashed after login
    kept = client.get(address).get_data(as_text=True)
    app.extensions[frame.PARTS].clear()
    app.extensions[frame.URLS].clear()
    fresh = client.get(address).get_data(as_text=True)
    assert _tokens_masked(kept) == _tokens_masked(fresh)


def _tokens_masked(page: str) -> str:
    """The page with its CSRF tokens blanked: signed with the time, to the second."""
    return re.sub(r'(name="csrf_token" value="|data-csrf=")[^"]+', r"\1", page)


def test_an_unchanged_session_cookie_is_sent_again_only_every_few_minutes(app, world, monkeypatch):
    event, ana, _bruno = world
    client = app.test_client()
    login = client.post("/login", data={"email": ana.user.email, "password": PASSWORD})
    assert "Expires=" in _session_cookie(login)  # a changed session: sent at once
    welcome = client.get(f"/events/{event.slug}/")
    assert _session_cookie(welcome) is not None  # the flashed welcome taken out: changed
    page = client.get(f"/events/{event.slug}/")
    assert page.status_code == 200 and _session_cookie(page) is None
    assert page.headers["Cache-Control"] == "private, no-store"

    monkeypatch.setattr(session_cookie, "REFRESH_EVERY", 0)  # the copy signed long enough ago
    again = client.get(f"/events/{event.slug}/")
    assert "Expires=" in _session_cookie(again)
    assert "Ana Quispe" in again.get_data(as_text=True)

    logout = client.post("/logout")
    assert logout.status_code == 302 and _session_cookie(logout) is not None
    assert "Ana Quispe" not in client.get(f"/events/{event.slug}/").get_data(as_text=True)


def test_a_programme_changed_by_another_worker_is_never_served_from_this_ones_copy(
    app, world, redis_url
):
    event, ana, _bruno = world
    client = _signed_in(app, ana.user)
    address = f"/events/{event.slug}/programme"
    assert "Opening plenary" in client.get(address).get_data(as_text=True)
    assert "Opening plenary" in client.get(address).get_data(as_text=True)  # the worker's copy

    # what another worker's change leaves: new rows and a new version, and nothing cleared here
    db.session.execute(
        sa.update(ProgrammeSession)
        .where(ProgrammeSession.event_id == event.id)
        .values(title="Closing plenary")
    )
    db.session.execute(
        sa.update(Event.__table__)
        .where(Event.__table__.c.id == event.id)
        .values(public_version=Event.__table__.c.public_version + 1)
    )
    db.session.commit()

    page = client.get(address).get_data(as_text=True)
    assert "Closing plenary" in page and "Opening plenary" not in page
    assert len(Redis.from_url(redis_url).keys(FRAGMENTS + "*")) == 2


def test_a_pending_registration_gets_no_delegate_links(app, world, create_registration):
    event, _ana, _bruno = world
    waiting = create_registration(event, "Dina Flores", status=RegistrationStatus.SUBMITTED)
    text = _signed_in(app, waiting.user).get(f"/events/{event.slug}/").get_data(True)
    assert "Dina Flores" in text and f"/events/{event.slug}/meetings" not in text


def _size(page: str) -> str:
    return page.split('id="programme-size">', 1)[1].split("</p>", 1)[0]


def test_the_event_pages_counts_follow_every_change_at_once(app, world, create_session):
    """The count of sessions and days, and whether projects are shown, are kept by the
    worker per event version (fragment_cache.per_version): a change is a new version."""
    event, ana, _bruno = world
    client = _signed_in(app, ana.user)
    address = f"/events/{event.slug}/"
    client.get(address)  # the welcome flashed after login
    assert _size(client.get(address).get_data(as_text=True)) == "1 sesión en 1 día"

    create_session(event, title="Second day plenary", day=1)  # this worker's own change
    assert _size(client.get(address).get_data(as_text=True)) == "2 sesiones en 2 días"

    # another worker's change: new rows and a new version, nothing cleared in this one
    db.session.execute(sa.delete(ProgrammeSession).where(ProgrammeSession.event_id == event.id))
    db.session.execute(
        sa.update(Event.__table__)
        .where(Event.__table__.c.id == event.id)
        .values(public_version=Event.__table__.c.public_version + 1)
    )
    db.session.commit()
    assert _size(client.get(address).get_data(as_text=True)) == "0 sesiones en 0 días"
