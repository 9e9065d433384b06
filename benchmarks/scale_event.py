"""The event of benchmarks/scale.py, in bulk inserts (session.execute(insert(Model), rows)).

At size n = 3,000: 3,000 approved delegates of 1,500 organisations, 120 programme sessions
with two speakers each over three days, 150 tables x 20 slots on each day (three B2B blocks),
20,000 meeting requests of which 10,000 accepted: 9,000 of them placed and published, 1,000
waiting for a slot; 100 projects with interests, one mail per delegate in the outbox, audit
entries and a few conversations. Every count scales with n (n = 300 is one tenth).
Deterministic: the same n and prefix give the same event.
"""

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEntry
from forum.events.models import Event, ProgrammeSession, SessionKind, SessionSpeaker
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingBlock,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    RequestStatus,
)
from forum.messaging.models import Conversation, ConversationMember, Message
from forum.notifications.models import Mail
from forum.projects.models import Interest, InterestLevel, Project, ProjectKind, ProjectStatus
from forum.registration.models import (
    Organisation,
    OrganisationType,
    ParticipantType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)

COUNTRIES = ("PE", "CO", "EC", "BO", "GT", "HN", "IT", "ES")
CHAINS = ("Café", "Cacao", "Quinua", "Lácteos", "Palta", "Alpaca")
SLOTS_PER_DAY = 20
DAYS = 3


def _first_day(event: Event) -> datetime:
    """7:00 UTC on the event's first day (16 Oct 2023 for the factories' event)."""
    return datetime.combine(event.start_date, time(7), UTC)


def _ids(model, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    statement = sa.insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def _programme(event: Event, n: int) -> list[list[int]]:
    """n/25 talks with two speakers each, and one B2B session per day; each day's slots."""
    talks = max(1, n // 25)
    first_day = _first_day(event)
    sessions = _ids(
        ProgrammeSession,
        [
            dict(
                event_id=event.id,
                title=f"Session {i}: value chains and finance",
                description="Panel on investment in agrifood value chains. " * 4,
                kind=SessionKind.PLENARY if i % 10 == 0 else SessionKind.PANEL,
                starts_at=first_day + timedelta(days=i % DAYS, minutes=30 * (i // DAYS % 20)),
                ends_at=first_day + timedelta(days=i % DAYS, minutes=30 * (i // DAYS % 20) + 25),
            )
            for i in range(talks)
        ],
    )
    db.session.execute(
        sa.insert(SessionSpeaker),
        [
            dict(session_id=s, name=f"Speaker {i}-{k}", organisation="FAO", position=k)
            for i, s in enumerate(sessions)
            for k in range(2)
        ],
    )
    days = []
    for day in range(DAYS):
        start = first_day + timedelta(days=day, hours=1)
        session = ProgrammeSession(
            event=event,
            title=f"B2B day {day + 1}",
            kind=SessionKind.B2B,
            starts_at=start,
            ends_at=start + timedelta(minutes=25 * SLOTS_PER_DAY),
        )
        block = MeetingBlock(event=event, session=session)
        db.session.add_all([session, block])
        db.session.flush()
        days.append(
            _ids(
                MeetingSlot,
                [
                    dict(
                        block_id=block.id,
                        event_id=event.id,
                        starts_at=start + timedelta(minutes=25 * k),
                        ends_at=start + timedelta(minutes=25 * k + 20),
                    )
                    for k in range(SLOTS_PER_DAY)
                ],
            )
        )
    return days


def _delegates(event: Event, n: int, prefix: str, now: datetime) -> list[int]:
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
                name=f"{prefix} Cooperativa {i}",
                type=list(OrganisationType)[i % len(OrganisationType)],
                country=COUNTRIES[i % len(COUNTRIES)],
            )
            for i in range(n // 2)
        ],
    )
    users = _ids(
        User,
        [
            dict(email=f"{prefix}{i}@scale.example", name=f"Delegate {prefix}{i}",
                 locale="es" if i % 2 else "en", password_hash="", email_confirmed_at=now,
                 created_at=now)
            for i in range(n)
        ],
    )  # fmt: skip
    registrations = _ids(
        Registration,
        [
            dict(event_id=event.id, user_id=user, organisation_id=organisations[i // 2],
                 participant_type_id=types[i % 3].id, status=RegistrationStatus.APPROVED,
                 job_title="Gerente", created_at=now, updated_at=now, status_changed_at=now)
            for i, user in enumerate(users)
        ],
    )  # fmt: skip
    db.session.execute(
        sa.insert(RegistrationTag),
        [
            dict(registration_id=r, tag_id=tags[i % len(tags)].id, role=TagRole.SECTOR)
            for i, r in enumerate(registrations)
        ],
    )
    return registrations


def _meetings(event: Event, people: list[int], days: list[list[int]], now: datetime) -> None:
    """Delegates in groups of a tenth: in each slot one group meets, the first half of the
    group across the table from the second half, a new partner each time the group's turn
    comes round; so nobody is in two places at once and no pair meets twice."""
    n = len(people)
    tables = n // 20  # 150 at 3,000
    group = n // 10
    table_ids = _ids(MeetingTable, [dict(event_id=event.id, number=t + 1) for t in range(tables)])
    slots = [slot for day in days for slot in day]
    pairs, placed = [], []
    for s, slot in enumerate(slots):
        base = (s % 10) * group
        for t in range(tables):
            pairs.append((people[base + t], people[base + tables + (t + s // 10) % tables]))
            placed.append((slot, table_ids[t]))
    waiting = [(people[i], people[(i + n // 2 + 7) % n]) for i in range(n // 3)]
    accepted = pairs + waiting  # 9,000 placed + 1,000 waiting at 3,000
    others = [(people[i % n], people[(i * 7 + n // 5 + 1) % n]) for i in range(len(accepted))]
    others = [(a, b) for a, b in others if a != b]
    requests = _ids(
        MeetingRequest,
        [
            dict(event_id=event.id, requester_id=a, recipient_id=b, kind=MeetingKind.B2B,
                 status=RequestStatus.ACCEPTED, created_at=now, responded_at=now)
            for a, b in accepted
        ],
    )  # fmt: skip
    db.session.execute(
        sa.insert(MeetingRequest),
        [
            dict(event_id=event.id, requester_id=a, recipient_id=b, kind=MeetingKind.B2B,
                 status=RequestStatus.PENDING if i % 2 else RequestStatus.DECLINED,
                 created_at=now, expires_at=now + timedelta(days=3650))
            for i, (a, b) in enumerate(others)
        ],
    )  # fmt: skip
    where = placed + [(None, None)] * len(waiting)
    meetings = _ids(
        Meeting,
        [
            dict(event_id=event.id, request_id=r, slot_id=slot, table_id=table,
                 status=MeetingStatus.PUBLISHED)
            for r, (slot, table) in zip(requests, where, strict=True)
        ],
    )  # fmt: skip
    db.session.execute(
        sa.insert(MeetingParticipant),
        [
            dict(meeting_id=m, registration_id=person, slot_id=where[j][0])
            for j, m in enumerate(meetings)
            for person in accepted[j]
        ],
    )
    event.schedule_published_at = now


def _projects(event: Event, people: list[int]) -> None:
    n = len(people)
    organisation_of = dict(
        db.session.execute(
            sa.select(Registration.id, Registration.organisation_id).where(
                Registration.id.in_(people[::30])
            )
        ).all()
    )
    projects = _ids(
        Project,
        [
            dict(event_id=event.id, organisation_id=organisation, submitted_by_id=registration,
                 title=f"Project {i}: coffee processing plant", kind=ProjectKind.INVESTMENT_PLAN,
                 summary="A processing plant for smallholder coffee. " * 3,
                 description="Investment in drying and roasting capacity. " * 20,
                 country="PE", amount_sought=(i % 10 + 1) * 100_000_00, currency="USD",
                 status=ProjectStatus.ACCEPTED)
            for i, (registration, organisation) in enumerate(organisation_of.items())
        ],
    )  # fmt: skip
    db.session.execute(
        sa.insert(Interest),
        [
            dict(project_id=projects[i % len(projects)], registration_id=r,
                 level=InterestLevel.INTERESTED)
            for i, r in enumerate(people[1 : n // 3 : 2])
        ],
    )  # fmt: skip


def _mail_audit_messages(event: Event, people: list[int], now: datetime) -> None:
    users = db.session.execute(
        sa.select(Registration.user_id, User.email)
        .join(User, User.id == Registration.user_id)
        .where(Registration.id.in_(people))
    ).all()
    db.session.execute(
        sa.insert(Mail),
        [
            dict(event_id=event.id, user_id=u, recipient=email, subject="Your agenda",
                 body="Your meetings at the forum.\n" * 20, created_at=now)
            for u, email in users
        ],
    )  # fmt: skip
    db.session.execute(
        sa.insert(AuditEntry),
        [
            dict(event_id=event.id, actor_name="Organizer", action="registration.decided",
                 subject=f"Delegate {i}", after={"status": "approved"}, created_at=now)
            for i in range(len(people))
        ],
    )  # fmt: skip
    # the profiled delegate (people[0]) talks with twenty others
    conversations = _ids(
        Conversation,
        [
            dict(event_id=event.id, first_id=people[0], second_id=other, started_by_id=other,
                 created_at=now, last_message_at=now)
            for other in people[1:21]
        ],
    )  # fmt: skip
    db.session.execute(
        sa.insert(ConversationMember),
        [
            dict(conversation_id=c, registration_id=person)
            for c, other in zip(conversations, people[1:21], strict=True)
            for person in (people[0], other)
        ],
    )
    db.session.execute(
        sa.insert(Message),
        [
            dict(conversation_id=c, sender_id=sender, body="Shall we meet?", created_at=now)
            for c, other in zip(conversations, people[1:21], strict=True)
            for sender in (other, people[0], other)
        ],
    )


def build(event: Event, n: int, prefix: str) -> list[int]:
    """Fill the event with n delegates and all the rest; commit; the registration ids."""
    now = datetime.now(UTC).replace(microsecond=0)
    days = _programme(event, n)
    people = _delegates(event, n, prefix, now)
    _meetings(event, people, days, now)
    _projects(event, people)
    _mail_audit_messages(event, people, now)
    db.session.commit()
    return people
