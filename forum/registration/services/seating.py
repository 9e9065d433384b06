"""Seats in programme sessions with a capacity, and their waiting lists.

A seat is taken under a lock on the session row: however many delegates click at once,
no more than `capacity` are seated and the rest queue in order.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.events.models import ProgrammeSession
from forum.extensions import db
from forum.notifications import notify
from forum.registration.models import Registration, SeatStatus, SessionSeat


def find_seat(session: ProgrammeSession, registration: Registration) -> SessionSeat | None:
    return db.session.scalar(
        sa.select(SessionSeat).filter_by(session_id=session.id, registration_id=registration.id)
    )


def seated_count(session: ProgrammeSession) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(SessionSeat.id)).where(
            SessionSeat.session_id == session.id, SessionSeat.status == SeatStatus.SEATED
        )
    )


def sign_up(session: ProgrammeSession, registration: Registration) -> SessionSeat:
    """Take a seat, or a place on the waiting list when the session is full."""
    if registration.event_id != session.event_id or not registration.is_approved:
        raise DomainError(_("Only approved delegates of this event can sign up."))
    lock_row(ProgrammeSession, session.id)
    seat = find_seat(session, registration)
    if seat is not None:
        return seat
    full = session.capacity is not None and seated_count(session) >= session.capacity
    seat = SessionSeat(
        session_id=session.id,
        registration_id=registration.id,
        status=SeatStatus.WAITING if full else SeatStatus.SEATED,
    )
    db.session.add(seat)
    db.session.flush()
    return seat


def leave(session: ProgrammeSession, registration: Registration) -> SessionSeat | None:
    """Give up a seat (or a waiting place); the first in the queue takes a freed seat."""
    lock_row(ProgrammeSession, session.id)
    seat = find_seat(session, registration)
    if seat is None:
        return None
    freed = seat.status == SeatStatus.SEATED
    db.session.delete(seat)
    db.session.flush()
    promoted = _fill_freed_seat(session) if freed else None
    db.session.flush()
    if promoted is not None:
        notify.seat_promoted(promoted.registration, session)
    return promoted


def _fill_freed_seat(session: ProgrammeSession) -> SessionSeat | None:
    if session.capacity is not None and seated_count(session) >= session.capacity:
        return None
    first = db.session.scalar(
        sa.select(SessionSeat)
        .where(SessionSeat.session_id == session.id, SessionSeat.status == SeatStatus.WAITING)
        .order_by(SessionSeat.created_at, SessionSeat.id)
        .limit(1)
    )
    if first is not None:
        first.status = SeatStatus.SEATED
    return first


def waiting_position(seat: SessionSeat) -> int:
    """1 for the first in the queue."""
    return 1 + db.session.scalar(
        sa.select(sa.func.count(SessionSeat.id)).where(
            SessionSeat.session_id == seat.session_id,
            SessionSeat.status == SeatStatus.WAITING,
            sa.or_(
                SessionSeat.created_at < seat.created_at,
                sa.and_(SessionSeat.created_at == seat.created_at, SessionSeat.id < seat.id),
            ),
        )
    )


def seats_of(registration: Registration) -> list[SessionSeat]:
    """A delegate's seats and waiting places, in programme order."""
    return db.session.scalars(
        sa.select(SessionSeat)
        .join(ProgrammeSession, SessionSeat.session_id == ProgrammeSession.id)
        .where(SessionSeat.registration_id == registration.id)
        .order_by(ProgrammeSession.starts_at)
    ).all()
