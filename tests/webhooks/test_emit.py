"""Each kind is written once, with its exact payload, in the transaction of the change: kept
when it commits, gone when it rolls back. Cheap when no one listens; one insert in bulk."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.meetings.models import MeetingStatus
from forum.meetings.services import edit, schedule
from forum.meetings.services import requests as meeting_requests
from forum.projects.models import InterestLevel, ProjectKind
from forum.projects.services import interest as interests
from forum.projects.services import projects
from forum.registration.models import OrganisationType, RegistrationStatus
from forum.registration.services import registration as registrations
from forum.webhooks.emit import emit
from forum.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests import factories
from tests.factories.meetings import create_block, create_meeting, create_tables
from tests.query_count import count_statements

LIMA = ZoneInfo("America/Lima")


def _logged() -> list[tuple[str, dict]]:
    rows = db.session.scalars(sa.select(WebhookDelivery).order_by(WebhookDelivery.id))
    return [(row.kind, row.payload) for row in rows]


def _only(kind: str) -> dict:
    """The one delivery logged, checked for its envelope; its data."""
    [(logged_kind, payload)] = _logged()
    assert logged_kind == kind and payload["kind"] == kind
    assert set(payload) == {"kind", "event", "occurred_at", "data"}
    assert datetime.fromisoformat(payload["occurred_at"]).utcoffset().total_seconds() == 0
    return payload["data"]


def _lima(moment) -> str:
    return moment.astimezone(LIMA).isoformat()


@pytest.fixture
def ctx(app, hooks):
    with app.test_request_context():
        yield hooks


def _person(registration) -> dict:
    return {
        "registration_id": registration.id,
        "name": registration.user.name,
        "organisation": registration.organisation.name,
    }


def _registration_data(registration, status: str) -> dict:
    return {
        "registration": {
            "id": registration.id,
            "status": status,
            "name": registration.user.name,
            "email": registration.user.email,
            "job_title": registration.job_title,
            "organisation": {
                "id": registration.organisation.id,
                "name": registration.organisation.name,
                "country": registration.organisation.country,
            },
            "participant_type": None,
            "created_at": _lima(registration.created_at),
        }
    }


def test_registration_created_and_approved(ctx):
    user = factories.create_user("rosa@example.org", "Rosa Rojas")
    organisation = registrations.OrganisationInput(
        name="Cooperativa Rosa", country="PE", type=OrganisationType.PRODUCER_ORGANISATION
    )
    made = registrations.register(
        ctx.event, user, organisation, registrations.ProfileInput(), by_desk=True
    )
    db.session.commit()
    data = _only("registration.created")
    assert data == _registration_data(made, "submitted")
    assert data["registration"]["created_at"].endswith("-05:00")

    db.session.execute(sa.delete(WebhookDelivery))
    registrations.approve(ctx.event, [made])
    db.session.commit()
    assert _only("registration.approved") == _registration_data(made, "approved")


def test_nothing_is_logged_when_the_change_rolls_back(ctx):
    user = factories.create_user("rosa@example.org", "Rosa Rojas")
    organisation = registrations.OrganisationInput(
        name="Cooperativa Rosa", country="PE", type=OrganisationType.PRODUCER_ORGANISATION
    )
    registrations.register(
        ctx.event, user, organisation, registrations.ProfileInput(), by_desk=True
    )
    assert [kind for kind, _payload in _logged()] == ["registration.created"]  # flushed, pending
    db.session.rollback()
    assert _logged() == []


def _placed_meeting(event):
    ana = factories.create_registration(event, "Ana Quispe", "Cooperativa Jaén")
    bruno = factories.create_registration(event, "Bruno Banker", "Fondo Andino", country="CO")
    block = create_block(event, slots=3)
    tables = create_tables(event, 2)
    meeting = create_meeting(ana, bruno, slot=block.slots[0], table=tables[0])
    return meeting, block, tables, ana, bruno


def _meeting_data(meeting, status, slot, table, ana, bruno, sequence=0) -> dict:
    return {
        "meeting": {
            "id": meeting.id,
            "status": status,
            "kind": "b2b",
            "starts_at": _lima(slot.starts_at),
            "ends_at": _lima(slot.ends_at),
            "table": {"id": table.id, "number": table.number, "label": ""},
            "sequence": sequence,
            "participants": [_person(ana), _person(bruno)],
        }
    }


def test_schedule_published_meeting_placed_moved_and_cancelled(ctx):
    meeting, block, tables, ana, bruno = _placed_meeting(ctx.event)
    schedule.publish(ctx.event)
    db.session.commit()
    (placed_kind, placed), (published_kind, published) = _logged()
    assert (placed_kind, published_kind) == ("meeting.placed", "schedule.published")
    assert placed["data"] == _meeting_data(
        meeting, "published", block.slots[0], tables[0], ana, bruno
    )
    assert placed["data"]["meeting"]["starts_at"] == "2023-10-17T03:00:00-05:00"
    assert published["data"] == {
        "schedule": {"published_at": _lima(ctx.event.schedule_published_at), "meetings": 1}
    }

    db.session.execute(sa.delete(WebhookDelivery))
    edit.move(meeting, block.slots[2], tables[1])
    db.session.commit()
    assert _only("meeting.moved") == _meeting_data(
        meeting, "published", block.slots[2], tables[1], ana, bruno, sequence=1
    )

    db.session.execute(sa.delete(WebhookDelivery))
    edit.cancel_meeting(meeting)
    db.session.commit()
    # the sequence grows again: calendars show the cancellation over the old entry
    cancelled = _meeting_data(meeting, "cancelled", block.slots[2], tables[1], ana, bruno, 2)
    cancelled["meeting"]["table"] = None
    assert _only("meeting.cancelled") == cancelled


def test_a_delegate_cancelling_tells_meeting_cancelled(ctx):
    meeting, block, _tables, ana, bruno = _placed_meeting(ctx.event)
    meeting_requests.cancel(meeting.request, ana)
    db.session.commit()
    data = _only("meeting.cancelled")["meeting"]
    assert (data["id"], data["status"], data["starts_at"]) == (
        meeting.id,
        "cancelled",
        _lima(block.slots[0].starts_at),
    )


def test_project_submitted_and_interest_created(ctx):
    rosa = factories.create_registration(ctx.event, "Rosa Rojas", "Cooperativa Rosa")
    investor = factories.create_registration(ctx.event, "Ivan Investor", "Fondo Ivan")
    data = projects.ProjectInput(
        title="Café bajo sombra",
        kind=ProjectKind.INVESTMENT_PLAN,
        country="PE",
        amount_sought=50_000_00,
        currency="USD",
    )
    project = projects.submit_project(ctx.event, rosa, data)
    db.session.commit()
    assert _only("project.submitted") == {
        "project": {
            "id": project.id,
            "title": "Café bajo sombra",
            "status": "submitted",
            "kind": "investment_plan",
            "country": "PE",
            "amount_sought": 5_000_000,
            "currency": "USD",
            "organisation": {
                "id": rosa.organisation_id,
                "name": "Cooperativa Rosa",
                "country": "PE",
            },
            "submitted_by_registration_id": rosa.id,
            "created_at": _lima(project.created_at),
        }
    }

    db.session.execute(sa.delete(WebhookDelivery))
    project.status = projects.ProjectStatus.ACCEPTED
    result = interests.express_interest(
        project, investor, InterestLevel.READY, 1_000_00, "usd", note="private"
    )
    db.session.commit()
    assert _only("interest.created") == {
        "interest": {
            "id": result.interest.id,
            "project_id": project.id,
            "registration_id": investor.id,
            "level": "ready",
            "amount": 100_000,
            "currency": "USD",
            "instrument": None,
            "created_at": _lima(result.interest.created_at),
        }
    }
    db.session.execute(sa.delete(WebhookDelivery))
    interests.express_interest(project, investor, InterestLevel.FOLLOW)  # an update: no news
    db.session.commit()
    assert _logged() == []


def test_only_the_kinds_an_endpoint_chose_and_only_active_endpoints(ctx, receiver):
    other = WebhookEndpoint(
        event=ctx.event, url=receiver.url, kinds="schedule.published", secret="s", active=True
    )
    off = WebhookEndpoint(
        event=ctx.event, url=receiver.url, kinds="schedule.published", secret="s", active=False
    )
    db.session.add_all([other, off])
    db.session.commit()
    emit(ctx.event, "schedule.published", {"x": 1})
    emit(ctx.event, "project.submitted", {"x": 2})
    db.session.commit()
    rows = db.session.scalars(sa.select(WebhookDelivery).order_by(WebhookDelivery.id)).all()
    assert [(r.endpoint_id, r.kind) for r in rows] == [
        (ctx.endpoint.id, "schedule.published"),
        (other.id, "schedule.published"),
        (ctx.endpoint.id, "project.submitted"),
    ]


def test_no_endpoint_costs_one_query_a_transaction(app, db):
    event = factories.create_event([])
    assert event.id  # loaded before counting
    with app.test_request_context(), count_statements(db) as counted:
        for _n in range(50):
            emit(event, "registration.created", lambda: pytest.fail("built for no one"))
    assert counted.total == 1 and "webhook_endpoints" in counted.statements[0]


def test_publishing_many_meetings_writes_their_webhooks_in_one_insert(ctx):
    event = ctx.event
    block = create_block(event, slots=6)
    tables = create_tables(event, 10)
    people = [factories.create_registration(event, f"P{n}", f"Org {n}") for n in range(40)]
    for n in range(20):
        create_meeting(
            people[2 * n], people[2 * n + 1], slot=block.slots[n % 6], table=tables[n // 6]
        )
    db.session.expire_all()
    with count_statements(db) as counted:
        schedule.publish(event)
    db.session.commit()
    webhook_sql = [s for s in counted.statements if "webhook" in s]
    assert len(webhook_sql) == 3  # the endpoints read once, one insert per kind
    kinds = [kind for kind, _payload in _logged()]
    assert kinds == ["meeting.placed"] * 20 + ["schedule.published"]
    assert {p["data"]["meeting"]["status"] for k, p in _logged() if k == "meeting.placed"} == {
        MeetingStatus.PUBLISHED.value
    }


def test_a_csv_import_tells_each_new_registration(ctx):
    from forum.registration.services.delegate_import import import_delegates

    csv = (
        b"email,name,organisation,organisation_type,country,status\n"
        b"uno@example.org,Uno Uno,Org Uno,producer_org,PE,approved\n"
        b"dos@example.org,Dos Dos,Org Dos,investor,PE,submitted\n"
    )
    imported = import_delegates(ctx.event, csv)
    db.session.commit()
    logged = [(k, p["data"]["registration"]["email"]) for k, p in _logged()]
    assert sorted(logged) == [
        ("registration.approved", "uno@example.org"),
        ("registration.created", "dos@example.org"),
        ("registration.created", "uno@example.org"),
    ]
    assert len(imported) == 2 and db.session.scalar(sa.select(sa.func.count(User.id))) >= 3
    assert {r.status for r in imported} == {
        RegistrationStatus.APPROVED,
        RegistrationStatus.SUBMITTED,
    }


def test_after_publication_an_arranged_meeting_is_placed_and_a_swap_moves_two(ctx):
    from forum.meetings.services.direct import arrange_meeting

    meeting, block, tables, ana, bruno = _placed_meeting(ctx.event)
    carla = factories.create_registration(ctx.event, "Carla Cacao", "Cacao Sur")
    diego = factories.create_registration(ctx.event, "Diego Diaz", "Fondo Diego", country="CO")
    schedule.publish(ctx.event)
    db.session.commit()
    db.session.execute(sa.delete(WebhookDelivery))
    db.session.commit()

    arranged = arrange_meeting(ctx.event, carla, diego, block.slots[1], tables[1])
    db.session.commit()
    data = _only("meeting.placed")["meeting"]
    assert (data["id"], data["status"], data["starts_at"], data["table"]["number"]) == (
        arranged.id,
        "published",
        _lima(block.slots[1].starts_at),
        2,
    )

    db.session.execute(sa.delete(WebhookDelivery))
    edit.swap(meeting, arranged)
    db.session.commit()
    moved = {p["data"]["meeting"]["id"]: p["data"]["meeting"] for _k, p in _logged()}
    assert [k for k, _p in _logged()] == ["meeting.moved", "meeting.moved"]
    assert (moved[meeting.id]["starts_at"], moved[meeting.id]["table"]["number"]) == (
        _lima(block.slots[1].starts_at),
        2,
    )
    assert (moved[arranged.id]["starts_at"], moved[arranged.id]["table"]["number"]) == (
        _lima(block.slots[0].starts_at),
        1,
    )
