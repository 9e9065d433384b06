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
"""

import hashlib
from collections.abc import Callable

from flask import current_app, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from forum.core.cache_store import cache_store
from forum.events.models import Event, EventStatus

KEY_PREFIX = "foro:fragment:"
SECONDS = 300


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
    try:
        kept = store.get(key)
    except RedisError:
        current_app.logger.warning("fragment cache: Redis did not answer", exc_info=True)
        return Markup(render())
    if kept is not None:
        return Markup(kept.decode())
    body = render()
    try:
        store.set(key, body.encode(), ex=SECONDS)
    except RedisError:
        current_app.logger.warning("fragment cache: Redis did not answer", exc_info=True)
    return Markup(body)
