"""Fixtures: one app per run, a clean database per test, the factories of tests/factories.

The same suite runs on SQLite (default) and PostgreSQL (TEST_DATABASE_URL=postgresql://...).
"""

import contextvars
import os
import re
import tempfile

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine
from werkzeug import security

from config import TestingConfig
from forum import create_app
from forum.extensions import db as _db
from forum.extensions import limiter
from tests import factories
from tests.factories import PASSWORD
from tests.factories.accounts import password_hash
from tests.translations import ensure_compiled

# Password hashing at production cost (scrypt, N=2**15: 0.1 to 0.6 s a hash here) was a third
# of the suite's time: every login checks one. Tests hash with scrypt at N=2**8: the same
# code paths, method and format (`scrypt:256:8:1$salt$hash`), a hundred times cheaper. Every
# hash made in the run comes from generate_password_hash's default, the factories' and the
# app's alike, so they all agree. Tests whose assertion is about the hash's real cost (timing
# of known and unknown addresses) ask for the `production_password_cost` fixture.
# (N=2**8: werkzeug's memory bound for scrypt refuses N below 2**7.)
TEST_PASSWORD_METHOD = "scrypt:256:8:1"
_PRODUCTION_HASH_DEFAULTS = security.generate_password_hash.__defaults__


def _hash_with(defaults: tuple) -> None:
    from forum.accounts import services as accounts

    security.generate_password_hash.__defaults__ = defaults
    password_hash.cache_clear()  # both caches hold a hash made with the previous cost
    accounts._stand_in_hash.cache_clear()


_hash_with((TEST_PASSWORD_METHOD, *_PRODUCTION_HASH_DEFAULTS[1:]))


@pytest.fixture
def production_password_cost():
    _hash_with(_PRODUCTION_HASH_DEFAULTS)
    yield
    _hash_with((TEST_PASSWORD_METHOD, *_PRODUCTION_HASH_DEFAULTS[1:]))


def _database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url:
        return url
    return f"sqlite:///{tempfile.mkdtemp(prefix='foro-test-')}/test.sqlite3"


@sa.event.listens_for(Engine, "connect")
def _sqlite_without_fsync(dbapi_connection, _record):
    """The throwaway test database need not survive a power cut: with SQLite's default
    synchronous=FULL every commit waited for the disk (26 ms each on a busy machine, a third
    of the SQLite run). Transactions, locking and the rollback journal are unchanged."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()


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
        # buffered: a streamed body is read inside the request's own context, as a WSGI
        # server reads it, not later in the test's.
        kwargs.setdefault("buffered", True)
        response = contextvars.Context().run(super().open, *args, **kwargs)
        _db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def app():
    ensure_compiled()
    app = create_app(Config)
    app.test_client_class = IsolatedClient
    # Uploads and printed documents go to a folder of this run, not the checkout's instance/:
    # the SQLite and PostgreSQL runs may run at the same time.
    app.instance_path = tempfile.mkdtemp(prefix="foro-test-instance-")
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


# Every test starts on empty tables with their ids back at 1. Wiping all ~60 tables twice a
# test was most of a PostgreSQL test's time (TRUNCATE ... CASCADE of a table as central as
# events reaches nearly every other table; it makes new files for each, 0.1 to 1 s), so only
# the tables written since the last wipe are emptied, with DELETE (children first) and their
# id sequences restarted, as TRUNCATE ... RESTART IDENTITY did. Every INSERT that goes through
# any SQLAlchemy engine of the process (the test's session, requests, the CLI runner, threads,
# the browser tests' live server) names its table here, even if it fails or is rolled back (a
# failed insert still takes a number from a PostgreSQL sequence). As a safety net, after each
# test one query finds any other table holding rows (written behind SQLAlchemy's back) and
# empties it too.
_INSERT_INTO = re.compile(r'\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+"?(\w+)', re.IGNORECASE)
_written: set[str] = set()


@sa.event.listens_for(Engine, "before_cursor_execute")
def _note_written_tables(_conn, _cursor, statement, _parameters, _context, _executemany):
    if "INSERT" in statement or "insert" in statement:
        _written.update(_INSERT_INTO.findall(statement))


def _quoted(name: str) -> str:
    return _db.engine.dialect.identifier_preparer.quote(name)


def _tables_with_rows(skip: set[str]) -> set[str]:
    names = [t.name for t in _db.metadata.sorted_tables if t.name not in skip]
    if not names:
        return set()
    query = " UNION ALL ".join(
        f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM {_quoted(name)})" for name in names
    )
    found = {row[0] for row in _db.session.execute(sa.text(query))}
    _db.session.rollback()
    return found


_sequences: dict[str, list[str]] = {}  # PostgreSQL: table -> the sequences its columns own


def _owned_sequences() -> dict[str, list[str]]:
    if not _sequences:
        rows = _db.session.execute(
            sa.text(
                "SELECT t.relname, quote_ident(n.nspname) || '.' || quote_ident(s.relname) "
                "FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace "
                "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
                "JOIN pg_class t ON t.oid = d.refobjid AND d.refclassid = 'pg_class'::regclass "
                "WHERE s.relkind = 'S' AND d.deptype IN ('a', 'i') "
                "AND n.nspname = current_schema()"
            )
        )
        for table, sequence in rows:
            _sequences.setdefault(table, []).append(sequence)
        _sequences.setdefault("", [])  # looked up, even if no table owns a sequence
    return _sequences


def _wipe(check_all: bool = False) -> None:
    dirty = _written & {t.name for t in _db.metadata.sorted_tables}
    if check_all:
        dirty |= _tables_with_rows(skip=dirty)
    if not dirty:
        return
    for table in reversed(_db.metadata.sorted_tables):
        if table.name in dirty:
            _db.session.execute(table.delete())
    if _db.engine.dialect.name == "postgresql":
        sequences = _owned_sequences()
        for name in dirty:
            for sequence in sequences.get(name, []):
                _db.session.execute(sa.text(f"ALTER SEQUENCE {sequence} RESTART"))
    _db.session.commit()
    _written.clear()


@pytest.fixture
def db(app):
    with app.app_context():
        _wipe()  # what a test without this fixture may have written
        yield _db
        _db.session.rollback()
        _wipe(check_all=True)
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


@pytest.fixture(scope="session")
def redis_server():
    """A throwaway redis-server on a free port for this run (its URL); skipped where Redis is
    not installed (`make test` installs it)."""
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    from redis import Redis

    connection = Redis.from_url(url)
    for _attempt in range(100):
        try:
            connection.ping()
            break
        except Exception:
            time.sleep(0.05)
    yield url
    connection.close()
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_url(app, redis_server):
    """REDIS_URL set on the app for one test, on an emptied Redis."""
    from redis import Redis

    Redis.from_url(redis_server).flushdb()
    app.config["REDIS_URL"] = redis_server
    yield redis_server
    app.config["REDIS_URL"] = ""
