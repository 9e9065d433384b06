"""Pages of reports; importing this package registers them on the blueprint."""

from forum.reports.blueprint import bp
from forum.reports.views import funder  # noqa: F401 (importing registers the routes)

__all__ = ["bp"]
