"""Fixtures: one app per run, a clean database per test, callable factories.

The same suite runs on SQLite (default) and PostgreSQL (TEST_DATABASE_URL=postgresql://...).
"""

import contextvars
import functools
import os
import tempfile
from datetime import date, time

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient

from config import TestingConfig
from forum import create_app
from forum.accounts.models import User
from forum.events.models import Event, EventFormat, EventRole, EventStatus
from forum.events.services.programme import SessionInput, save_session
from forum.extensions import db as _db
from forum.extensions import limiter
from forum.registration.models import (
    Organisation,
    OrganisationType,
    Registration,
    RegistrationStatus,
)
from tests.translations import ensure_compiled

PASSWORD = "correct horse battery"


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
def runner(app, db):
    return app.test_cli_runner()


@functools.cache
def _password_hash() -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash(PASSWORD)


@pytest.fixture
def create_user(db):
    def _create(email="delegate@example.org", name="Ana Quispe", admin=False, locale="en"):
        user = User(email=email, name=name, is_admin=admin, locale=locale)
        user.password_hash = _password_hash()  # hashing once per run keeps factories fast
        db.session.add(user)
        db.session.commit()
        return user

    return _create


@pytest.fixture
def create_event(db):
    def _create(organizers=(), **overrides):
        fields = dict(
            slug="hih-2023",
            name="Hand-in-Hand Investment Forum 2023",
            series="Hand-in-Hand Investment Forum",
            city="Rome",
            country="IT",
            venue="FAO headquarters",
            timezone="Europe/Rome",
            start_date=date(2023, 10, 16),
            end_date=date(2023, 10, 20),
            format=EventFormat.HYBRID,
            status=EventStatus.PUBLISHED,
            language_codes="en,es",
        )
        fields.update(overrides)
        event = Event(**fields)
        db.session.add(event)
        for user in organizers:
            db.session.add(EventRole(event=event, user=user))
        db.session.commit()
        return event

    return _create


@pytest.fixture
def create_session(db):
    def _create(event, title="Opening plenary", day=None, start=time(9), end=time(10), **kw):
        data = SessionInput(title=title, day=day or event.start_date, start=start, end=end, **kw)
        session = save_session(event, data)
        db.session.commit()  # a factory commits, like the others (services only flush)
        return session

    return _create


@pytest.fixture
def login(client):
    def _login(user, password=PASSWORD):
        response = client.post(
            "/login", data={"email": user.email, "password": password}, follow_redirects=True
        )
        assert response.status_code == 200
        return response

    return _login


@pytest.fixture
def create_organisation(db):
    def _create(name="Cooperativa Agraria Cafetalera San Ignacio", **kw):
        fields = dict(type=OrganisationType.PRODUCER_ORGANISATION, country="PE", region="Cajamarca")
        fields.update(kw)
        organisation = Organisation(name=name, **fields)
        db.session.add(organisation)
        db.session.commit()
        return organisation

    return _create


@pytest.fixture
def create_registration(db, create_user, create_organisation):
    """A delegate of an event (approved unless told otherwise), with a user and organisation."""
    counter = iter(range(1, 10_000))

    def _create(event, user=None, status=RegistrationStatus.APPROVED, organisation=None, **kw):
        n = next(counter)
        user = user or create_user(email=f"delegate{n}@example.org", name=f"Delegate {n}")
        if organisation is None:
            organisation = db.session.scalar(
                sa.select(Organisation).where(Organisation.name == "Cooperativa demo")
            ) or create_organisation(name="Cooperativa demo")
        registration = Registration(
            event=event, user=user, organisation=organisation, status=status, **kw
        )
        db.session.add(registration)
        db.session.commit()
        return registration

    return _create
