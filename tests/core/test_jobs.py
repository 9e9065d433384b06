import sys
import types

import pytest

from forum.core import jobs


def double(n: int) -> int:
    return 2 * n


def test_run_job_without_a_queue_runs_in_process(app):
    with app.app_context():
        assert not jobs.queued()
        assert jobs.run_job(double, 21) == 42


@pytest.fixture
def fake_rq(monkeypatch):
    """Stand-ins for redis and rq that record what would be enqueued."""
    enqueued = []

    class Queue:
        def __init__(self, name, connection):
            self.name, self.connection = name, connection

        def enqueue(self, func, *args, **kwargs):
            enqueued.append((self.name, func, args, kwargs))
            return types.SimpleNamespace(id="job-1")

    redis = types.ModuleType("redis")
    redis.Redis = types.SimpleNamespace(from_url=lambda url: f"redis at {url}")
    rq = types.ModuleType("rq")
    rq.Queue = Queue
    monkeypatch.setitem(sys.modules, "redis", redis)
    monkeypatch.setitem(sys.modules, "rq", rq)
    return enqueued


def test_run_job_with_redis_url_enqueues_on_rq(app, fake_rq, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://localhost:6379/0")
    with app.app_context():
        job = jobs.run_job(double, 21)
    assert job.id == "job-1"
    [(queue, func, args, kwargs)] = fake_rq
    assert (queue, func) == ("forum", jobs.call_in_app)
    assert args == ("tests.core.test_jobs:double", (21,), {})
    assert kwargs["job_timeout"] == jobs.JOB_TIMEOUT


def app_config_name() -> str:
    from flask import current_app

    return current_app.config["TESTING_NAME"]


@pytest.fixture
def one_job_app(app, monkeypatch):
    """jobs.job_app() with no app made yet in this process; creating one gives the test app
    (marked) and is counted."""
    made = []
    monkeypatch.setitem(app.config, "TESTING_NAME", "the job app")
    monkeypatch.setattr(jobs, "_app", None)
    monkeypatch.setattr("forum.create_app", lambda: made.append(app) or app)
    return made


def test_jobs_run_in_the_app_their_process_made_once(one_job_app):
    target = "tests.core.test_jobs:app_config_name"
    assert jobs.call_in_app(target, (), {}) == "the job app"
    assert jobs.call_in_app(target, (), {}) == "the job app"
    assert len(one_job_app) == 1  # not one app per job: ~2 s of CPU each in a fresh horse


def test_a_forked_work_horse_opens_its_own_database_connections(one_job_app, monkeypatch):
    from forum.extensions import db

    app = jobs.job_app()
    with app.app_context():
        engine = db.engine
    disposed = []
    monkeypatch.setattr(engine, "dispose", lambda close=True: disposed.append(close))
    assert jobs.job_app() is app and disposed == []  # the same process: nothing to do
    monkeypatch.setattr(jobs, "_app_pid", jobs._app_pid - 1)  # as seen from a fork
    assert jobs.job_app() is app
    # the parent's pooled connections are left to the parent (close=False), not shared
    assert disposed == [False] and jobs._app_pid == __import__("os").getpid()
    assert len(one_job_app) == 1


def test_the_worker_makes_the_app_once_and_its_forked_horses_run_jobs_in_it(
    one_job_app, redis_server
):
    from redis import Redis
    from rq import Queue

    from forum.core.job_worker import AppWorker

    connection = Redis.from_url(redis_server)
    connection.flushdb()
    worker = AppWorker([jobs.QUEUE_NAME], connection=connection)
    assert len(one_job_app) == 1 and jobs._app is one_job_app[0]  # before any job
    queue = Queue(jobs.QUEUE_NAME, connection=connection)
    queued = [
        queue.enqueue(jobs.call_in_app, "tests.core.test_jobs:app_config_name", (), {})
        for _ in range(2)
    ]
    assert worker.work(burst=True)
    # each job ran in its own forked horse, in the app the worker had made
    assert [job.latest_result().return_value for job in queued] == ["the job app"] * 2
    assert len(one_job_app) == 1
