"""A small world for the API: one published forum with its team, delegates, a meeting and a
project; a draft and another team's event; a token per role (made by the token service)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time

import pytest

from forum.api.models import TokenScope
from forum.api.services.tokens import create_token
from forum.events.models import EventRole, EventStatus, Room, SessionSpeaker
from forum.extensions import db as _db
from forum.extensions import limiter
from forum.meetings.models import Attendance, MeetingOutcome, OutcomeKind
from forum.projects.models import (
    Commitment,
    CommitmentStatus,
    Instrument,
    Interest,
    InterestLevel,
)
from forum.registration.models import RegistrationStatus
from tests import factories
from tests.factories.meetings import create_block, create_meeting, create_tables
from tests.factories.projects import create_project

ROLES = ("organizer", "desk", "reviewer", "viewer")


@dataclass
class ApiWorld:
    event: object
    ids: dict[str, int] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)

    def auth(self, who: str = "organizer") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secrets[who]}"}


def build_api_world() -> ApiWorld:
    """hih-2023 (Rome, published) with a team of four, three delegates, a placed meeting with
    an outcome, an accepted project with interest and a commitment; draft-2024 and
    other-2024 belong to another organizer."""
    team = {role: factories.create_user(f"{role}@team.example", role.title()) for role in ROLES}
    admin = factories.create_user("admin@team.example", "Admin", admin=True)
    outsider = factories.create_user("other@team.example", "Otto")
    event = factories.create_event()
    for role, user in team.items():
        _db.session.add(EventRole(event=event, user=user, role=role))
    factories.create_event(
        slug="draft-2024", name="Draft forum", status=EventStatus.DRAFT, organizers=[outsider]
    )
    factories.create_event(slug="other-2024", name="Other forum", organizers=[outsider])
    room = Room(event=event, name="Sala Verde", capacity=120)
    _db.session.add(room)
    track = factories.create_track(event, "Café")
    _db.session.commit()
    session = factories.create_session(
        event,
        "Opening plenary",
        start=time(9, 30),
        end=time(10, 30),
        room_id=room.id,
        track_id=track.id,
    )
    session.speakers.append(
        SessionSpeaker(name="Máximo Torero", organisation="FAO", role="Chief economist")
    )
    ana = factories.create_registration(
        event, "Ana Quispe", "Cooperativa Jaén", job_title="Gerente"
    )
    bruno = factories.create_registration(
        event, "Bruno Rossi", "Banca Etica", status=RegistrationStatus.SUBMITTED, country="IT"
    )
    carla = factories.create_registration(event, "Carla Díaz", "Fondo Andino", country="CO")
    block = create_block(event, slots=2)
    table = create_tables(event, 1)[0]
    meeting = create_meeting(ana, carla, slot=block.slots[0], table=table)
    outcome = MeetingOutcome(
        meeting_id=meeting.id,
        registration_id=carla.id,
        attendance=Attendance.HELD,
        outcome=OutcomeKind.FOLLOW_UP,
        amount=50_000,
        currency="USD",
        notes="Visit in May",
    )
    project = create_project(event, ana.organisation, submitted_by=ana, presenters=[ana])
    interest = Interest(
        project_id=project.id,
        registration_id=carla.id,
        level=InterestLevel.READY,
        amount=1_000_000_00,
        currency="USD",
        instrument=Instrument.DEBT,
    )
    _db.session.add_all([outcome, interest])
    _db.session.flush()
    commitment = Commitment(
        interest_id=interest.id,
        amount=800_000_00,
        currency="USD",
        status=CommitmentStatus.TERM_SHEET,
        instrument=Instrument.DEBT,
    )
    _db.session.add(commitment)
    _db.session.commit()
    world = ApiWorld(event=event)
    world.ids.update(
        event=event.id,
        room=room.id,
        track=track.id,
        session=session.id,
        ana=ana.id,
        bruno=bruno.id,
        carla=carla.id,
        meeting=meeting.id,
        request=meeting.request_id,
        slot=block.slots[0].id,
        table=table.id,
        outcome=outcome.id,
        project=project.id,
        interest=interest.id,
        commitment=commitment.id,
        organisation=ana.organisation_id,
    )
    owners = {**team, "admin": admin, "outsider": outsider}
    for who, user in owners.items():
        world.secrets[who] = create_token(user, f"{who} sync", TokenScope.READ_WRITE).secret
    world.secrets["organizer_read"] = create_token(
        team["organizer"], "read only", TokenScope.READ
    ).secret
    _db.session.commit()
    return world


@pytest.fixture
def world(db):
    limiter.reset()
    return build_api_world()


@pytest.fixture
def api(app, world):
    return app.test_client()


FIXED_NOW = datetime(2023, 10, 1, 12, tzinfo=UTC)
