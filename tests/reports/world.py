"""A small forum with every kind of figure, the exact values of which the tests know.

Three approved delegates (Ana: investor, Lima, large, a woman, checked in; Bruno: producer,
Cajamarca, a man; Carla: producer, a Colombian ministry, a woman), one submitted and one on
the waiting list, and one self-registered without a confirmed address (never counted).
Value chains Café and Cacao. A grid of 4 slots × 2 tables; meetings Ana→Bruno (held, with an
investment of USD 1,000,000 discussed), Ana→Carla (B2G, a no-show), Bruno→Carla (B2G, not
reported), Bruno→Ana (cancelled) and a pending request Carla→Ana. Projects: two accepted in
Café (USD 500,000) and Café+Cacao (EUR 200,000 at 1.10), one accepted without a value chain or
amount, one submitted; Ana's interest in both Café projects, and a commitment of USD 80,000.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingRequest,
    MeetingStatus,
    RequestStatus,
)
from forum.meetings.services.outcomes import record_outcome
from forum.projects.models import (
    Commitment,
    CommitmentStatus,
    ExchangeRate,
    Interest,
    InterestLevel,
    Project,
    ProjectStatus,
)
from forum.registration.models import (
    Gender,
    OrganisationSize,
    OrganisationType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)
from tests.factories import (
    create_block,
    create_event,
    create_meeting,
    create_organisation,
    create_project,
    create_registration,
    create_tables,
    create_user,
)

Status = RegistrationStatus


@dataclass
class World:
    event: Event
    organizer: object
    ana: Registration
    bruno: Registration
    carla: Registration
    held: Meeting
    projects: list[Project]


def _tag(registration: Registration, *tags: Tag) -> None:
    for tag in tags:
        db.session.add(
            RegistrationTag(registration_id=registration.id, tag_id=tag.id, role=TagRole.SECTOR)
        )


def build_world(with_meetings: bool = True) -> World:
    organizer = create_user(email="organizer@example.org", name="Olga Organizer")
    event = create_event([organizer])
    day = datetime(2023, 9, 1, 12, tzinfo=UTC)
    fondo = create_organisation(
        "Fondo Andino",
        type=OrganisationType.INVESTOR,
        country="PE",
        region="Lima",
        size=OrganisationSize.LARGE,
    )
    coop = create_organisation("Cooperativa Norte", size=OrganisationSize.SMALL)
    ministry = create_organisation(
        "Ministerio de Agricultura",
        type=OrganisationType.NATIONAL_GOVERNMENT,
        country="CO",
        region="",
    )
    ana = create_registration(
        event,
        "Ana Quispe",
        fondo,
        participant_type="Investor",
        gender=Gender.FEMALE,
        checked_in_at=day,
        created_at=day,
    )
    bruno = create_registration(
        event, "Bruno Díaz", coop, participant_type="Producer", gender=Gender.MALE, created_at=day
    )
    carla = create_registration(
        event,
        "Carla Rojas",
        ministry,
        participant_type="Producer",
        gender=Gender.FEMALE,
        created_at=datetime(2023, 9, 2, 12, tzinfo=UTC),
    )
    create_registration(event, "Diego Submitted", coop, status=Status.SUBMITTED, created_at=day)
    create_registration(event, "Eva Waiting", coop, status=Status.WAITING, created_at=day)
    stranger = create_user(email="self@example.org", name="Unconfirmed", confirmed=False)
    create_registration(event, user=stranger, status=Status.SUBMITTED, created_at=day)
    cafe, cacao = Tag(event=event, name_es="Café"), Tag(event=event, name_es="Cacao")
    db.session.add_all([cafe, cacao])
    db.session.flush()
    _tag(ana, cafe)
    _tag(bruno, cafe, cacao)
    db.session.commit()
    held = _meetings(event, ana, bruno, carla) if with_meetings else None
    projects = _projects(event, ana, coop, fondo)
    return World(event, organizer, ana, bruno, carla, held, projects)


def _meetings(event, ana, bruno, carla) -> Meeting:
    slots = create_block(event, slots=4).slots
    tables = create_tables(event, 2)
    held = create_meeting(ana, bruno, slot=slots[0], table=tables[0])
    no_show = create_meeting(ana, carla, slot=slots[1], table=tables[0])
    unreported = create_meeting(bruno, carla, slot=slots[2], table=tables[1])
    create_meeting(bruno, ana, status=MeetingStatus.CANCELLED)
    for meeting in (no_show, unreported):
        meeting.request.kind = MeetingKind.B2G
    db.session.add(
        MeetingRequest(
            event_id=event.id,
            requester_id=carla.id,
            recipient_id=ana.id,
            kind=MeetingKind.B2B,
            status=RequestStatus.PENDING,
        )
    )
    after = slots[3].ends_at
    record_outcome(held, ana, "held", "investment", amount=1_000_000, now=after)
    record_outcome(held, bruno, "held", "follow_up", now=after)
    record_outcome(no_show, ana, "no_show", "none", now=after)
    db.session.commit()
    return held


def _projects(event, ana, coop, fondo) -> list[Project]:
    db.session.add(ExchangeRate(event_id=event.id, currency="EUR", rate=Decimal("1.10")))
    cafe = create_project(event, coop, "Café de altura", tags=("Café",), presenters=[])
    both = create_project(
        event,
        coop,
        "Café y cacao",
        tags=("Café", "Cacao"),
        amount_sought=200_000_00,
        currency="EUR",
        presenters=[],
    )
    cafe.amount_sought = 500_000_00
    bare = create_project(event, fondo, "Sin cadena", amount_sought=None, presenters=[])
    create_project(event, coop, "En revisión", status=ProjectStatus.SUBMITTED, presenters=[])
    first = Interest(project=cafe, registration=ana, level=InterestLevel.READY, amount=100_000_00)
    second = Interest(project=both, registration=ana, level=InterestLevel.INTERESTED)
    db.session.add_all([first, second])
    db.session.flush()
    early, late = datetime(2023, 10, 18, tzinfo=UTC), datetime(2023, 10, 19, tzinfo=UTC)
    db.session.add_all(
        [
            Commitment(interest=first, status=CommitmentStatus.IN_TALKS, recorded_at=early),
            Commitment(
                interest=first,
                status=CommitmentStatus.COMMITTED,
                amount=80_000_00,
                currency="USD",
                recorded_at=late,
            ),
        ]
    )
    db.session.commit()
    return [cafe, both, bare]
