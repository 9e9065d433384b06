"""Public pages cached for anonymous visitors: an ETag always, a copy in Redis with REDIS_URL.

The event page, its programme, programme.ics and programme.pdf are the same for every
anonymous visitor who reads them in the same language and time zone. For those visitors
`@public_page()` answers:

- with an ETag, and a 304 when the browser's copy is still right (If-None-Match);
- with REDIS_URL, from a copy kept in Redis for a minute, without rendering at all.

Invalidation is by key, not by deletion: the key holds events.public_version, which a flush
hook below bumps, in the same transaction, whenever a row of the event, its rooms, tracks,
sessions, speakers, projects or pitches changes, whichever service or command changed it.
The copy's short life covers what changes with the clock alone (registration opening or
closing). The key also holds the language, the viewer's zone cookie and the full path.

Signed-in visitors never get a shared copy (their name is in the header): the view runs as
always. An anonymous page holds nothing per visitor (the language form of an anonymous
visitor carries no CSRF token: forum.accounts.views.language), so the copy is sent as it is
stored, byte for byte; a page that would still ask for a token is rendered with a placeholder,
replaced by the visitor's own token on the way out (and the ETag then includes that token).

Each copy is kept twice, as is and gzip-compressed (a programme of 3,000 delegates' event:
220 KB, 20 KB compressed); a client that accepts gzip gets the compressed bytes, with
Content-Encoding and their own ETag (Vary: Accept-Encoding). Only the representation asked
for is read from Redis, in one round trip.

A worker trusts an event's public version, and a copy it read from Redis, for
VERSION_SECONDS: a page served again within that second costs no database or Redis round
trip. A change is seen at once by the worker that made it and within the second by the
others (the whole cost of answering a visitor from a shared copy is then Flask's own).
"""

import gzip
import hashlib
import time
from functools import wraps

import sqlalchemy as sa
from flask import Flask, current_app, g, has_app_context, request, session
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from sqlalchemy.orm import Session

from forum.core.cache_store import cache_store
from forum.events.models import Event, EventStatus, ProgrammeSession, Room, SessionSpeaker, Track
from forum.extensions import db
from forum.projects.models import Pitch, Project
from forum.web.fragment_cache import COPIES as FRAGMENT_COPIES
from forum.web.fragment_cache import VALUES as VERSION_VALUES
from forum.web.shared_answers import ANSWERS, SHARED, SharedAnswers

CSRF_PLACEHOLDER = "__foro_public_cache_csrf__"
KEY_PREFIX = "foro:public:"
# and "body" or "body_gz"; "token": "1" when the body holds the CSRF placeholder
_FIELDS = ("etag", "content_type", "disposition", "token")
VERSION_SECONDS = 1.0  # how long a worker trusts an event's public version it read
MAX_VERSIONS = 1000
MAX_WORKER_COPIES = 64  # entries a worker keeps in memory for VERSION_SECONDS (~20 KB each)
GZIP_LEVEL = 6
GZIP_MIN = 1024  # bytes: a smaller answer is sent as it is
HTML_CACHE_CONTROL = "private, no-cache"  # revalidated: the page may change any minute
FILE_CACHE_CONTROL = "public, max-age=300"  # ICS and PDF: the same bytes for everyone

# Rows whose change shows on the public pages (the event's own columns hold its settings).
_WATCHED = (Event, Room, Track, ProgrammeSession, SessionSpeaker, Project, Pitch)


def _anonymous() -> bool:
    """Nobody signed in, read from the session cookie alone (no query): Flask-Login's key."""
    return "_user_id" not in session and "_flashes" not in session


def _versions() -> dict:
    return current_app.extensions.setdefault("public_versions", {})


def _public_version(slug: str) -> int | None:
    """The event's public version, or None when it is not public (or does not exist).

    Read from the database at most once a VERSION_SECONDS per worker: a copy in Redis then
    costs no database round trip at all (with the pool's ping, the transaction and the
    query, four of them, and PostgreSQL's CPU beside ours). A change made by this worker is
    seen at once (the flush hook below forgets what it knew); by the others within a second.
    """
    now = time.monotonic()
    known = _versions().get(slug)
    if known is not None and now - known[0] < VERSION_SECONDS:
        return known[1]
    row = db.session.execute(
        sa.select(Event.public_version, Event.status).where(Event.slug == slug)
    ).first()
    version = None if row is None or row.status == EventStatus.DRAFT else row.public_version
    if len(_versions()) >= MAX_VERSIONS:  # slugs probed at random must not grow it forever
        _versions().clear()
    _versions()[slug] = (now, version)
    return version


def _key(slug: str, version: int) -> str:
    from forum.web.i18n import viewer_zone

    zone = viewer_zone()
    parts = (request.endpoint, slug, version, get_locale(), zone.key if zone else "-")
    # the host too: pages hold absolute links (calendar details), one per address served
    path = hashlib.sha256(f"{request.host_url}{request.full_path}".encode()).hexdigest()[:16]
    return KEY_PREFIX + ":".join(str(part) for part in (*parts, path))


def _gzip_wanted() -> bool:
    return request.accept_encodings["gzip"] > 0


def _read(store, key: str, gzipped: bool) -> dict | None:
    """The entry's headers and the one body this client takes, or None (a miss)."""
    from redis.exceptions import RedisError

    names = (*_FIELDS, "body_gz" if gzipped else "body")
    try:
        values = store.hmget(key, names)
    except RedisError:
        current_app.logger.warning("public cache: Redis did not answer", exc_info=True)
        return None
    # A missing or partial entry (expired while read, written by another release): a miss.
    if any(value is None for value in values):
        return None
    entry = {name: value for name, value in zip(names, values, strict=True)}
    for name in _FIELDS:
        entry[name] = entry[name].decode()
    return entry


def _write(store, key: str, entry: dict, seconds: int) -> None:
    from redis.exceptions import RedisError

    try:
        store.pipeline().hset(key, mapping=entry).expire(key, seconds).execute()
    except RedisError:
        current_app.logger.warning("public cache: Redis did not answer", exc_info=True)


def _render(view, args, kwargs):
    """The view's answer as a cache entry (with the CSRF placeholder), or the answer itself
    when it is no plain 200 (a 404, a redirect, a 304 of the view's own: passed on as is)."""
    g.public_cache_render = True
    try:
        response = current_app.make_response(view(*args, **kwargs))
    finally:
        g.public_cache_render = False
    if response.status_code != 200 or response.is_streamed:
        return response
    body = response.get_data()
    return {
        "token": "1" if CSRF_PLACEHOLDER.encode() in body else "0",
        "body": body,
        "body_gz": gzip.compress(body, GZIP_LEVEL, mtime=0) if len(body) >= GZIP_MIN else body,
        "etag": hashlib.sha256(body).hexdigest()[:32],
        "content_type": response.headers.get("Content-Type", ""),
        "disposition": response.headers.get("Content-Disposition", ""),
    }


def _answer(entry: dict, gzipped: bool, shared: bool = False):
    """The entry as this visitor's response: a 304 when unchanged, else the stored bytes (or,
    for a page still holding the placeholder, the visitor's own CSRF token put in).
    shared: the answer may be kept whole for the next visitor who asks in the same words
    (forum.web.shared_answers), as nothing in it is this visitor's."""
    text, etag = entry["content_type"], entry["etag"]
    if shared and entry["token"] == "0" and _anonymous():
        request.environ[SHARED] = True
    html = text.startswith("text/html")
    body = entry["body_gz"] if gzipped else entry["body"]
    compressed = gzipped and body[:2] == b"\x1f\x8b"
    if entry["token"] == "1":
        body = gzip.decompress(body) if compressed else body
        compressed = False
        body = body.replace(CSRF_PLACEHOLDER.encode(), generate_csrf().encode())
        etag = hashlib.sha256(f"{etag}:{session.get('csrf_token', '')}".encode()).hexdigest()[:32]
    response = current_app.response_class(body, content_type=text)
    if compressed:
        response.headers["Content-Encoding"] = "gzip"
        etag += "-gz"  # another representation, another tag
    if entry["disposition"]:
        response.headers["Content-Disposition"] = entry["disposition"]
    response.set_etag(etag)
    response.headers["Cache-Control"] = HTML_CACHE_CONTROL if html else FILE_CACHE_CONTROL
    response.vary.update(("Cookie", "Accept-Language", "Accept-Encoding"))
    return response.make_conditional(request)


def _kept(store, key: str, gzipped: bool) -> dict | None:
    """The entry from this worker's memory when it read it from Redis under a second ago
    (the same bound as the version it is keyed by), else from Redis."""
    now, kept = time.monotonic(), _worker_copies()
    known = kept.get((key, gzipped))
    if known is not None and now - known[0] < VERSION_SECONDS:
        return known[1]
    entry = _read(store, key, gzipped)
    if entry is not None:
        if len(kept) >= MAX_WORKER_COPIES:
            kept.clear()
        kept[(key, gzipped)] = (now, entry)
    return entry


def _worker_copies() -> dict:
    return current_app.extensions.setdefault("public_copies", {})


def public_page(seconds: int = 60, query: tuple[str, ...] = (), signed_in_too: bool = False):
    """Cache a public GET view taking `slug` for anonymous visitors (see the module's doc).
    `query`: the query arguments the view reads; a request with any other is not cached
    (no one fills Redis with ?x=1, ?x=2...). `signed_in_too`: a file that holds nothing of
    its reader but their language and zone (the programme's .ics), shared with signed-in
    readers as well (the key holds their language and zone)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            slug = kwargs.get("slug")
            personal = not signed_in_too and not _anonymous()
            if personal or set(request.args) - set(query) or slug is None:
                return view(*args, **kwargs)
            version = _public_version(slug)
            if version is None:
                return view(*args, **kwargs)
            store = cache_store()
            key = _key(slug, version)
            gzipped = _gzip_wanted()
            entry = _kept(store, key, gzipped) if store is not None else None
            if entry is None:
                entry = _render(view, args, kwargs)
                if not isinstance(entry, dict):
                    return entry
                if store is not None:
                    _write(store, key, entry, seconds)
            return _answer(entry, gzipped, shared=store is not None)

        return wrapper

    return decorator


def _csrf_token() -> str:
    """csrf_token() in templates: the placeholder while a shared copy is rendered."""
    return CSRF_PLACEHOLDER if g.get("public_cache_render") else generate_csrf()


def _event_id(row) -> int | None:
    if isinstance(row, Event):
        return row.id
    if isinstance(row, SessionSpeaker | Pitch):  # through their session
        parent = row.session
        return parent.event_id if parent is not None else None
    if row.event_id is not None:
        return row.event_id
    return row.event.id if row.event is not None else None


def _touched_events(session: Session) -> set[int]:
    """The events whose public pages this flush changes (read before the flush, while every
    row, deleted ones too, can still be loaded)."""
    events = set()
    for row in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(row, _WATCHED):
            continue
        if row in session.dirty and not session.is_modified(row):
            continue
        event_id = _event_id(row)
        if event_id is not None:
            events.add(event_id)
    return events


def bump_public_versions(session: Session, _flush_context, _instances) -> None:
    """before_flush: one UPDATE of the touched events' public_version, in the flush's own
    transaction (a rolled back change bumps nothing; a committed one is never cached stale)."""
    events = _touched_events(session)
    if (events or any(isinstance(row, Event) for row in session.new)) and has_app_context():
        _versions().clear()  # this worker sees its own change at once
        _worker_copies().clear()
        current_app.extensions.get(ANSWERS, {}).clear()
        current_app.extensions.get(FRAGMENT_COPIES, {}).clear()
        current_app.extensions.get(VERSION_VALUES, {}).clear()
    if events:
        table = Event.__table__
        session.connection().execute(
            sa.update(table)
            .where(table.c.id.in_(sorted(events)))
            .values(public_version=table.c.public_version + 1)
        )


def init_app(app: Flask) -> None:
    """Call after csrf.init_app: templates' csrf_token() goes through the placeholder."""
    app.jinja_env.globals["csrf_token"] = _csrf_token
    # Whole answers kept only with Redis, as the copies they come from (tests without it
    # render every time).
    answers = app.extensions.setdefault(ANSWERS, {})
    app.wsgi_app = SharedAnswers(app.wsgi_app, answers, lambda: VERSION_SECONDS)
    app.context_processor(lambda: {"csrf_token": _csrf_token})
    if not sa.event.contains(Session, "before_flush", bump_public_versions):
        sa.event.listen(Session, "before_flush", bump_public_versions)
