"""Pages of events; importing this package registers them on the blueprint."""

from forum.events.blueprint import bp
from forum.events.views import (  # noqa: F401 (importing registers the routes)
    manage,
    public,
    team,
)

__all__ = ["bp"]
