"""Pages of meetings; importing this package registers them on the blueprint."""

from forum.meetings.blueprint import bp
from forum.meetings.views import (  # noqa: F401 (importing registers the routes)
    availability,
    booking,
    delegate,
    floor,
    grid,
    outcomes,
    rules,
    setup,
    today,
)

__all__ = ["bp"]
