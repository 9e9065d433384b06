"""PDFs kept in Redis (REDIS_URL) under the hash of the HTML they are made from.

The same HTML always prints the same document, so the hash is the whole key and nothing has
to be invalidated: when what a document shows changes (a meeting moves, a session is renamed,
the reader's language or zone), its HTML changes, and with it the key; the old copy expires
by itself. A personal agenda costs a WeasyPrint render (~65 ms of CPU in the render server,
forum.core.pdf_server) the first time and a Redis read afterwards, until it changes. Without
REDIS_URL every request renders.
"""

import hashlib

from flask import current_app

from forum.core.cache_store import cache_store
from forum.core.pdf import render_pdf

KEY_PREFIX = "foro:pdf:"
SECONDS = 24 * 3600
MAX_KEPT = 4 * 1024 * 1024  # bytes: a larger document is rendered each time, not kept


def pdf_key(html: str, base_url: str | None = None) -> str:
    digest = hashlib.sha256(f"{base_url or ''}\0{html}".encode()).hexdigest()
    return KEY_PREFIX + digest


def render_pdf_cached(html: str, base_url: str | None = None) -> bytes:
    """render_pdf(html), from the copy in Redis when this HTML was printed before."""
    store = cache_store()
    if store is None:
        return render_pdf(html, base_url)
    from redis.exceptions import RedisError

    key = pdf_key(html, base_url)
    try:
        kept = store.get(key)
    except RedisError:
        current_app.logger.warning("PDF cache: Redis did not answer", exc_info=True)
        kept = None
    if kept is not None:
        return kept
    pdf = render_pdf(html, base_url)
    if len(pdf) <= MAX_KEPT:
        try:
            store.set(key, pdf, ex=SECONDS)
        except RedisError:
            current_app.logger.warning("PDF cache: Redis did not answer", exc_info=True)
    return pdf
