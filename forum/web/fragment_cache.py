"""The body of a public page shared by the signed-in readers who see it alike, kept in Redis.

A signed-in delegate's programme differs from another's only in its frame (the header with
their name and menu, their CSRF tokens) and in whether meeting-room links are shown (to the
event's approved delegates only: forum.events.services.links). The page's body is rendered
once per event version, language, reader's zone, host, participant or not, and kept for a
few minutes (REDIS_URL; without it every request renders); each reader gets their own frame
around it, rendered for them. Nothing personal may go into a shared body: a view passes in
`parts` everything its body depends on besides the event.

The key holds events.public_version, bumped in the same transaction as any change to the
event's programme (forum/web/public_cache.py), so a changed programme is never served stale.

A worker keeps the bodies it last read or made, by the same key, for WORKER_SECONDS (less
than a copy lives in Redis): the page's event, read at each request, gives the version, so a
changed programme is a new key there too. A body served again from the worker costs no Redis
round trip, and is not decoded again (~220 KB for a 3,000-delegate forum's programme). The
worker forgets them all when it changes an event itself (public_cache.bump_public_versions).
"""

import hashlib
import time
from collections.abc import Callable

from flask import current_app, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from forum.core.cache_store import cache_store
from forum.events.models import Event, EventStatus

KEY_PREFIX = "foro:fragment:"
SECONDS = 300
WORKER_SECONDS = 60
WORKER_COPIES = 16  # bodies a worker keeps (a programme's: ~220 KB)
COPIES = "fragment_copies"  # app.extensions: {key: (time kept, body)}


def _key(event: Event, parts: tuple) -> str:
    from forum.web.i18n import viewer_zone

    zone = viewer_zone()
    signed_in = bool(current_user and current_user.is_authenticated)
    spelled = ":".join(
        str(part)
        for part in (
            request.endpoint, event.id, event.public_version, get_locale(),
            zone.key if zone else "-", signed_in, request.host_url, *parts,
        )
    )  # fmt: skip
    return KEY_PREFIX + hashlib.sha256(spelled.encode()).hexdigest()[:40]


def shared_body(event: Event, parts: tuple, render: Callable[[], str]) -> Markup:
    """The body `render()` makes, from Redis when another reader with the same `parts` (and
    event version, language, zone) had it made; a draft event's is never shared."""
    store = cache_store()
    if store is None or event.status == EventStatus.DRAFT:
        return Markup(render())
    from redis.exceptions import RedisError

    key = _key(event, parts)
    kept = _worker_copies().get(key)
    now = time.monotonic()
    if kept is not None and now - kept[0] < WORKER_SECONDS:
        return kept[1]
    try:
        stored = store.get(key)
    except RedisError:
        current_app.logger.warning("fragment cache: Redis did not answer", exc_info=True)
        return Markup(render())
    if stored is not None:
        return _keep(key, now, Markup(stored.decode()))
    body = render()
    try:
        store.set(key, body.encode(), ex=SECONDS)
    except RedisError:
        current_app.logger.warning("fragment cache: Redis did not answer", exc_info=True)
        return Markup(body)
    return _keep(key, now, Markup(body))


def _worker_copies() -> dict:
    return current_app.extensions.setdefault(COPIES, {})


def _keep(key: str, now: float, body: Markup) -> Markup:
    copies = _worker_copies()
    if len(copies) >= WORKER_COPIES:
        copies.clear()
    copies[key] = (now, body)
    return body


VALUES = "version_values"  # app.extensions: {(name, event id, public version): value}
MAX_VALUES = 1024


def per_version(event: Event, name: str, compute: Callable[[], object]):
    """compute(), kept by the worker for the event at its public version: for what depends
    only on rows the version watches (forum/web/public_cache.py: the event, its sessions,
    rooms, tracks, speakers, projects, pitches) and on nothing of the reader, such as the
    event page's count of sessions and days. The version, read with the event at each
    request, is a new key as soon as any worker changed one of those rows."""
    values = current_app.extensions.setdefault(VALUES, {})
    key = (name, event.id, event.public_version)
    if key in values:
        return values[key]
    if len(values) >= MAX_VALUES:
        values.clear()
    value = values[key] = compute()
    return value
