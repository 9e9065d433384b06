"""Twenty delegates booking the same slot at once: exactly one gets it (run on PostgreSQL in CI)."""

import threading
import time
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from forum.meetings.models import Meeting, MeetingParticipant
from forum.registration.models import OrganisationType
from tests.factories import (
    PASSWORD,
    create_block,
    create_meeting,
    create_registration,
    create_tables,
)

CLICKS = 20
BUSY = "Rosa Huamán has another meeting at that time."
NO_TABLE = "No table is free at that time; choose another time."
CLASH = "Someone else just took this slot or table; reload and try again."


@pytest.fixture
def event(db, create_event):
    return create_event(
        slug="peru-2030",
        timezone="America/Lima",
        start_date=date(2030, 3, 19),
        end_date=date(2030, 3, 20),
        self_booking=True,
    )


def _logged_in(app, registration):
    client = app.test_client()
    response = client.post("/login", data={"email": registration.user.email, "password": PASSWORD})
    assert response.status_code == 302
    with client.session_transaction() as session:
        session.pop("_flashes", None)  # the welcome; only the booking's answer counts
    return client


def _race(app, bookings: list[tuple]) -> tuple[list[int], dict[str, int], float]:
    """Each (registration, meeting, slot) books at the same instant from its own client.

    Returns the status codes, how often each message was flashed, and the seconds it took.
    """
    clients = [(_logged_in(app, r), m.id, s.id) for r, m, s in bookings]
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []
    messages: dict[str, int] = {}
    lock = threading.Lock()

    def click(client, meeting_id, slot_id):
        url = f"/events/peru-2030/meetings/{meeting_id}/book"
        barrier.wait()
        response = client.post(url, data={"slot_id": slot_id})
        with client.session_transaction() as session:
            flashed = [message for _category, message in session.get("_flashes", [])]
        with lock:
            statuses.append(response.status_code)
            for message in flashed:
                messages[message] = messages.get(message, 0) + 1

    threads = [threading.Thread(target=click, args=c) for c in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses, messages, time.perf_counter() - started


def test_twenty_counterparts_of_one_ministry_book_the_same_slot(app, db, event):
    block = create_block(event, starts_at=datetime(2030, 3, 19, 14, 0, tzinfo=UTC), slots=2)
    ministry = create_registration(
        event,
        "Rosa Huamán",
        "Gobierno Regional Cajamarca",
        org_type=OrganisationType.REGIONAL_GOVERNMENT,
    )
    create_tables(event, 25, hosts={1: ministry})  # plenty of tables: the ministry is the limit
    slot = block.slots[0]
    bookings = []
    for n in range(CLICKS):
        producer = create_registration(event, f"Productor {n:02d}", f"Cooperativa {n:02d}")
        bookings.append((producer, create_meeting(producer, ministry), slot))

    statuses, messages, seconds = _race(app, bookings)

    print(f"\n{db.engine.dialect.name}: {CLICKS} clicks in {seconds:.2f}s, {messages}")
    assert sorted(statuses) == [302] * CLICKS  # answered, no error page
    placed = db.session.execute(
        sa.select(Meeting.slot_id, Meeting.table_id).where(Meeting.slot_id.is_not(None))
    ).all()
    assert len(placed) == 1
    assert placed[0][0] == slot.id
    ministry_rows = db.session.scalar(
        sa.select(sa.func.count(MeetingParticipant.id)).where(
            MeetingParticipant.registration_id == ministry.id,
            MeetingParticipant.slot_id.is_not(None),
        )
    )
    assert ministry_rows == 1
    assert messages.get("Your meeting is booked.") == 1
    assert sum(messages.get(m, 0) for m in (BUSY, CLASH)) == CLICKS - 1


def test_twenty_pairs_race_for_the_last_free_table(app, db, event):
    block = create_block(event, starts_at=datetime(2030, 3, 19, 14, 0, tzinfo=UTC), slots=2)
    tables = create_tables(event, 2)
    slot = block.slots[0]
    first = create_registration(event, "Ana Quispe", "Cooperativa Agraria San Ignacio")
    create_meeting(
        first, create_registration(event, "Luis Torres", "Fondo Andino"), slot=slot, table=tables[0]
    )
    bookings = []
    for n in range(CLICKS):
        producer = create_registration(event, f"Productor {n:02d}", f"Cooperativa {n:02d}")
        investor = create_registration(event, f"Inversor {n:02d}", f"Fondo {n:02d}")
        bookings.append((investor, create_meeting(producer, investor), slot))

    statuses, messages, seconds = _race(app, bookings)

    print(f"\n{db.engine.dialect.name}: {CLICKS} clicks in {seconds:.2f}s, {messages}")
    assert sorted(statuses) == [302] * CLICKS
    at_slot = (
        db.session.execute(
            sa.select(Meeting.table_id).where(Meeting.slot_id == slot.id).order_by(Meeting.table_id)
        )
        .scalars()
        .all()
    )
    assert at_slot == [tables[0].id, tables[1].id]
    assert (
        db.session.scalar(sa.select(sa.func.count(Meeting.id)).where(Meeting.slot_id.is_not(None)))
        == 2
    )
    assert messages.get("Your meeting is booked.") == 1
    assert sum(messages.get(m, 0) for m in (NO_TABLE, CLASH)) == CLICKS - 1


def test_twenty_members_of_one_delegation_book_different_slots(app, db, event):
    block = create_block(event, starts_at=datetime(2030, 3, 19, 14, 0, tzinfo=UTC), slots=CLICKS)
    create_tables(event, 2)
    ministry = create_registration(
        event,
        "Rosa Huamán",
        "Gobierno Regional Cajamarca",
        org_type=OrganisationType.REGIONAL_GOVERNMENT,
    )
    leader = create_registration(event, "Ana Quispe", "Cooperativa Agraria San Ignacio")
    colleagues = [
        create_registration(event, f"Socia {n:02d}", "Cooperativa") for n in range(CLICKS - 2)
    ]
    meeting = create_meeting(leader, ministry, *colleagues)
    members = [leader, ministry, *colleagues]
    bookings = [(r, meeting, slot) for r, slot in zip(members, block.slots, strict=True)]

    statuses, messages, seconds = _race(app, bookings)

    print(f"\n{db.engine.dialect.name}: {CLICKS} clicks in {seconds:.2f}s, {messages}")
    assert sorted(statuses) == [302] * CLICKS
    db.session.expire_all()
    booked = db.session.get(Meeting, meeting.id)
    assert booked.slot_id is not None
    assert {p.slot_id for p in booked.participants} == {booked.slot_id}
    assert booked.version == 2  # written once
    assert messages.get("Your meeting is booked.") == 1
    assert sum(messages.get(m, 0) for m in ("This meeting already has a time.", CLASH)) == 19
