"""Row locks that work on PostgreSQL and SQLite alike.

A no-op UPDATE takes the row lock on PostgreSQL (like SELECT ... FOR UPDATE) and, on SQLite,
starts the write transaction at once, so two writers cannot both read a count and then
both insert. Hold the lock until commit; keep what happens under it short.
"""

import sqlalchemy as sa

from forum.extensions import db


def lock_row(model, row_id: int) -> None:
    """Serialise writers on one row until the transaction ends."""
    db.session.execute(sa.update(model).where(model.id == row_id).values(id=model.id))
