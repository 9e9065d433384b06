"""Signing a delivery: HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's secret.

The receiver recomputes it with the same secret, compares in constant time, and refuses a
timestamp older than TOLERANCE seconds (a replayed request). examples/webhook_receiver.py
does exactly this.
"""

import hashlib
import hmac
import secrets

TOLERANCE = 5 * 60  # seconds
PREFIX = "sha256="


def new_secret() -> str:
    """A fresh endpoint secret (256 bits, URL-safe text)."""
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Foro-Signature header of a body sent at `timestamp` (Unix seconds)."""
    message = str(int(timestamp)).encode() + b"." + body
    return PREFIX + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, body: bytes, header: str, now: float) -> bool:
    """Whether the signature is right and the timestamp recent (within TOLERANCE)."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(now - sent) > TOLERANCE:
        return False
    return hmac.compare_digest(signature(secret, sent, body), header or "")
