"""Long-running work: on an RQ queue when REDIS_URL is set, otherwise right here, synchronously.

With a queue, start a worker beside the web server: `rq worker forum --url $REDIS_URL`.
Each job runs inside a fresh app (config from the environment), so a job function takes
plain arguments (ids, not ORM objects) and returns plain data. A job function is the caller
of the services it uses: it commits its own work (services only flush), as
forum.notifications.delivery and forum.documents.job_runner do.
"""

import threading
from collections.abc import Callable
from importlib import import_module
from typing import Any

from flask import current_app

QUEUE_NAME = "forum"
JOB_TIMEOUT = 30 * 60  # seconds
RESULT_TTL = 24 * 3600  # seconds a finished job's result is kept


def queued() -> bool:
    """Whether work goes to a job queue (REDIS_URL is set)."""
    return bool(current_app.config.get("REDIS_URL"))


def _queue():
    from redis import Redis  # lazily: only deployments with a queue install rq and redis
    from rq import Queue

    return Queue(QUEUE_NAME, connection=Redis.from_url(current_app.config["REDIS_URL"]))


def run_job(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Enqueue func(*args, **kwargs) and return the RQ job, or, without a queue, its result."""
    if not queued():
        return func(*args, **kwargs)
    target = f"{func.__module__}:{func.__qualname__}"
    return _queue().enqueue(
        call_in_app, target, args, kwargs, job_timeout=JOB_TIMEOUT, result_ttl=RESULT_TTL
    )


def start_soon(func: Callable[[int], Any], job_id: int, name: str) -> threading.Thread | None:
    """Run func(job_id) for a committed job row: on RQ, or without a queue in a daemon thread
    of this process named "<name>-<job id>" (returned, so that tests can wait for it). The
    request that asked for it returns at once either way."""
    if queued():
        run_job(func, job_id)
        return None
    app = current_app._get_current_object()

    def work() -> None:
        with app.app_context():
            run_job(func, job_id)

    thread = threading.Thread(target=work, name=f"{name}-{job_id}", daemon=True)
    thread.start()
    return thread


def call_in_app(target: str, args: tuple, kwargs: dict) -> Any:
    """Run 'module:function' inside an application context (what the worker executes)."""
    from forum import create_app

    module_name, _colon, name = target.partition(":")
    func = getattr(import_module(module_name), name)
    with create_app().app_context():
        return func(*args, **kwargs)
