"""The Redis client of Foro's caches (pages, page bodies, PDFs), or None without REDIS_URL.

A cache that does not answer within REDIS_TIMEOUT is skipped (the caller renders), never
waited for: Redis going away costs speed, not pages.
"""

from flask import current_app

REDIS_TIMEOUT = 0.5  # seconds


def cache_store():
    """The app's Redis client for caches (one per URL and process), or None."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    clients = current_app.extensions.setdefault("cache_redis", {})
    if url not in clients:
        from redis import Redis

        clients[url] = Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )
    return clients[url]
