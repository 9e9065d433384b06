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
