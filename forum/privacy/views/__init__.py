"""Pages of privacy; importing this package registers them on the blueprint."""

from forum.privacy.blueprint import bp
from forum.privacy.views import account, notice  # noqa: F401 (importing registers the routes)

__all__ = ["bp"]
