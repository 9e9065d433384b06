"""Work that may only start once the transaction that asked for it has committed.

A service cannot know when its caller commits, and must not commit itself. It hands the
ids of what it wrote to `after_commit(handler, item)`: they wait in `session.info`, and once
the session's transaction commits each handler runs once with all its items, in the order
given. A rollback, or a session closed without commit, drops them: nothing that was undone
is acted on.
"""

from collections.abc import Callable, Hashable
from typing import Any

import sqlalchemy as sa
from flask import current_app

from forum.extensions import db

_KEY = "forum.after_commit"

Handler = Callable[[list[Any]], None]


def after_commit(handler: Handler, item: Hashable) -> None:
    """Run handler([items...]) once the current transaction has committed."""
    waiting: dict[Handler, dict[Hashable, None]] = db.session.info.setdefault(_KEY, {})
    waiting.setdefault(handler, {})[item] = None  # a dict keeps the order and drops repeats


def _run(session) -> None:
    waiting = session.info.pop(_KEY, None)
    for handler, items in (waiting or {}).items():
        try:
            handler(list(items))
        except Exception:  # the data is committed: a handler's failure must not undo the request
            current_app.logger.exception("after-commit work %s failed", handler.__qualname__)


def _drop(session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended without a commit
        session.info.pop(_KEY, None)


sa.event.listen(db.session, "after_commit", _run)
sa.event.listen(db.session, "after_transaction_end", _drop)
