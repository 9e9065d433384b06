"""Counting the SQL statements a piece of work runs: the check that a page's queries do not
grow with the event (the same count at 10 and at 1,000 delegates)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlalchemy as sa


@dataclass
class Counted:
    """The statements run inside a count_statements block, in order."""

    statements: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.statements)


@contextmanager
def count_statements(db) -> Iterator[Counted]:
    """`with count_statements(db) as counted: client.get(...)`; then `counted.total`."""
    counted = Counted()

    def note(_conn, _cursor, statement, *_args) -> None:
        counted.statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield counted
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", note)
