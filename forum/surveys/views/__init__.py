"""Pages of the survey; importing this package registers them on the blueprint."""

from forum.surveys.blueprint import bp
from forum.surveys.views import answer, manage  # noqa: F401 (importing registers the routes)

__all__ = ["bp"]
