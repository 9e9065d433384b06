"""Fixtures: one app per run, a clean database per test, the factories of tests/factories.

The same suite runs on SQLite (default) and PostgreSQL (TEST_DATABASE_URL=postgresql://...).
"""

import contextvars
import os
import tempfile

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient

from config import TestingConfig
from forum import create_app
from forum.extensions import db as _db
from forum.extensions import limiter
from tests import factories
from tests.factories import PASSWORD
from tests.translations import ensure_compiled


def _database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url:
        return url
    return f"sqlite:///{tempfile.mkdtemp(prefix='foro-test-')}/test.sqlite3"


class Config(TestingConfig):
    SQLALCHEMY_DATABASE_URI = _database_url()


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: its own `g` and DB session.

    Without this the request would reuse the test's app context, sharing the SQLAlchemy
    session and Flask-Login's cached user, and hide bugs. What the test set up before is
    committed first, as an earlier request would have; the test's session is expired
    afterwards so that it sees what the request committed.
    """

    def open(self, *args, **kwargs):
        if not has_app_context():  # a redirect followed inside the isolated request
            return super().open(*args, **kwargs)
        _db.session.commit()
        response = contextvars.Context().run(super().open, *args, **kwargs)
        _db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def app():
    ensure_compiled()
    app = create_app(Config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def _wipe() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    if _db.engine.dialect.name == "postgresql":
        names = ", ".join(t.name for t in tables)
        _db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            _db.session.execute(table.delete())
    _db.session.commit()


@pytest.fixture
def db(app):
    with app.app_context():
        _wipe()
        yield _db
        _db.session.rollback()
        _wipe()
        _db.session.remove()


@pytest.fixture
def client(app, db):
    limiter.reset()  # rate limits are on, as in production; every test starts afresh
    return app.test_client()


@pytest.fixture
def csrf_enabled(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def during_registration(monkeypatch):
    """The registration window's clock set before the factory event (16-20 October 2023):
    registration closes by itself once an event has ended (forum/events/registration_window)."""
    from datetime import UTC, datetime

    from forum.events import registration_window

    monkeypatch.setattr(
        registration_window, "utcnow", lambda: datetime(2023, 10, 1, 12, tzinfo=UTC)
    )


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


# The factories are plain functions in tests/factories/; these fixtures hand them to tests
# and make sure the database (app context, clean tables) is there first.


@pytest.fixture
def create_user(db):
    return factories.create_user


@pytest.fixture
def create_event(db):
    return factories.create_event


@pytest.fixture
def create_session(db):
    return factories.create_session


@pytest.fixture
def create_organisation(db):
    return factories.create_organisation


@pytest.fixture
def create_registration(db):
    return factories.create_registration


@pytest.fixture
def login(client):
    def _login(user, password=PASSWORD):
        response = client.post(
            "/login", data={"email": user.email, "password": password}, follow_redirects=True
        )
        assert response.status_code == 200
        return response

    return _login
