"""An event with an organizer, and a way to act as someone inside a request."""

from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask_login import login_user

from forum.audit.models import AuditEntry
from forum.extensions import db as _db


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Lucía Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


@pytest.fixture
def acting_as(app):
    """Run services as `user` would in a request: record() takes them as the actor."""

    @contextmanager
    def _acting(user):
        with app.test_request_context():
            login_user(user)
            yield

    return _acting


def entries(action: str | None = None) -> list[tuple]:
    """(action, subject, before, after, actor_id) of every entry, oldest first."""
    query = sa.select(AuditEntry).order_by(AuditEntry.id)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return [
        (e.action, e.subject, e.before, e.after, e.actor_id) for e in _db.session.scalars(query)
    ]
