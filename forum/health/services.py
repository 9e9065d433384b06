"""What /healthz checks: the database answers, Redis answers, RQ workers listen.

Each check is one round trip with a short timeout and writes nothing, so a monitor may ask
every few seconds.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from forum.core.jobs import QUEUE_NAME
from forum.extensions import db

OK = "ok"
ERROR = "error"
NOT_CONFIGURED = "not configured"
NO_WORKER = "none"
REDIS_TIMEOUT = 2  # seconds: a health check that hangs is worse than one that says "error"


@dataclass(frozen=True)
class Health:
    database: str
    redis: str
    worker: str
    version: str

    @property
    def healthy(self) -> bool:
        """Serving works: the database answers, and Redis too when one is configured (the
        worker is reported, not required: mails wait in the outbox until one runs)."""
        return self.database == OK and self.redis in (OK, NOT_CONFIGURED)


def database_state() -> str:
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        return ERROR
    finally:
        db.session.rollback()
    return OK


def redis_and_workers(redis_url: str) -> tuple[str, str]:
    """Redis's state, and how many RQ workers listen on the forum queue ('none' if none)."""
    if not redis_url:
        return NOT_CONFIGURED, NO_WORKER
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue, Worker

    connection = Redis.from_url(
        redis_url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
    )
    try:
        connection.ping()
        workers = Worker.all(queue=Queue(QUEUE_NAME, connection=connection))
    except RedisError:
        return ERROR, "unknown"
    finally:
        connection.close()
    return OK, (f"ok ({len(workers)})" if workers else NO_WORKER)


def check(redis_url: str, version: str) -> Health:
    redis, worker = redis_and_workers(redis_url)
    return Health(database_state(), redis, worker, version)
