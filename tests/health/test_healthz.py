"""/healthz: database, Redis and workers in JSON; 503 when serving cannot work."""

import pytest

from config import TestingConfig
from forum import create_app
from tests.query_count import count_statements


def test_healthz_without_redis_reports_database_ok_and_sets_no_cookie(client, db):
    with count_statements(db) as counted:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "database": "ok",
        "redis": "not configured",
        "worker": "none",
        "version": "dev",
        "status": "ok",
    }
    assert counted.total == 1  # SELECT 1, nothing written
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_with_redis_counts_the_workers_of_the_forum_queue(client, redis_url):
    from redis import Redis
    from rq import Queue, Worker

    assert client.get("/healthz").get_json()["worker"] == "none"
    connection = Redis.from_url(redis_url)
    worker = Worker([Queue("forum", connection=connection)], connection=connection)
    worker.register_birth()
    try:
        body = client.get("/healthz").get_json()
    finally:
        worker.register_death()
    assert (body["redis"], body["worker"], body["status"]) == ("ok", "ok (1)", "ok")


def test_healthz_answers_503_when_redis_is_configured_but_down(app, client):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        app.config["REDIS_URL"] = ""
    assert response.status_code == 503
    assert response.get_json()["database"] == "ok"
    assert response.get_json()["redis"] == "error"


class DatabaseDown(TestingConfig):
    SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://postgres@127.0.0.1:1/foro?connect_timeout=2"


@pytest.fixture
def app_without_database():
    app = create_app(DatabaseDown)
    yield app
    with app.app_context():
        from forum.extensions import db

        db.engine.dispose()


def test_healthz_answers_503_when_the_database_is_down(app_without_database):
    response = app_without_database.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "error"
    assert response.get_json()["status"] == "error"
