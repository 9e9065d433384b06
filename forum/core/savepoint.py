"""All or nothing inside the caller's transaction: a SAVEPOINT around one operation.

Services flush and never commit or roll back the caller's transaction: a refused operation
undoes only its own changes (and the caller still rolls back, or commits what else it did).
"""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from forum.extensions import db

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def savepoint() -> Iterator[None]:
    """Run the block in a SAVEPOINT: an exception rolls back the block's changes only."""
    connection = db.session.connection()
    dbapi_connection = connection.connection.dbapi_connection
    if connection.dialect.name == "sqlite" and not dbapi_connection.in_transaction:
        # pysqlite opens a transaction only before a write: a SAVEPOINT first would be the
        # transaction itself, and releasing it would commit the caller's work early.
        connection.exec_driver_sql("BEGIN")
    with db.session.begin_nested():
        yield


def all_or_nothing(operation: Callable[P, R]) -> Callable[P, R]:
    """Decorate a service operation so that a refusal undoes its own changes, not the caller's."""

    @functools.wraps(operation)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with savepoint():
            return operation(*args, **kwargs)

    return run
