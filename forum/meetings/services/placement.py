"""Where and when a meeting happens: the hard rules in one place, and the one way to move it.

Used by self-booking, the organizer's grid editor and the batch scheduler alike. The
database has the last word (unique slot+table, unique delegate+slot): a service that
loses a race gets an IntegrityError and reports it as a clash.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.events.models import ProgrammeSession
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    Unavailability,
)
from forum.registration.models import Registration, SeatStatus, SessionSeat


def participants_of(meeting: Meeting) -> list[Registration]:
    return [p.registration for p in meeting.participants]


def blocked_slot_ids(registration: Registration) -> set[int]:
    """Slots a delegate cannot meet in: marked unavailable, or in a session they have a seat in."""
    marked = set(
        db.session.scalars(
            sa.select(Unavailability.slot_id).where(
                Unavailability.registration_id == registration.id
            )
        )
    )
    in_sessions = set(
        db.session.scalars(
            sa.select(MeetingSlot.id)
            .join(ProgrammeSession, ProgrammeSession.event_id == MeetingSlot.event_id)
            .join(SessionSeat, SessionSeat.session_id == ProgrammeSession.id)
            .where(
                MeetingSlot.event_id == registration.event_id,
                SessionSeat.registration_id == registration.id,
                SessionSeat.status == SeatStatus.SEATED,
                ProgrammeSession.starts_at < MeetingSlot.ends_at,
                ProgrammeSession.ends_at > MeetingSlot.starts_at,
            )
        )
    )
    return marked | in_sessions


def placement_problems(meeting: Meeting, slot: MeetingSlot, table: MeetingTable) -> list[str]:
    """Every hard rule the placement would break, in words; empty when it is allowed."""
    problems = []
    if slot.event_id != meeting.event_id or table.event_id != meeting.event_id:
        return [_("This slot or table belongs to another event.")]
    if meeting.status == MeetingStatus.CANCELLED:
        problems.append(_("This meeting is cancelled."))
    occupant = db.session.scalar(
        sa.select(Meeting).where(
            Meeting.slot_id == slot.id, Meeting.table_id == table.id, Meeting.id != meeting.id
        )
    )
    if occupant is not None:
        problems.append(_("Table %(table)s is taken at that time.", table=str(table)))
    member_ids = {p.registration_id for p in meeting.participants}
    if table.host_registration_id is not None and table.host_registration_id not in member_ids:
        problems.append(_("Table %(table)s is reserved for its host.", table=str(table)))
    for registration in participants_of(meeting):
        busy = db.session.scalar(
            sa.select(MeetingParticipant.id).where(
                MeetingParticipant.registration_id == registration.id,
                MeetingParticipant.slot_id == slot.id,
                MeetingParticipant.meeting_id != meeting.id,
            )
        )
        if busy is not None:
            problems.append(
                _("%(name)s has another meeting at that time.", name=registration.user.name)
            )
        elif slot.id in blocked_slot_ids(registration):
            problems.append(
                _("%(name)s is not available at that time.", name=registration.user.name)
            )
    return problems


def set_placement(meeting: Meeting, slot: MeetingSlot | None, table: MeetingTable | None) -> None:
    """Put a meeting in a slot and at a table (or take it out), participants included.

    The caller checks the rules and commits. A meeting that moves after it was announced
    gets a higher sequence, so calendar apps replace the old time.
    """
    moved = (meeting.slot_id, meeting.table_id) != (
        slot.id if slot else None,
        table.id if table else None,
    )
    if moved and meeting.slot_id is not None:
        meeting.sequence += 1
    meeting.slot, meeting.table = slot, table
    for participant in meeting.participants:
        participant.slot_id = slot.id if slot else None
