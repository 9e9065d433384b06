"""Requests past their deadline are expired by `forum tick`, in bounded batches, oldest
deadlines first, with one mail per person of the requester's side in their language."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from forum.meetings.models import MeetingRequest, MeetingRequestColleague, RequestStatus
from forum.meetings.services import expiry
from forum.meetings.services import requests as service
from forum.notifications import tick as tick_module
from forum.notifications.models import Mail
from tests.factories import create_registration
from tests.query_count import count_statements

NOW = datetime(2023, 10, 1, 9, 0, tzinfo=UTC)


def _requests(event, count: int, tag: str) -> list[MeetingRequest]:
    """`count` pending requests between distinct pairs, the k-th sent k hours before NOW."""
    made = []
    for k in range(count):
        requester = create_registration(event, f"Asker {tag} {k}", f"Org {tag} {k}")
        recipient = create_registration(event, f"Asked {tag} {k}", f"Other {tag} {k}")
        made.append(service.send_request(event, requester, recipient, now=NOW - timedelta(hours=k)))
    return made


def _expiry_mails(db, event) -> dict[str, Mail]:
    rows = db.session.scalars(
        sa.select(Mail)
        .where(Mail.event_id == event.id)
        .where(Mail.subject.contains("expired") | Mail.subject.contains("Venció"))
    ).all()
    by_recipient = {m.recipient: m for m in rows}
    assert len(by_recipient) == len(rows)  # nobody told twice
    return by_recipient


def test_tick_expires_the_oldest_deadlines_first_a_batch_at_a_time(db, create_event, monkeypatch):
    event = create_event()
    made = _requests(event, 3, "t")  # deadlines: made[2] first, then made[1], made[0]
    colleague = create_registration(event, "Pedro Colega", "Org t 2", locale="es")
    made[2].colleagues.append(MeetingRequestColleague(registration=colleague))
    db.session.commit()
    monkeypatch.setattr(tick_module, "EXPIRY_BATCH", 2)
    deadline = made[0].expires_at

    first = tick_module.tick(now=deadline)
    assert first.expired == 2
    assert "2 meeting request(s) expired" in first.summary()
    db.session.expire_all()
    statuses = [db.session.get(MeetingRequest, r.id).status for r in made]
    assert statuses == [RequestStatus.PENDING, RequestStatus.EXPIRED, RequestStatus.EXPIRED]
    told = _expiry_mails(db, event)
    assert sorted(told) == sorted(
        [
            "asker.t.1@hih-2023.example",
            "asker.t.2@hih-2023.example",
            "pedro.colega@hih-2023.example",
        ]
    )
    assert told["asker.t.2@hih-2023.example"].subject == (
        "Your meeting request to Asked t 2 has expired"
    )
    spanish = told["pedro.colega@hih-2023.example"]
    assert spanish.locale == "es" and "Asked t 2" in spanish.subject
    assert "Asker t 2 made this request" not in told["asker.t.2@hih-2023.example"].body

    second = tick_module.tick(now=deadline)
    assert second.expired == 1
    assert tick_module.tick(now=deadline).expired == 0
    assert len(_expiry_mails(db, event)) == 4


def test_a_request_before_its_deadline_stays_pending(db, create_event):
    event = create_event()
    (request,) = _requests(event, 1, "p")
    db.session.commit()
    assert expiry.expire_pending(now=request.expires_at - timedelta(seconds=1)) == 0
    assert request.status_at(request.expires_at - timedelta(seconds=1)) == RequestStatus.PENDING
    assert request.status_at(request.expires_at) == RequestStatus.EXPIRED
    assert request.status == RequestStatus.PENDING


def _expiry_statements(db, create_event, slug: str, count: int) -> int:
    event = create_event(slug=slug)
    made = _requests(event, count, slug)
    db.session.commit()
    db.session.expire_all()
    with count_statements(db) as counted:
        assert expiry.expire_pending(event, now=made[0].expires_at) == count
    assert len(_expiry_mails(db, event)) == count
    return counted.total


def test_expiring_a_batch_runs_the_same_statements_for_2_and_30_requests(db, create_event):
    two = _expiry_statements(db, create_event, "two", 2)
    thirty = _expiry_statements(db, create_event, "thirty", 30)

    assert two == thirty <= 15
