"""Pages of documents; importing this package registers them on the blueprint."""

from forum.documents.blueprint import bp
from forum.documents.views import (  # noqa: F401 (importing registers the routes)
    agenda_pdf,
    delegate_calendar,
    manage,
    programme_calendar,
    programme_pdf,
)

__all__ = ["bp"]
