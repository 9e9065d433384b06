"""Signing a delivery: HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's secret.

The receiver recomputes it with the same secret, compares in constant time, and refuses a
timestamp more than 5 minutes old (a replayed request): examples/webhook_receiver.py does
exactly this, and docs/webhooks.md tells how.
"""

import hashlib
import hmac
import secrets

PREFIX = "sha256="


def new_secret() -> str:
    """A fresh endpoint secret (256 bits, URL-safe text)."""
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Foro-Signature header of a body sent at `timestamp` (Unix seconds)."""
    message = str(int(timestamp)).encode() + b"." + body
    return PREFIX + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
