"""Each side's account of a meeting, and the event's totals."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.meetings.models import Attendance, MeetingOutcome, MeetingStatus, OutcomeKind
from forum.meetings.services.outcomes import outcome_counts, record_outcome
from tests.factories import create_block, create_meeting, create_registration, create_tables


@pytest.fixture
def placed(db, create_event):
    """A meeting between a cooperative and an investor at 10:00 Rome on 17 October 2023."""
    event = create_event()
    block = create_block(event, slots=3)
    tables = create_tables(event, 2)
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria San Ignacio")
    luis = create_registration(event, "Luis Torres", "Fondo Andino")
    meeting = create_meeting(ana, luis, slot=block.slots[0], table=tables[0])
    return meeting, ana, luis, block.slots, tables


def test_outcome_refused_before_the_meeting_starts(placed):
    meeting, ana, _luis, slots, _tables = placed
    early = slots[0].starts_at - timedelta(seconds=1)
    with pytest.raises(DomainError) as caught:
        record_outcome(meeting, ana, Attendance.HELD, OutcomeKind.FOLLOW_UP, now=early)
    assert str(caught.value) == "You can record what happened once the meeting has started."


def test_outcome_recorded_once_per_side_and_edit_updates_it(db, placed):
    meeting, ana, luis, slots, _tables = placed
    start = slots[0].starts_at
    first = record_outcome(meeting, ana, "held", "follow_up", notes=" Visit in Jaén ", now=start)
    again = record_outcome(
        meeting, ana, "held", "investment", amount=250_000, currency="usd", now=start
    )
    record_outcome(meeting, luis, Attendance.HELD, OutcomeKind.PARTNERSHIP, amount=9, now=start)
    assert again.id == first.id
    rows = db.session.execute(
        sa.select(
            MeetingOutcome.registration_id,
            MeetingOutcome.attendance,
            MeetingOutcome.outcome,
            MeetingOutcome.amount,
            MeetingOutcome.currency,
            MeetingOutcome.notes,
        ).order_by(MeetingOutcome.registration_id)
    ).all()
    assert rows == [
        (ana.id, Attendance.HELD, OutcomeKind.INVESTMENT_DISCUSSION, 250_000, "USD", ""),
        (luis.id, Attendance.HELD, OutcomeKind.PARTNERSHIP, None, "USD", ""),  # no amount
    ]


@pytest.mark.parametrize(
    "args, errors",
    [
        (("no_show", "partnership"), {"outcome": ["A meeting that was not held has no outcome."]}),
        (("held", "investment", -5), {"amount": ["The amount cannot be negative."]}),
        (
            ("held", "none", None, "dollars"),
            {"currency": ["Give the currency as a three-letter code, such as USD."]},
        ),
        (("maybe", "none"), {"": ["Choose what happened and the outcome."]}),
    ],
)
def test_outcome_input_checked(placed, args, errors):
    meeting, ana, _luis, slots, _tables = placed
    with pytest.raises(DomainError) as caught:
        record_outcome(meeting, ana, *args, now=slots[0].ends_at)
    assert caught.value.errors == errors


def test_outcome_only_for_participants_of_a_held_placed_meeting(db, placed):
    meeting, ana, luis, slots, tables = placed
    eva = create_registration(meeting.event, "Eva Mamani", "Lácteos La Libertad")
    later = slots[2].ends_at
    with pytest.raises(DomainError, match="Only the participants of a meeting"):
        record_outcome(meeting, eva, "held", "none", now=later)
    unplaced = create_meeting(ana, eva)
    with pytest.raises(DomainError, match="This meeting has no time yet."):
        record_outcome(unplaced, ana, "held", "none", now=later)
    meeting.status = MeetingStatus.CANCELLED
    db.session.commit()
    with pytest.raises(DomainError, match="This meeting is cancelled."):
        record_outcome(meeting, luis, "held", "none", now=later)


def test_outcome_counts_are_exact(db, placed, create_event):
    meeting, ana, luis, slots, tables = placed
    event = meeting.event
    eva = create_registration(event, "Eva Mamani", "Lácteos La Libertad")
    juan = create_registration(event, "Juan Ríos", "Café Jaén")
    second = create_meeting(eva, juan, slot=slots[0], table=tables[1])
    third = create_meeting(ana, eva, slot=slots[1], table=tables[0])
    now = slots[2].ends_at
    # Both sides of the first meeting report one investment discussion (counted once, at max).
    record_outcome(meeting, ana, "held", "investment", amount=200_000, currency="USD", now=now)
    record_outcome(meeting, luis, "held", "investment", amount=250_000, currency="USD", now=now)
    record_outcome(second, eva, "held", "investment", amount=80_000, currency="PEN", now=now)
    record_outcome(second, juan, "held", "follow_up", now=now)
    record_outcome(third, ana, "no_show", "none", now=now)
    record_outcome(third, eva, "cancelled_on_day", "none", now=now)
    other_event = create_event(slug="peru-2024", name="Foro Perú")
    assert outcome_counts(other_event)["records"] == 0
    assert outcome_counts(event) == {
        "attendance": {
            Attendance.HELD: 4,
            Attendance.NO_SHOW: 1,
            Attendance.CANCELLED_ON_DAY: 1,
        },
        "outcomes": {
            OutcomeKind.FOLLOW_UP: 1,
            OutcomeKind.PARTNERSHIP: 0,
            OutcomeKind.INVESTMENT_DISCUSSION: 3,
            OutcomeKind.NONE: 2,
        },
        "amounts": {"PEN": 80_000, "USD": 250_000},
        "records": 6,
        "meetings_reported": 3,
    }
