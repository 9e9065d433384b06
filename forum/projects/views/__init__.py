"""Pages of projects; importing this package registers them on the blueprint."""

from forum.projects.blueprint import bp
from forum.projects.views import (  # noqa: F401 (importing registers the routes)
    catalogue,
    interest,
    manage,
    mobilisation,
    outputs,
    pitches,
    submissions,
    team,
)

__all__ = ["bp"]
