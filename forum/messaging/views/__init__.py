"""Pages of messaging; importing this package registers them on the blueprint."""

from forum.messaging.blueprint import bp
from forum.messaging.views import delegate, header, manage  # noqa: F401 (registers routes)

__all__ = ["bp"]
