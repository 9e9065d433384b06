"""Serving for real: no start on a public SECRET_KEY; a 503 page when the database is away."""

import pytest
from sqlalchemy.exc import OperationalError

from config import DEVELOPMENT_SECRET_KEY, Config, TestingConfig
from forum import InsecureSecretKey, create_app

REAL_KEY = "k" * 40


def _config(**settings) -> type:
    base = {"SQLALCHEMY_DATABASE_URI": "sqlite://", "FORO_ENV": "production"}
    return type("Production", (Config,), {**base, **settings})


@pytest.mark.parametrize(
    "key", [DEVELOPMENT_SECRET_KEY, "", "short-but-not-default", "x" * 31], ids=repr
)
def test_production_refuses_a_missing_public_or_short_secret_key(key):
    with pytest.raises(InsecureSecretKey, match="SECRET_KEY"):
        create_app(_config(SECRET_KEY=key))


def test_production_starts_with_a_real_secret_key():
    app = create_app(_config(SECRET_KEY=REAL_KEY))
    assert app.secret_key == REAL_KEY


def test_development_and_tests_accept_the_development_key():
    assert create_app(_config(SECRET_KEY=DEVELOPMENT_SECRET_KEY, FORO_ENV="development"))
    assert create_app(type("T", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": "sqlite://"}))


def test_the_environment_decides_the_key(monkeypatch):
    import importlib

    import config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("FORO_ENV", "production")
    try:
        reloaded = importlib.reload(config)
        assert reloaded.Config.SECRET_KEY == DEVELOPMENT_SECRET_KEY
        with pytest.raises(InsecureSecretKey):
            create_app(type("P", (reloaded.Config,), {"SQLALCHEMY_DATABASE_URI": "sqlite://"}))
    finally:
        monkeypatch.undo()
        importlib.reload(config)


class DatabaseDown(TestingConfig):
    SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://postgres@127.0.0.1:1/foro?connect_timeout=2"


@pytest.fixture
def app_without_database():
    app = create_app(DatabaseDown)
    yield app
    with app.app_context():
        from forum.extensions import db

        db.engine.dispose()


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Foro is briefly unavailable"), ("es", "Foro no está disponible por un momento")],
)
def test_an_unreachable_database_gives_a_503_page_in_the_viewers_language(
    app_without_database, language, title
):
    client = app_without_database.test_client()
    response = client.get("/", headers={"Accept-Language": language})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert f'<h1 class="h3">{title}</h1>' in page
    assert f'<html lang="{language}">' in page


def test_a_database_lost_in_the_middle_of_a_page_gives_a_503(client, monkeypatch):
    from forum.events.views import public

    def lost(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, ConnectionError("server closed the connection"))

    monkeypatch.setattr(public.db.session, "scalars", lost)
    response = client.get("/")
    assert response.status_code == 503
    assert "Please try again in a minute." in response.get_data(as_text=True)


def test_other_database_errors_are_no_503(client, monkeypatch):
    from forum.events.views import public

    class SerializationFailure(Exception):
        sqlstate = "40001"

    def conflict(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, SerializationFailure("could not serialize"))

    monkeypatch.setattr(public.db.session, "scalars", conflict)
    client.application.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = client.get("/")
    finally:
        client.application.config["PROPAGATE_EXCEPTIONS"] = None
    assert response.status_code == 500


def test_a_database_lost_at_the_commit_gives_a_503_not_a_conflict(client, monkeypatch):
    from flask import has_request_context

    from forum.web import transaction

    commit = transaction.db.session.commit

    def lost():
        if not has_request_context():  # the test client's own commit before the request
            return commit()
        raise OperationalError("COMMIT", {}, ConnectionError("server closed the connection"))

    monkeypatch.setattr(transaction.db.session, "commit", lost)
    response = client.get("/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "Foro is briefly unavailable" in response.get_data(as_text=True)
