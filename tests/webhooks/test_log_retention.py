"""The delivery log names delegates: finished deliveries go after 30 days, and a delegate's
erasure takes the deliveries that name them."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from forum.extensions import db
from forum.privacy.services.erasure import erase_registration
from forum.webhooks.delivery import prune_log
from forum.webhooks.emit import emit
from forum.webhooks.models import DeliveryStatus, WebhookDelivery
from tests import factories

NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def _kept() -> list[int]:
    return list(db.session.scalars(sa.select(WebhookDelivery.id).order_by(WebhookDelivery.id)))


def test_finished_deliveries_older_than_30_days_are_pruned(hooks):
    ages_and_statuses = [
        (31, DeliveryStatus.DELIVERED),  # pruned
        (31, DeliveryStatus.FAILED),  # pruned
        (31, DeliveryStatus.PENDING),  # still to be tried: kept
        (29, DeliveryStatus.DELIVERED),  # kept
    ]
    ids = []
    for days, status in ages_and_statuses:
        [delivery_id] = emit(hooks.event, "schedule.published", {"schedule": {}})
        item = db.session.get(WebhookDelivery, delivery_id)
        item.created_at, item.status = NOW - timedelta(days=days), status
        ids.append(delivery_id)
    db.session.commit()
    assert prune_log(NOW) == 2
    db.session.commit()
    assert _kept() == ids[2:]


def test_erasing_a_delegate_deletes_the_deliveries_that_name_them(app, hooks):
    ana = factories.create_registration(hooks.event, "Ana Quispe", "Cooperativa Jaén")
    bruno = factories.create_registration(hooks.event, "Bruno Banker", "Fondo Andino")
    about_ana = emit(hooks.event, "registration.created", {"registration": {"id": ana.id}})
    meeting = {
        "meeting": {"participants": [{"registration_id": bruno.id}, {"registration_id": ana.id}]}
    }
    about_both = emit(hooks.event, "meeting.placed", meeting)
    about_bruno = emit(hooks.event, "registration.approved", {"registration": {"id": bruno.id}})
    other = emit(hooks.event, "schedule.published", {"schedule": {"meetings": ana.id}})
    db.session.commit()
    with app.test_request_context():
        erase_registration(ana)
    db.session.commit()
    assert about_ana and about_both
    assert _kept() == about_bruno + other
