"""Pages of reports; importing this package registers them on the blueprint."""

from forum.reports.blueprint import bp

__all__ = ["bp"]
