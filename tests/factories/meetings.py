"""Meeting grids and meetings, straight from the models.

Blocks hang off a B2B programme session; meetings come from an accepted request and
carry their participants, placed or not.
"""

from datetime import UTC, datetime, timedelta

from forum.events.models import Event, ProgrammeSession, SessionKind
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingBlock,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingRequestColleague,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    RequestStatus,
)
from forum.registration.models import Registration

# 10:00 in Rome on the second day of the default test event (hih-2023).
BLOCK_START = datetime(2023, 10, 17, 8, 0, tzinfo=UTC)


def create_block(
    event: Event,
    starts_at: datetime = BLOCK_START,
    slots: int = 4,
    slot_minutes: int = 20,
    break_minutes: int = 5,
) -> MeetingBlock:
    """A B2B session with a block of `slots` consecutive slots."""
    step = timedelta(minutes=slot_minutes + break_minutes)
    ends_at = starts_at + step * slots
    session = ProgrammeSession(
        event=event,
        title=f"B2B meetings {starts_at:%H:%M}",
        kind=SessionKind.B2B,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    block = MeetingBlock(
        event=event, session=session, slot_minutes=slot_minutes, break_minutes=break_minutes
    )
    db.session.add_all([session, block])
    for n in range(slots):
        start = starts_at + step * n
        block.slots.append(
            MeetingSlot(
                event_id=event.id, starts_at=start, ends_at=start + timedelta(minutes=slot_minutes)
            )
        )
    db.session.add(block)
    db.session.commit()
    return block


def create_tables(
    event: Event, count: int, hosts: dict[int, Registration] | None = None
) -> list[MeetingTable]:
    """Tables numbered 1..count; `hosts` maps a table number to the delegate it is reserved for."""
    hosts = hosts or {}
    tables = [
        MeetingTable(
            event_id=event.id,
            number=n,
            host_registration_id=hosts[n].id if n in hosts else None,
        )
        for n in range(1, count + 1)
    ]
    db.session.add_all(tables)
    db.session.commit()
    return tables


def create_meeting(
    requester: Registration,
    recipient: Registration,
    *colleagues: Registration,
    slot: MeetingSlot | None = None,
    table: MeetingTable | None = None,
    locked: bool = False,
    status: MeetingStatus = MeetingStatus.SCHEDULED,
) -> Meeting:
    """An accepted request and its meeting, at `slot` and `table` if given."""
    event = requester.event
    request = MeetingRequest(
        event_id=event.id,
        requester_id=requester.id,
        recipient_id=recipient.id,
        kind=MeetingKind.B2B,
        status=RequestStatus.ACCEPTED,
        colleagues=[MeetingRequestColleague(registration_id=c.id) for c in colleagues],
    )
    meeting = Meeting(
        event_id=event.id,
        request=request,
        slot=slot,
        table=table,
        locked=locked,
        status=status,
    )
    for registration in (requester, recipient, *colleagues):
        meeting.participants.append(
            MeetingParticipant(registration_id=registration.id, slot_id=slot.id if slot else None)
        )
    db.session.add(meeting)
    db.session.commit()
    return meeting
