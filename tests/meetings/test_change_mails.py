"""Who hears what when a published meeting moves, is swapped or the plan is published again."""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum.meetings.models import MeetingStatus
from forum.meetings.services import edit as meeting_edit
from forum.meetings.services import schedule
from forum.notifications.models import Mail
from forum.registration.models import OrganisationType
from tests.factories import create_block, create_meeting, create_registration, create_tables
from tests.query_count import count_statements

EN_SUBJECT = "A meeting of yours has changed at Hand-in-Hand Investment Forum 2023"
ES_SUBJECT = "Cambió una de sus reuniones en Hand-in-Hand Investment Forum 2023"


@pytest.fixture
def forum(db, create_event):
    """Four slots from 10:00 (Rome), three tables; Ana reads English, Luis Spanish."""
    event = create_event()
    block = create_block(event, slots=4)
    return SimpleNamespace(
        event=event,
        slots=block.slots,
        tables=create_tables(event, 3),
        ana=create_registration(event, "Ana Quispe", "Cooperativa San Ignacio", locale="en"),
        pedro=create_registration(event, "Pedro Chávez", "Cooperativa San Ignacio", locale="en"),
        luis=create_registration(
            event, "Luis Torres", "Fondo Andino", org_type=OrganisationType.INVESTOR, locale="es"
        ),
        eva=create_registration(event, "Eva Mamani", "Lácteos La Libertad", locale="es"),
        juan=create_registration(event, "Juan Ríos", "Café Jaén", locale="en"),
    )


def mails(db) -> dict[str, Mail]:
    """The outbox by recipient; fails if anyone got two mails."""
    rows = db.session.scalars(sa.select(Mail).order_by(Mail.id)).all()
    by_recipient = {m.recipient: m for m in rows}
    assert len(by_recipient) == len(rows), [m.recipient for m in rows]
    return by_recipient


def flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").split())


def test_moving_a_published_meeting_tells_every_participant_old_and_new_place(db, forum):
    meeting = create_meeting(
        forum.ana,
        forum.luis,
        forum.pedro,
        slot=forum.slots[0],
        table=forum.tables[0],
        status=MeetingStatus.PUBLISHED,
    )

    meeting_edit.move(meeting, forum.slots[2], forum.tables[1])

    outbox = mails(db)
    assert sorted(outbox) == sorted(r.user.email for r in (forum.ana, forum.pedro, forum.luis))
    ana = outbox[forum.ana.user.email]
    assert (ana.subject, ana.locale) == (EN_SUBJECT, "en")
    body = flat(ana.body)
    assert "Was: Oct 17, 2023, 10:00 AM–10:20 AM Rome time, table 1" in body
    assert "Now: Oct 17, 2023, 10:50 AM–11:10 AM Rome time, table 2" in body
    assert "With Luis Torres (Fondo Andino)" in body
    assert "Your colleagues: Pedro Chávez (Cooperativa San Ignacio)" in body
    luis = outbox[forum.luis.user.email]
    assert (luis.subject, luis.locale) == (ES_SUBJECT, "es")
    body = flat(luis.body)
    assert "Antes: 17 oct 2023, 10:00–10:20 hora de Roma, mesa 1" in body
    assert "Ahora: 17 oct 2023, 10:50–11:10 hora de Roma, mesa 2" in body
    assert "Con Ana Quispe (Cooperativa San Ignacio), Pedro Chávez (Cooperativa San Ignacio)" in (
        body
    )
    assert "colegas" not in body  # Luis came alone
    pedro = flat(outbox[forum.pedro.user.email].body)
    assert "With Luis Torres (Fondo Andino)" in pedro
    assert "Your colleagues: Ana Quispe (Cooperativa San Ignacio)" in pedro


def test_swapping_published_meetings_tells_all_four_their_own_times(db, forum):
    first = create_meeting(
        forum.ana,
        forum.luis,
        slot=forum.slots[0],
        table=forum.tables[0],
        status=MeetingStatus.PUBLISHED,
    )
    second = create_meeting(
        forum.eva,
        forum.juan,
        slot=forum.slots[1],
        table=forum.tables[1],
        status=MeetingStatus.PUBLISHED,
    )

    meeting_edit.swap(first, second)

    outbox = mails(db)
    people = (forum.ana, forum.luis, forum.eva, forum.juan)
    assert sorted(outbox) == sorted(r.user.email for r in people)
    assert {m.subject for m in outbox.values()} == {EN_SUBJECT, ES_SUBJECT}
    ana = flat(outbox[forum.ana.user.email].body)
    assert "Was: Oct 17, 2023, 10:00 AM–10:20 AM Rome time, table 1" in ana
    assert "Now: Oct 17, 2023, 10:25 AM–10:45 AM Rome time, table 2" in ana
    assert "With Luis Torres (Fondo Andino)" in ana
    eva = outbox[forum.eva.user.email]
    assert eva.subject == ES_SUBJECT
    assert "Antes: 17 oct 2023, 10:25–10:45 hora de Roma, mesa 2" in flat(eva.body)
    assert "Ahora: 17 oct 2023, 10:00–10:20 hora de Roma, mesa 1" in flat(eva.body)
    assert "Con Juan Ríos (Café Jaén)" in flat(eva.body)
    juan = flat(outbox[forum.juan.user.email].body)
    assert "Was: Oct 17, 2023, 10:25 AM–10:45 AM Rome time, table 2" in juan
    assert "Now: Oct 17, 2023, 10:00 AM–10:20 AM Rome time, table 1" in juan


def test_moving_or_swapping_unpublished_meetings_tells_no_one(db, forum):
    first = create_meeting(forum.ana, forum.luis, slot=forum.slots[0], table=forum.tables[0])
    second = create_meeting(forum.eva, forum.juan, slot=forum.slots[1], table=forum.tables[1])
    unplaced = create_meeting(forum.pedro, forum.eva)

    meeting_edit.move(first, forum.slots[2], forum.tables[2])
    meeting_edit.swap(first, second)
    meeting_edit.move(unplaced, forum.slots[3], forum.tables[0])

    assert db.session.scalar(sa.select(sa.func.count(Mail.id))) == 0


def test_swapping_a_published_with_a_draft_meeting_tells_only_the_published_side(db, forum):
    published = create_meeting(
        forum.ana,
        forum.luis,
        slot=forum.slots[0],
        table=forum.tables[0],
        status=MeetingStatus.PUBLISHED,
    )
    draft = create_meeting(forum.eva, forum.juan, slot=forum.slots[1], table=forum.tables[1])

    meeting_edit.swap(published, draft)

    assert sorted(mails(db)) == sorted([forum.ana.user.email, forum.luis.user.email])


def test_publishing_twice_tells_no_one_twice(db, forum):
    create_meeting(forum.ana, forum.luis, forum.pedro, slot=forum.slots[0], table=forum.tables[0])
    create_meeting(forum.eva, forum.juan, slot=forum.slots[1], table=forum.tables[1])

    assert schedule.publish(forum.event) == 5
    assert schedule.publish(forum.event) == 0

    outbox = mails(db)
    assert len(outbox) == 5
    assert {m.subject for m in outbox.values()} == {
        "Your meetings at Hand-in-Hand Investment Forum 2023",
        "Sus reuniones en Hand-in-Hand Investment Forum 2023",
    }
    ana = flat(outbox[forum.ana.user.email].body)
    assert "Oct 17, 2023, 10:00 AM–10:20 AM Rome time, table 1" in ana
    assert "With Luis Torres (Fondo Andino)" in ana
    assert "Your colleagues: Pedro Chávez (Cooperativa San Ignacio)" in ana
    # The delegate's own colleague is never listed as someone to meet.
    assert "With Pedro" not in ana and "Pedro Chávez (Cooperativa San Ignacio)," not in ana
    luis = flat(outbox[forum.luis.user.email].body)
    assert "17 oct 2023, 10:00–10:20 hora de Roma, mesa 1" in luis
    assert "Con Ana Quispe (Cooperativa San Ignacio), Pedro Chávez (Cooperativa San Ignacio)" in (
        luis
    )


def test_a_meeting_placed_after_publishing_is_told_only_to_its_people(db, forum):
    create_meeting(forum.ana, forum.luis, slot=forum.slots[0], table=forum.tables[0])
    schedule.publish(forum.event)
    db.session.execute(sa.delete(Mail))
    db.session.commit()
    late = create_meeting(forum.eva, forum.juan)
    meeting_edit.move(late, forum.slots[1], forum.tables[1])  # a draft: no mail yet

    assert schedule.publish(forum.event) == 2

    assert sorted(mails(db)) == sorted([forum.eva.user.email, forum.juan.user.email])


def _publish_statements(db, create_event, slug: str, meetings: int) -> list[str]:
    """Every statement of publishing `meetings` meetings of three delegates each, mails
    stored included (one insert for all of them)."""
    event = create_event(slug=slug)
    slots = create_block(event, slots=meetings).slots
    table = create_tables(event, 1)[0]
    for n in range(meetings):
        requester = create_registration(event, f"Ana {slug} {n}", f"Cooperativa {n}")
        colleague = create_registration(event, f"Pedro {slug} {n}", f"Cooperativa {n}")
        recipient = create_registration(event, f"Luis {slug} {n}", f"Fondo {n}", locale="es")
        create_meeting(requester, recipient, colleague, slot=slots[n], table=table)
    db.session.expire_all()
    with count_statements(db) as counted:
        assert schedule.publish(event) == 3 * meetings
    told = db.session.scalars(sa.select(Mail).where(Mail.event_id == event.id)).all()
    assert len({m.recipient for m in told}) == len(told) == 3 * meetings
    assert all(flat(m.body).count(", table 1") + flat(m.body).count(", mesa 1") == 1 for m in told)
    return counted.statements


def test_publishing_loads_all_delegates_meetings_in_a_constant_number_of_queries(db, create_event):
    three = _publish_statements(db, create_event, "three", 1)  # 3 delegates
    twelve = _publish_statements(db, create_event, "twelve", 4)  # 12 delegates

    assert len(twelve) == len(three) <= 20
    assert sum(s.lstrip().upper().startswith("INSERT INTO MAILS") for s in twelve) == 1
