"""Long-running work: on an RQ queue when REDIS_URL is set, otherwise right here, synchronously.

With a queue, start a worker beside the web server:
`rq worker forum --worker-class forum.core.job_worker.AppWorker --url $REDIS_URL`. Each job runs in
a work horse forked from the worker, inside the app the worker made once at its start (config
from the environment then), so a job function takes plain arguments (ids, not ORM objects)
and returns plain data. A job function is the caller
of the services it uses: it commits its own work (services only flush), as
forum.notifications.delivery and forum.documents.job_runner do.
"""

import os
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
    module_name, _colon, name = target.partition(":")
    func = getattr(import_module(module_name), name)
    with job_app().app_context():
        return func(*args, **kwargs)


_app: Any = None  # the app this process runs jobs in (a work horse: its worker's, by the fork)
_app_pid = 0  # the process whose database connections the app's pool holds


def job_app() -> Any:
    """The app jobs run in, made once per process. A work horse forked from
    forum.core.job_worker.AppWorker finds its worker's app already made: importing Foro and
    creating the app cost each job about 2 s of CPU when every horse did it (a mail is one
    job, and the minute's tick another)."""
    global _app, _app_pid
    if _app is None:
        from forum import create_app

        _app, _app_pid = create_app(), os.getpid()
    elif _app_pid != os.getpid():
        from forum.extensions import db

        # Forked: connections the parent's pool holds are the parent's; this process opens its own.
        with _app.app_context():
            db.engine.dispose(close=False)
        _app_pid = os.getpid()
    return _app
