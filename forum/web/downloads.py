"""Files sent as they are made: a table export streamed to the browser piece by piece, so a
3,000-row export neither waits for the whole file nor holds it in the worker's memory."""

from collections.abc import Iterator

from flask import Response, current_app, stream_with_context
from flask_login import current_user

from forum.accounts.models import User
from forum.core import exports
from forum.extensions import db


def table_download(identifier: str, table: exports.Table, download_name: str) -> Response:
    """`table` in the format `identifier`, as an attachment named `download_name` plus the
    format's extension (KeyError if there is no such format). The rows are read while the
    body is sent, after the request's end: `table` must not hold objects loaded before."""
    chunks, exporter = exports.stream_table(identifier, table)
    response = current_app.response_class(
        stream_with_context(_in_own_session(chunks)), mimetype=exporter.content_type
    )
    response.headers.set(
        "Content-Disposition", "attachment", filename=f"{download_name}.{exporter.extension}"
    )
    response.cache_control.no_cache = True
    return response


def _in_own_session(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The body is made once the request has committed and closed its database session:
    the rows are read in a new one, closed at the end. The logged-in user (whom the labels'
    language depends on) joins it; its attributes were expired by the commit."""
    try:
        user = current_user._get_current_object()
        if isinstance(user, User):
            db.session.add(user)
        yield from chunks
    finally:
        db.session.remove()
