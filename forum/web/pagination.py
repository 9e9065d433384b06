"""Long lists in pages of about fifty: the page number from the query string, kept in range.

A page number past the end (a bookmark after the list shrank, a hand-typed URL) shows the
last page instead of an empty one; a page number that is not a number, or below 1, shows the
first. Links to the other pages keep the filters (templates/_macros.html, `pager`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from flask import request
from flask_sqlalchemy.pagination import Pagination

from forum.extensions import db

PER_PAGE = 50
MAX_PAGE = 1_000_000


def requested_page() -> int:
    """The ?page= of the request: a whole number from 1, else 1; a huge one (past what an
    OFFSET can hold) is cut to MAX_PAGE, which shows the last page like any past the end."""
    page = request.args.get("page", 1, type=int)
    return min(page, MAX_PAGE) if page and page > 0 else 1


def paginate(statement: sa.Select, per_page: int | None = None) -> Pagination:
    """One page of a query's rows (a count and a LIMIT/OFFSET query, whatever the total)."""
    page, per_page = requested_page(), per_page or PER_PAGE
    pagination = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    if page > 1 and not pagination.items and pagination.pages:
        pagination = db.paginate(
            statement, page=pagination.pages, per_page=per_page, error_out=False
        )
    return pagination


class ListPagination(Pagination):
    """A page of a list already in memory (the catalogue, whose amount filter runs in Python)."""

    def __init__(self, rows: Sequence, page: int, per_page: int) -> None:
        last = max(1, -(-len(rows) // per_page))
        super().__init__(
            page=min(max(page, 1), last), per_page=per_page, error_out=False, rows=rows
        )

    def _query_items(self) -> list:
        start = (self.page - 1) * self.per_page
        return list(self._query_args["rows"][start : start + self.per_page])

    def _query_count(self) -> int:
        return len(self._query_args["rows"])


def paginate_list(rows: Sequence, per_page: int | None = None) -> ListPagination:
    return ListPagination(rows, requested_page(), per_page or PER_PAGE)
