"""What the meeting pages show: blocks, tables, meetings placed or waiting, counts, and the
slots a delegate marks unavailable."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from forum.core.timerange import to_local
from forum.events.models import Event, ProgrammeSession
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingBlock,
    MeetingParticipant,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    RequestStatus,
    Unavailability,
)
from forum.registration.models import Registration, SeatStatus
from forum.registration.services import seating

# The people of a list of meetings in two queries (the meetings, then their participants with
# each one's user and organisation joined), however many meetings the list holds.
WITH_PEOPLE = selectinload(Meeting.participants).options(
    joinedload(MeetingParticipant.registration).options(
        joinedload(Registration.user), joinedload(Registration.organisation)
    )
)


def event_blocks(event: Event) -> list[MeetingBlock]:
    """The event's meeting blocks in programme order, with their slots and sessions."""
    return db.session.scalars(
        sa.select(MeetingBlock)
        .join(ProgrammeSession, MeetingBlock.session_id == ProgrammeSession.id)
        .where(MeetingBlock.event_id == event.id)
        .options(selectinload(MeetingBlock.slots), selectinload(MeetingBlock.session))
        .order_by(ProgrammeSession.starts_at, MeetingBlock.id)
    ).all()


def event_tables(event: Event) -> list[MeetingTable]:
    """The event's tables by number, with their room and host."""
    return db.session.scalars(
        sa.select(MeetingTable)
        .where(MeetingTable.event_id == event.id)
        .options(
            selectinload(MeetingTable.room),
            selectinload(MeetingTable.host).selectinload(Registration.user),
        )
        .order_by(MeetingTable.number)
    ).all()


def waiting_query(event: Event) -> sa.Select:
    """Accepted meetings still waiting for a slot and a table, oldest first (a query: the grid
    shows them a page at a time)."""
    return (
        sa.select(Meeting)
        .join(MeetingRequest, Meeting.request_id == MeetingRequest.id)
        .where(
            Meeting.event_id == event.id,
            Meeting.slot_id.is_(None),
            Meeting.status != MeetingStatus.CANCELLED,
            MeetingRequest.status == RequestStatus.ACCEPTED,
        )
        .options(WITH_PEOPLE)
        .order_by(Meeting.id)
    )


def block_cells(
    slots: list[MeetingSlot], tables: list[MeetingTable]
) -> dict[tuple[int, int], Meeting]:
    """The meetings in these slots at these tables, by (slot id, table id)."""
    if not slots or not tables:
        return {}
    meetings = db.session.scalars(
        sa.select(Meeting)
        .where(
            Meeting.slot_id.in_([s.id for s in slots]),
            Meeting.table_id.in_([t.id for t in tables]),
        )
        .options(WITH_PEOPLE)
    )
    return {(m.slot_id, m.table_id): m for m in meetings}


def meeting_counts(event: Event) -> dict[str, int]:
    """Meetings not cancelled: in all, placed, waiting; and how many are published."""
    rows = db.session.execute(
        sa.select(Meeting.slot_id.is_not(None), sa.func.count())
        .where(Meeting.event_id == event.id, Meeting.status != MeetingStatus.CANCELLED)
        .group_by(Meeting.slot_id.is_not(None))
    ).all()
    placed = sum(n for is_placed, n in rows if is_placed)
    total = sum(n for _placed, n in rows)
    published = db.session.scalar(
        sa.select(sa.func.count()).where(
            Meeting.event_id == event.id, Meeting.status == MeetingStatus.PUBLISHED
        )
    )
    return {"total": total, "placed": placed, "unplaced": total - placed, "published": published}


@dataclass(frozen=True)
class SlotRow:
    """One slot as the delegate sees it: free to mark, or fixed by a session or a meeting."""

    slot: MeetingSlot
    unavailable: bool
    session_title: str = ""  # a session they have a seat in covers it
    has_meeting: bool = False


def availability_rows(registration: Registration) -> list[tuple[str, date, list[SlotRow]]]:
    """Slots grouped by block (its session's title) and local day, in time order."""
    event = registration.event
    marked = set(
        db.session.scalars(
            sa.select(Unavailability.slot_id).where(
                Unavailability.registration_id == registration.id
            )
        )
    )
    meetings = set(
        db.session.scalars(
            sa.select(MeetingParticipant.slot_id).where(
                MeetingParticipant.registration_id == registration.id,
                MeetingParticipant.slot_id.is_not(None),
            )
        )
    )
    seated = [s.session for s in seating.seats_of(registration) if s.status == SeatStatus.SEATED]
    blocks = event_blocks(event)
    groups = []
    for block in sorted((b for b in blocks if b.slots), key=lambda b: b.slots[0].starts_at):
        by_day: dict[date, list[SlotRow]] = {}
        for slot in block.slots:
            covering = next((s.title for s in seated if s.time_range.overlaps(slot.time_range)), "")
            row = SlotRow(slot, slot.id in marked, covering, slot.id in meetings)
            by_day.setdefault(to_local(slot.starts_at, event.tz).date(), []).append(row)
        groups += [(block.session.title, day, rows) for day, rows in sorted(by_day.items())]
    return groups
