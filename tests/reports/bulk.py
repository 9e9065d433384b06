"""A large event in a few bulk inserts (session.execute(insert(Model), rows)): delegates with
organisations, types, value chains, meeting requests, placed meetings with outcomes, projects,
interests and commitments. For the query-count test (1,000 delegates, under two seconds) and
benchmarks/dashboard_bench.py (3,000). Deterministic: the same n gives the same event.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from forum.accounts.models import User
from forum.events.models import Event, ProgrammeSession, SessionKind
from forum.extensions import db
from forum.meetings.models import (
    Attendance,
    Meeting,
    MeetingBlock,
    MeetingKind,
    MeetingOutcome,
    MeetingParticipant,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    OutcomeKind,
    RequestStatus,
)
from forum.projects.models import (
    Commitment,
    CommitmentStatus,
    ExchangeRate,
    Interest,
    InterestLevel,
    Project,
    ProjectKind,
    ProjectStatus,
    project_tags,
)
from forum.registration.models import (
    Gender,
    Organisation,
    OrganisationSize,
    OrganisationType,
    ParticipantType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)

COUNTRIES = ("PE", "CO", "EC", "BO", "GT", "HN", "IT", "ES")
REGIONS = ("Cusco", "Cajamarca", "Piura", "Junín", "")
CHAINS = ("Café", "Cacao", "Quinua", "Lácteos", "Palta", "Alpaca")
STATUSES = (RegistrationStatus.APPROVED,) * 7 + (
    RegistrationStatus.SUBMITTED,
    RegistrationStatus.WAITING,
    RegistrationStatus.REJECTED,
)
SLOTS = 24
START = datetime(2023, 10, 17, 7, 0, tzinfo=UTC)


def _ids(model, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    statement = sa.insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def _grid(event: Event, tables: int) -> tuple[list[int], list[int]]:
    session = ProgrammeSession(
        event=event,
        title="B2B",
        kind=SessionKind.B2B,
        starts_at=START,
        ends_at=START + timedelta(minutes=25 * SLOTS),
    )
    block = MeetingBlock(event=event, session=session)
    db.session.add_all([session, block])
    db.session.flush()
    slots = _ids(
        MeetingSlot,
        [
            dict(
                block_id=block.id,
                event_id=event.id,
                starts_at=START + timedelta(minutes=25 * n),
                ends_at=START + timedelta(minutes=25 * n + 20),
            )
            for n in range(SLOTS)
        ],
    )
    table_ids = _ids(MeetingTable, [dict(event_id=event.id, number=n + 1) for n in range(tables)])
    return slots, table_ids


def _delegates(event: Event, n: int, prefix: str) -> list[int]:
    types = [
        ParticipantType(event=event, name_es=name, position=i)
        for i, name in enumerate(("Investor", "Producer", "Government"))
    ]
    tags = [Tag(event=event, name_es=name) for name in CHAINS]
    db.session.add_all(types + tags)
    db.session.flush()
    organisations = _ids(
        Organisation,
        [
            dict(
                name=f"{prefix} organisation {i}",
                type=list(OrganisationType)[i % len(OrganisationType)],
                country=COUNTRIES[i % len(COUNTRIES)],
                region=REGIONS[i % len(REGIONS)],
                size=(*OrganisationSize, None)[i % 5],
            )
            for i in range(max(1, n // 2))
        ],
    )
    users = _ids(
        User,
        [
            dict(email=f"{prefix}{i}@bulk.example", name=f"Delegate {i}", email_confirmed_at=START)
            for i in range(n)
        ],
    )
    created = START - timedelta(days=60)
    registrations = _ids(
        Registration,
        [
            dict(
                event_id=event.id,
                user_id=user,
                organisation_id=organisations[i // 2],
                participant_type_id=types[i % 3].id,
                status=STATUSES[i % len(STATUSES)],
                gender=(*Gender, None)[i % 5],
                checked_in_at=START if i % 3 == 0 else None,
                created_at=created + timedelta(hours=7 * i * 60 // max(n, 1)),
            )
            for i, user in enumerate(users)
        ],
    )
    db.session.execute(
        sa.insert(RegistrationTag),
        [
            dict(registration_id=r, tag_id=tags[(i + k) % len(tags)].id, role=TagRole.SECTOR)
            for i, r in enumerate(registrations)
            for k in range(1 + i % 2)
        ],
    )
    return registrations


def _meetings(event: Event, registrations: list[int]) -> None:
    """Pairs (2j, 2j+1) meet once, each delegate in one meeting: no clash to mind. Every
    fourth pair's request is B2G; a tenth of the meetings wait for a slot, a twentieth are
    cancelled; the others report held (most), no-show, cancelled on the day or nothing."""
    pairs = [(registrations[k], registrations[k + 1]) for k in range(0, len(registrations) - 1, 2)]
    tables = max(1, -(-len(pairs) // SLOTS))
    slots, table_ids = _grid(event, tables)
    kinds = [MeetingKind.B2G if j % 4 == 3 else MeetingKind.B2B for j in range(len(pairs))]
    requests = _ids(
        MeetingRequest,
        [
            dict(
                event_id=event.id,
                requester_id=a,
                recipient_id=b,
                kind=kinds[j],
                status=RequestStatus.ACCEPTED,
            )
            for j, (a, b) in enumerate(pairs)
        ],
    )
    # and requests that did not become meetings: pending, declined
    db.session.execute(
        sa.insert(MeetingRequest),
        [
            dict(
                event_id=event.id,
                requester_id=registrations[i],
                recipient_id=registrations[(i + 3) % len(registrations)],
                kind=MeetingKind.B2B,
                status=RequestStatus.PENDING if i % 2 else RequestStatus.DECLINED,
            )
            for i in range(0, len(registrations), 3)
        ],
    )
    rows, placed = [], []
    for j, request in enumerate(requests):
        waiting, cancelled = j % 10 == 9, j % 20 == 7
        slot = None if waiting or cancelled else slots[j % SLOTS]
        table = None if waiting or cancelled else table_ids[j // SLOTS]
        status = MeetingStatus.CANCELLED if cancelled else MeetingStatus.PUBLISHED
        rows.append(
            dict(event_id=event.id, request_id=request, slot_id=slot, table_id=table, status=status)
        )
        placed.append(slot is not None)
    meetings = _ids(Meeting, rows)
    db.session.execute(
        sa.insert(MeetingParticipant),
        [
            dict(meeting_id=m, registration_id=person, slot_id=rows[j]["slot_id"])
            for j, m in enumerate(meetings)
            for person in pairs[j]
        ],
    )
    outcomes = []
    for j, m in enumerate(meetings):
        if not placed[j] or j % 7 == 6:
            continue  # not reported
        a, b = pairs[j]
        attendance = (Attendance.HELD,) * 5 + (Attendance.NO_SHOW, Attendance.CANCELLED_ON_DAY)
        said = attendance[j % 7]
        held = said == Attendance.HELD
        kind = (OutcomeKind.FOLLOW_UP, OutcomeKind.PARTNERSHIP, OutcomeKind.INVESTMENT_DISCUSSION)
        outcome = kind[j % 3] if held else OutcomeKind.NONE
        amount = 50_000 * (1 + j % 9) if outcome == OutcomeKind.INVESTMENT_DISCUSSION else None
        outcomes.append(
            dict(meeting_id=m, registration_id=a, attendance=said, outcome=outcome, amount=amount)
        )
        if j % 2:
            outcomes.append(dict(meeting_id=m, registration_id=b, attendance=said))
    db.session.execute(sa.insert(MeetingOutcome), outcomes)


def _projects(event: Event, registrations: list[int]) -> None:
    tags = list(db.session.scalars(sa.select(Tag.id).where(Tag.event_id == event.id)))
    organisation_of = dict(
        db.session.execute(
            sa.select(Registration.id, Registration.organisation_id).where(
                Registration.id.in_(registrations[:: max(1, len(registrations) // 200)])
            )
        ).all()
    )
    db.session.add(ExchangeRate(event_id=event.id, currency="EUR", rate=Decimal("1.08")))
    owners = list(organisation_of.items())[: max(1, len(registrations) // 20)]
    projects = _ids(
        Project,
        [
            dict(
                event_id=event.id,
                organisation_id=organisation,
                submitted_by_id=registration,
                title=f"Project {i}",
                kind=ProjectKind.INVESTMENT_PLAN,
                country="PE",
                amount_sought=(i % 10 + 1) * 100_000_00,
                currency="EUR" if i % 4 == 0 else "USD",
                status=ProjectStatus.ACCEPTED if i % 5 else ProjectStatus.SUBMITTED,
            )
            for i, (registration, organisation) in enumerate(owners)
        ],
    )
    db.session.execute(
        sa.insert(project_tags),
        [dict(project_id=p, tag_id=tags[i % len(tags)]) for i, p in enumerate(projects)],
    )
    interests = _ids(
        Interest,
        [
            dict(
                project_id=projects[i % len(projects)],
                registration_id=registration,
                level=InterestLevel.INTERESTED,
                amount=(i % 5) * 20_000_00 or None,
            )
            for i, registration in enumerate(registrations[1::10])
        ],
    )
    db.session.execute(
        sa.insert(Commitment),
        [
            dict(
                interest_id=interest,
                status=list(CommitmentStatus)[i % 4],
                amount=(i % 3 + 1) * 25_000_00,
                currency="USD",
                recorded_at=START + timedelta(days=3),
            )
            for i, interest in enumerate(interests[::2])
        ],
    )


def grow(event: Event, n: int, prefix: str = "d") -> None:
    """Add n delegates and all that goes with them to the event, and commit."""
    registrations = _delegates(event, n, prefix)
    _meetings(event, registrations)
    _projects(event, registrations)
    db.session.commit()
