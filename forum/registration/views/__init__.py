"""Pages of registration; importing this package registers them on the blueprint."""

from forum.registration.blueprint import bp
from forum.registration.views import (  # noqa: F401 (importing registers the routes)
    badge_runs,
    badges,
    delegate,
    desk,
    desk_invitations,
    desk_setup,
    organisations,
)

__all__ = ["bp"]
