"""The lines of a delegate's My meetings page, read as plain rows: their requests (received and
sent) in one statement and their meetings in another, with the names each line shows.

The page is the most requested of a forum (every request sent redirects to it), and loading
ORM objects, their people and organisations was half of its CPU: these lines carry only what
the page prints, in small frozen dataclasses (the statements are built once per process).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache

import sqlalchemy as sa
from flask_babel import pgettext
from sqlalchemy.orm import aliased

from forum.accounts.models import User
from forum.events.models import Room
from forum.extensions import db
from forum.meetings.models import (
    HalfDay,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingRequestColleague,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    RequestStatus,
)
from forum.registration.models import Organisation, Registration


@dataclass(frozen=True)
class Person:
    """A delegate as a line names them: Registration.display_name, organisation, erased."""

    id: int
    display_name: str
    organisation: str  # "" when none
    is_erased: bool


@dataclass(frozen=True)
class RequestLine:
    """A request as My meetings lists it, with the other side and the named colleagues."""

    id: int
    requester_id: int
    recipient_id: int
    kind: MeetingKind
    priority: int
    message: str
    preferred_day: date | None
    preferred_half: HalfDay | None
    status: RequestStatus  # as shown at the time asked (a pending one past its deadline: expired)
    decline_reason: str
    expires_at: datetime | None
    other: Person
    colleagues: tuple[str, ...]  # the requester's colleagues' names


@dataclass(frozen=True)
class TableLine:
    """A meeting's table: what the line prints and what events.services.links.table_link reads."""

    number: int
    label: str
    room: str
    is_virtual: bool
    video_url: str
    event_id: int

    def __str__(self) -> str:
        return self.label or str(self.number)


@dataclass(frozen=True)
class MeetingLine:
    """A meeting the delegate takes part in, as its line on My meetings shows it."""

    id: int
    status: MeetingStatus
    starts_at: datetime | None  # its slot's, None while not placed
    ends_at: datetime | None
    cancelled_starts_at: datetime | None
    table: TableLine | None
    request_id: int
    kind: MeetingKind
    requester_id: int
    recipient_id: int
    other_name: str  # the request's other party's name (the cancel button's hidden words)
    counterparts: tuple[Person, ...]  # the other side of the table, by name
    colleagues: tuple[Person, ...]  # the delegate's own colleagues at the table, by name


def _erased(registration, user) -> sa.ColumnElement:
    return sa.or_(registration.erased_at.is_not(None), user.erased_at.is_not(None))


def _person(row, prefix: str, former: str) -> Person:
    erased = bool(row[f"{prefix}_erased"])
    return Person(
        id=row[f"{prefix}_id"],
        display_name=former if erased else row[f"{prefix}_name"],
        organisation=row[f"{prefix}_org"] or "",
        is_erased=erased,
    )


@cache
def _requests_statement() -> sa.Select:
    """Both ways' requests, open ones received first, then the newest; one row per named
    colleague (none: one row). Parameters: me, now."""
    me, now = sa.bindparam("me"), sa.bindparam("now", type_=MeetingRequest.expires_at.type)
    other_reg, other_user, other_org = aliased(Registration), aliased(User), aliased(Organisation)
    col_reg, col_user = aliased(Registration), aliased(User)
    request = MeetingRequest
    open_to_answer = sa.and_(
        request.recipient_id == me,
        request.status == RequestStatus.PENDING,
        sa.or_(request.expires_at.is_(None), request.expires_at > now),
    )
    other_id = _other_party_id(me)
    return (
        sa.select(
            request.id,
            request.requester_id,
            request.recipient_id,
            request.kind,
            request.priority,
            request.message,
            request.preferred_day,
            request.preferred_half,
            request.status,
            request.decline_reason,
            request.expires_at,
            other_reg.id.label("other_id"),
            other_user.name.label("other_name"),
            _erased(other_reg, other_user).label("other_erased"),
            other_org.name.label("other_org"),
            MeetingRequestColleague.registration_id.label("colleague_id"),
            col_user.name.label("colleague_name"),
            _erased(col_reg, col_user).label("colleague_erased"),
        )
        .join(other_reg, other_reg.id == other_id)
        .join(other_user, other_user.id == other_reg.user_id)
        .outerjoin(other_org, other_org.id == other_reg.organisation_id)
        .outerjoin(MeetingRequestColleague, MeetingRequestColleague.request_id == request.id)
        .outerjoin(col_reg, col_reg.id == MeetingRequestColleague.registration_id)
        .outerjoin(col_user, col_user.id == col_reg.user_id)
        .where(sa.or_(request.recipient_id == me, request.requester_id == me))
        .order_by(
            sa.case((open_to_answer, 0), else_=1),
            request.created_at.desc(),
            request.id.desc(),
            MeetingRequestColleague.registration_id,
        )
    )


def _shown_status(status: RequestStatus, expires_at: datetime | None, now: datetime):
    """MeetingRequest.status_at for a row: a pending request past its deadline reads expired."""
    if status == RequestStatus.PENDING and expires_at is not None and expires_at <= now:
        return RequestStatus.EXPIRED
    return status


def request_lines(me: int, now: datetime) -> tuple[list[RequestLine], list[RequestLine]]:
    """(received, sent): delegate_lists.requests_both_ways's lists in their orders, as lines."""
    former = pgettext("person", "a former delegate")
    rows = db.session.execute(_requests_statement(), {"me": me, "now": now}).mappings()
    lines: dict[int, RequestLine] = {}
    colleagues: dict[int, list[str]] = {}
    for row in rows:
        named = colleagues.setdefault(row["id"], [])
        if row["colleague_id"] is not None:
            named.append(former if row["colleague_erased"] else row["colleague_name"])
        if row["id"] in lines:
            continue
        lines[row["id"]] = RequestLine(
            id=row["id"],
            requester_id=row["requester_id"],
            recipient_id=row["recipient_id"],
            kind=row["kind"],
            priority=row["priority"],
            message=row["message"],
            preferred_day=row["preferred_day"],
            preferred_half=row["preferred_half"],
            status=_shown_status(row["status"], row["expires_at"], now),
            decline_reason=row["decline_reason"],
            expires_at=row["expires_at"],
            other=_person(row, "other", former),
            colleagues=(),
        )
    done = [
        _with_colleagues(line, colleagues[line.id]) if colleagues[line.id] else line
        for line in lines.values()
    ]
    return [r for r in done if r.recipient_id == me], [r for r in done if r.requester_id == me]


def _with_colleagues(line: RequestLine, names: list[str]) -> RequestLine:
    return replace(line, colleagues=tuple(names))


def _other_party_id(me: sa.BindParameter) -> sa.ColumnElement[int]:
    """The request's party that is not `me` (its requester or its recipient)."""
    return sa.case(
        (MeetingRequest.requester_id == me, MeetingRequest.recipient_id),
        else_=MeetingRequest.requester_id,
    )


@cache
def _meetings_statement() -> sa.Select:
    """The delegate's meetings, one row per participant, with its slot, table, room, request,
    the request's other party's name and each participant's side. Parameter: me."""
    me = sa.bindparam("me")
    mine, seat = aliased(MeetingParticipant), aliased(MeetingParticipant)
    person, user, org = aliased(Registration), aliased(User), aliased(Organisation)
    other_reg, other_user = aliased(Registration), aliased(User)
    request = MeetingRequest
    other_id = _other_party_id(me)
    return (
        sa.select(
            Meeting.id,
            Meeting.status,
            Meeting.cancelled_starts_at,
            MeetingSlot.starts_at,
            MeetingSlot.ends_at,
            MeetingTable.id.label("table_id"),
            MeetingTable.number,
            MeetingTable.label,
            MeetingTable.is_virtual,
            MeetingTable.video_url,
            MeetingTable.event_id,
            Room.name.label("room"),
            request.id.label("request_id"),
            request.kind,
            request.requester_id,
            request.recipient_id,
            other_user.name.label("request_other_name"),
            _erased(other_reg, other_user).label("request_other_erased"),
            seat.registration_id.label("seat_id"),
            user.name.label("seat_name"),
            _erased(person, user).label("seat_erased"),
            org.name.label("seat_org"),
            sa.or_(
                seat.registration_id == request.requester_id,
                MeetingRequestColleague.registration_id.is_not(None),
            ).label("seat_requester_side"),
        )
        .select_from(mine)
        .join(Meeting, Meeting.id == mine.meeting_id)
        .join(request, request.id == Meeting.request_id)
        .join(other_reg, other_reg.id == other_id)
        .join(other_user, other_user.id == other_reg.user_id)
        .outerjoin(MeetingSlot, MeetingSlot.id == Meeting.slot_id)
        .outerjoin(MeetingTable, MeetingTable.id == Meeting.table_id)
        .outerjoin(Room, Room.id == MeetingTable.room_id)
        .join(seat, seat.meeting_id == Meeting.id)
        .join(person, person.id == seat.registration_id)
        .join(user, user.id == person.user_id)
        .outerjoin(org, org.id == person.organisation_id)
        .outerjoin(
            MeetingRequestColleague,
            sa.and_(
                MeetingRequestColleague.request_id == request.id,
                MeetingRequestColleague.registration_id == seat.registration_id,
            ),
        )
        .where(mine.registration_id == me)
    )


def _by_name(person: Person) -> tuple[str, int]:
    """agenda.by_name for a line's person."""
    return person.display_name.casefold(), person.id


def meeting_lines(me: int) -> list[MeetingLine]:
    """Meetings the delegate takes part in (cancelled ones too): placed by time, then the
    rest; each with agenda.meeting_sides's two sides (the other side of the table, the
    delegate's colleagues) by name."""
    former = pgettext("person", "a former delegate")
    rows = db.session.execute(_meetings_statement(), {"me": me}).mappings()
    firsts: dict[int, sa.RowMapping] = {}
    seats: dict[int, dict[int, tuple[Person, bool]]] = {}
    for row in rows:
        firsts.setdefault(row["id"], row)
        seat = _person(row, "seat", former)
        seats.setdefault(row["id"], {})[seat.id] = (seat, bool(row["seat_requester_side"]))
    lines = [
        _meeting_line(row, seats[meeting_id], me, former) for meeting_id, row in firsts.items()
    ]
    return sorted(lines, key=_meeting_order)


def _meeting_line(row, seats: dict[int, tuple[Person, bool]], me: int, former: str) -> MeetingLine:
    # My side is the requester's when I am on it (agenda.meeting_sides), else the other one.
    my_side = row["requester_id"] == me or (me in seats and seats[me][1])
    people = sorted(seats.values(), key=lambda seat: _by_name(seat[0]))
    table = None
    if row["table_id"] is not None:
        table = TableLine(
            number=row["number"],
            label=row["label"],
            room=row["room"] or "",
            is_virtual=row["is_virtual"],
            video_url=row["video_url"],
            event_id=row["event_id"],
        )
    return MeetingLine(
        id=row["id"],
        status=row["status"],
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        cancelled_starts_at=row["cancelled_starts_at"],
        table=table,
        request_id=row["request_id"],
        kind=row["kind"],
        requester_id=row["requester_id"],
        recipient_id=row["recipient_id"],
        other_name=former if row["request_other_erased"] else row["request_other_name"],
        counterparts=tuple(p for p, side in people if side != my_side),
        colleagues=tuple(p for p, side in people if side == my_side and p.id != me),
    )


def _meeting_order(line: MeetingLine) -> tuple:
    """Placed by time, then the rest; cancelled ones last."""
    start = line.starts_at if line.starts_at is not None else line.cancelled_starts_at
    cancelled = line.status == MeetingStatus.CANCELLED
    return (cancelled, start is None, start.timestamp() if start else 0.0, line.id)
