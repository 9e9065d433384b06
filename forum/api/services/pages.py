"""Cursor pages: rows in id order after an opaque cursor, `limit` at a time.

The cursor is the last id of the page, base64-encoded with a version tag so that its form
may change without breaking a client that only passes it back.
"""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.extensions import db

_TAG = "v1:"


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"{_TAG}{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The id after which the page starts; a cursor we did not make is a DomainError."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not text.startswith(_TAG) or not text[len(_TAG) :].isdigit():
        raise DomainError(_("This cursor is not one the API gave."), "cursor")
    return int(text[len(_TAG) :])


@dataclass
class Page:
    rows: list
    next_cursor: str | None


def page(
    query: sa.Select,
    id_column,
    *,
    cursor: str | None,
    limit: int,
    updated_column=None,
    updated_since: datetime | None = None,
) -> Page:
    """One page of `query` ordered by `id_column`, rows changed since `updated_since`."""
    if cursor:
        query = query.where(id_column > decode_cursor(cursor))
    if updated_since is not None and updated_column is not None:
        query = query.where(updated_column >= updated_since)
    rows = list(db.session.scalars(query.order_by(id_column).limit(limit + 1)).unique())
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode_cursor(rows[-1].id) if more else None)
