"""Meeting set-up: the slot grid of each B2B/B2G session, the tables, delegates' unavailability.

Slot times are computed on instants (UTC), not wall clocks, so a 20-minute slot lasts 20
minutes even on the night clocks change.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.savepoint import all_or_nothing
from forum.events.models import Event, ProgrammeSession, Room, SessionKind
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingBlock,
    MeetingParticipant,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    Unavailability,
)
from forum.registration.models import Registration

SLOT_MINUTES = (5, 240)
BREAK_MINUTES = (0, 120)
MAX_TABLES_AT_ONCE = 500


def slot_times(
    starts_at: datetime, ends_at: datetime, slot_minutes: int, break_minutes: int
) -> list[tuple[datetime, datetime]]:
    """Slot, break, slot, ... from the start; the last slot ends by the end (a tail is dropped)."""
    slot, step = timedelta(minutes=slot_minutes), timedelta(minutes=slot_minutes + break_minutes)
    times, start = [], starts_at
    while start + slot <= ends_at:
        times.append((start, start + slot))
        start += step
    return times


def _check_lengths(slot_minutes: int, break_minutes: int) -> None:
    errors: dict[str, list[str]] = {}
    if not SLOT_MINUTES[0] <= slot_minutes <= SLOT_MINUTES[1]:
        errors["slot_minutes"] = [
            _(
                "A slot lasts between %(min)d and %(max)d minutes.",
                min=SLOT_MINUTES[0],
                max=SLOT_MINUTES[1],
            )
        ]
    if not BREAK_MINUTES[0] <= break_minutes <= BREAK_MINUTES[1]:
        errors["break_minutes"] = [
            _(
                "A break lasts between %(min)d and %(max)d minutes.",
                min=BREAK_MINUTES[0],
                max=BREAK_MINUTES[1],
            )
        ]
    if errors:
        raise DomainError(errors)


@all_or_nothing
def save_block(
    event: Event, session: ProgrammeSession, slot_minutes: int, break_minutes: int
) -> MeetingBlock:
    """Create or update the meeting block of a B2B session and (re)generate its slots."""
    if session.event_id != event.id:
        raise DomainError(_("This session belongs to another event."))
    if session.kind != SessionKind.B2B:
        raise DomainError(_("Meeting slots can only be set in B2B/B2G meeting sessions."))
    _check_lengths(slot_minutes, break_minutes)
    wanted = slot_times(session.starts_at, session.ends_at, slot_minutes, break_minutes)
    if not wanted:
        raise DomainError(
            _("The session is too short for one slot of %(num)d minutes.", num=slot_minutes),
            "slot_minutes",
        )
    lock_row(Event, event.id)  # no meeting is placed in a slot while it is being replaced
    block = db.session.scalar(sa.select(MeetingBlock).where(MeetingBlock.session_id == session.id))
    if block is None:
        block = MeetingBlock(event_id=event.id, session_id=session.id)
        db.session.add(block)
    existing = list(block.slots)
    keep = set(wanted)
    doomed = [slot for slot in existing if (slot.starts_at, slot.ends_at) not in keep]
    held = _meetings_in([slot.id for slot in doomed])
    if held:
        raise DomainError(
            ngettext(
                "%(num)d meeting is placed in slots that would disappear: move it first.",
                "%(num)d meetings are placed in slots that would disappear: move them first.",
                held,
            )
        )
    for slot in doomed:
        block.slots.remove(slot)
    db.session.flush()  # free (block, starts_at) before a slot with the same start comes back
    have = {(slot.starts_at, slot.ends_at) for slot in block.slots}
    for start, end in wanted:
        if (start, end) not in have:
            block.slots.append(MeetingSlot(event_id=event.id, starts_at=start, ends_at=end))
    block.slot_minutes, block.break_minutes = slot_minutes, break_minutes
    db.session.flush()
    return block


def _meetings_in(slot_ids: list[int]) -> int:
    if not slot_ids:
        return 0
    return db.session.scalar(
        sa.select(sa.func.count(Meeting.id)).where(
            Meeting.slot_id.in_(slot_ids), Meeting.status != MeetingStatus.CANCELLED
        )
    )


def block_is_current(block: MeetingBlock) -> bool:
    """Whether the block's slots still fill its session (the session may have moved since)."""
    wanted = slot_times(
        block.session.starts_at, block.session.ends_at, block.slot_minutes, block.break_minutes
    )
    return wanted == [(slot.starts_at, slot.ends_at) for slot in block.slots]


def _own_room(event: Event, room: Room | None) -> Room | None:
    if room is not None and room.event_id != event.id:
        raise DomainError(_("Choose a room of this event."), "room_id")
    return room


def _check_video_url(video_url: str) -> str:
    video_url = (video_url or "").strip()
    if video_url and not video_url.lower().startswith(("https://", "http://")):
        raise DomainError(_("The video link must start with https://."), "video_url")
    return video_url


def add_tables(
    event: Event,
    count: int,
    room: Room | None = None,
    first_number: int | None = None,
    is_virtual: bool = False,
    video_url: str = "",
) -> list[MeetingTable]:
    """Add `count` tables numbered consecutively (after the highest number by default)."""
    if not 1 <= count <= MAX_TABLES_AT_ONCE:
        raise DomainError(
            _("Add between 1 and %(max)d tables at once.", max=MAX_TABLES_AT_ONCE), "count"
        )
    room, video_url = _own_room(event, room), _check_video_url(video_url)
    lock_row(Event, event.id)
    taken = set(
        db.session.scalars(sa.select(MeetingTable.number).where(MeetingTable.event_id == event.id))
    )
    start = first_number if first_number is not None else max(taken, default=0) + 1
    if start < 1:
        raise DomainError(_("Table numbers start at 1."), "first_number")
    numbers = range(start, start + count)
    clash = sorted(taken.intersection(numbers))
    if clash:
        raise DomainError(
            _("Table %(num)d exists already: choose another first number.", num=clash[0]),
            "first_number",
        )
    tables = [
        MeetingTable(
            event_id=event.id,
            number=number,
            room_id=room.id if room else None,
            is_virtual=is_virtual,
            video_url=video_url,
        )
        for number in numbers
    ]
    db.session.add_all(tables)
    db.session.flush()
    return tables


def update_table(
    table: MeetingTable,
    *,
    label: str = "",
    room: Room | None = None,
    host: Registration | None = None,
    is_virtual: bool = False,
    video_url: str = "",
) -> MeetingTable:
    """Change a table's label, room, host, virtual flag and video link."""
    event = db.session.get(Event, table.event_id)
    room, video_url = _own_room(event, room), _check_video_url(video_url)
    if host is not None and (host.event_id != event.id or not host.is_approved):
        raise DomainError(_("The host must be an approved delegate of this event."), "host_id")
    if host is not None and host.id != table.host_registration_id:
        others = _meetings_without(table, host)
        if others:
            raise DomainError(
                ngettext(
                    "%(num)d meeting without this host is placed at the table: move it first.",
                    "%(num)d meetings without this host are placed at the table: move them first.",
                    others,
                ),
                "host_id",
            )
    table.label = (label or "").strip()[:120]
    table.room_id = room.id if room else None
    table.host_registration_id = host.id if host else None
    table.is_virtual, table.video_url = is_virtual, video_url
    db.session.flush()
    return table


def _meetings_without(table: MeetingTable, host: Registration) -> int:
    with_host = sa.select(MeetingParticipant.meeting_id).where(
        MeetingParticipant.registration_id == host.id
    )
    return db.session.scalar(
        sa.select(sa.func.count(Meeting.id)).where(
            Meeting.table_id == table.id,
            Meeting.slot_id.is_not(None),
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.id.not_in(with_host),
        )
    )


def delete_table(table: MeetingTable) -> None:
    """Delete a table, unless meetings are placed at it."""
    placed = db.session.scalar(
        sa.select(sa.func.count(Meeting.id)).where(
            Meeting.table_id == table.id, Meeting.status != MeetingStatus.CANCELLED
        )
    )
    if placed:
        raise DomainError(
            ngettext(
                "%(num)d meeting is placed at table %(table)s: move it first.",
                "%(num)d meetings are placed at table %(table)s: move them first.",
                placed,
                table=str(table),
            )
        )
    db.session.delete(table)
    db.session.flush()


def set_unavailable(registration: Registration, slot_ids: Iterable[int]) -> set[int]:
    """Replace the slots a delegate marked unavailable; refuse slots where they have a meeting."""
    wanted = {int(slot_id) for slot_id in slot_ids}
    known = set(
        db.session.scalars(
            sa.select(MeetingSlot.id).where(
                MeetingSlot.event_id == registration.event_id, MeetingSlot.id.in_(wanted)
            )
        )
    )
    if known != wanted:
        raise DomainError(_("Choose slots of this event."))
    busy = db.session.scalars(
        sa.select(MeetingSlot)
        .join(MeetingParticipant, MeetingParticipant.slot_id == MeetingSlot.id)
        .where(MeetingParticipant.registration_id == registration.id, MeetingSlot.id.in_(wanted))
        .order_by(MeetingSlot.starts_at)
    ).first()
    if busy is not None:
        raise DomainError(_("You have a meeting in one of these slots: ask the organizers first."))
    current = {
        row.slot_id: row
        for row in db.session.scalars(
            sa.select(Unavailability).where(Unavailability.registration_id == registration.id)
        )
    }
    for slot_id, row in current.items():
        if slot_id not in wanted:
            db.session.delete(row)
    for slot_id in wanted - current.keys():
        db.session.add(Unavailability(registration_id=registration.id, slot_id=slot_id))
    db.session.flush()
    return wanted
