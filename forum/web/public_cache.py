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
always. The only per-visitor part of an anonymous page is the CSRF token of the language
form: the copy is rendered with a placeholder, replaced by the visitor's own token on the
way out, and the ETag includes that token, so a browser's copy stays valid for its session.
"""

import hashlib
from functools import wraps

import sqlalchemy as sa
from flask import Flask, current_app, g, request, session
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from sqlalchemy.orm import Session

from forum.events.models import Event, EventStatus, ProgrammeSession, Room, SessionSpeaker, Track
from forum.extensions import db
from forum.projects.models import Pitch, Project

CSRF_PLACEHOLDER = "__foro_public_cache_csrf__"
KEY_PREFIX = "foro:public:"
_FIELDS = {"body", "etag", "content_type", "disposition"}
REDIS_TIMEOUT = 0.5  # seconds: a slow cache is skipped, never waited for
HTML_CACHE_CONTROL = "private, no-cache"  # the page holds the visitor's CSRF token
FILE_CACHE_CONTROL = "public, max-age=300"  # ICS and PDF: the same bytes for everyone

# Rows whose change shows on the public pages (the event's own columns hold its settings).
_WATCHED = (Event, Room, Track, ProgrammeSession, SessionSpeaker, Project, Pitch)


def _anonymous() -> bool:
    """Nobody signed in, read from the session cookie alone (no query): Flask-Login's key."""
    return "_user_id" not in session and "_flashes" not in session


def _public_version(slug: str) -> int | None:
    """The event's public version, or None when it is not public (or does not exist)."""
    row = db.session.execute(
        sa.select(Event.public_version, Event.status).where(Event.slug == slug)
    ).first()
    if row is None or row.status == EventStatus.DRAFT:
        return None
    return row.public_version


def _redis():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    clients = current_app.extensions.setdefault("public_cache_redis", {})
    if url not in clients:
        from redis import Redis

        clients[url] = Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )
    return clients[url]


def _key(slug: str, version: int) -> str:
    from forum.web.i18n import viewer_zone

    zone = viewer_zone()
    parts = (request.endpoint, slug, version, get_locale(), zone.key if zone else "-")
    path = hashlib.sha256(request.full_path.encode()).hexdigest()[:16]
    return KEY_PREFIX + ":".join(str(part) for part in (*parts, path))


def _read(store, key: str) -> dict | None:
    from redis.exceptions import RedisError

    try:
        entry = store.hgetall(key)
    except RedisError:
        current_app.logger.warning("public cache: Redis did not answer", exc_info=True)
        return None
    entry = {name.decode(): value for name, value in entry.items()}
    # A missing or partial entry (expired while read, written by another release): a miss.
    return entry if entry.keys() >= _FIELDS else None


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
        "body": body,
        "etag": hashlib.sha256(body).hexdigest()[:32],
        "content_type": response.headers.get("Content-Type", ""),
        "disposition": response.headers.get("Content-Disposition", ""),
    }


def _answer(entry: dict):
    """The entry as this visitor's response: their CSRF token in, a 304 when unchanged."""
    text = entry["content_type"]
    text = text.decode() if isinstance(text, bytes) else text
    body = entry["body"]
    etag = entry["etag"].decode() if isinstance(entry["etag"], bytes) else entry["etag"]
    html = text.startswith("text/html")
    if html and CSRF_PLACEHOLDER.encode() in body:
        token = generate_csrf()
        body = body.replace(CSRF_PLACEHOLDER.encode(), token.encode())
        etag = hashlib.sha256(f"{etag}:{session.get('csrf_token', '')}".encode()).hexdigest()[:32]
    response = current_app.response_class(body, content_type=text)
    disposition = entry["disposition"]
    disposition = disposition.decode() if isinstance(disposition, bytes) else disposition
    if disposition:
        response.headers["Content-Disposition"] = disposition
    response.set_etag(etag)
    response.headers["Cache-Control"] = HTML_CACHE_CONTROL if html else FILE_CACHE_CONTROL
    response.vary.update(("Cookie", "Accept-Language"))
    return response.make_conditional(request)


def public_page(seconds: int = 60, query: tuple[str, ...] = ()):
    """Cache a public GET view taking `slug` for anonymous visitors (see the module's doc).
    `query`: the query arguments the view reads; a request with any other is not cached
    (no one fills Redis with ?x=1, ?x=2...)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            slug = kwargs.get("slug")
            if not _anonymous() or set(request.args) - set(query) or slug is None:
                return view(*args, **kwargs)
            version = _public_version(slug)
            if version is None:
                return view(*args, **kwargs)
            store = _redis()
            key = _key(slug, version)
            entry = _read(store, key) if store is not None else None
            if entry is None:
                entry = _render(view, args, kwargs)
                if not isinstance(entry, dict):
                    return entry
                if store is not None:
                    _write(store, key, entry, seconds)
            return _answer(entry)

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
    app.context_processor(lambda: {"csrf_token": _csrf_token})
    if not sa.event.contains(Session, "before_flush", bump_public_versions):
        sa.event.listen(Session, "before_flush", bump_public_versions)
