"""The event's audit log for its organizers, on screen and as CSV."""

from forum.audit.blueprint import bp  # noqa: F401  (the pages come with the log's screen)
