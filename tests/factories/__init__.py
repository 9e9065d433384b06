"""Every test factory: plain functions with ready-made defaults, one module per feature.

Call them from a test (they need the `db` fixture: the app context and a clean database),
or through the thin fixtures of tests/conftest.py (create_user, create_event, ...).
"""

from tests.factories.accounts import PASSWORD, create_user, password_hash
from tests.factories.documents import Forum, build_forum
from tests.factories.events import create_event, create_session, create_track
from tests.factories.meetings import BLOCK_START, create_block, create_meeting, create_tables
from tests.factories.projects import create_pitch, create_pitch_session, create_project
from tests.factories.registration import create_organisation, create_registration

__all__ = [
    "BLOCK_START",
    "PASSWORD",
    "Forum",
    "build_forum",
    "create_block",
    "create_event",
    "create_meeting",
    "create_organisation",
    "create_pitch",
    "create_pitch_session",
    "create_project",
    "create_registration",
    "create_session",
    "create_tables",
    "create_track",
    "create_user",
    "password_hash",
]
