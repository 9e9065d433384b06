"""What part of the meeting grid the organizer looks at: a range of tables, one delegate.

The grid of a large forum (26 tables and more) does not fit a screen: it is shown a range of
tables at a time (`?tables=9-16`, or `all` while they are few), and can be narrowed to the
meetings of the delegates whose name or organisation matches a search (`?who=quispe`). The
same view shortens the move and swap choices of a meeting's page to the cells in sight; the
swap choices are the plausible ones (each side free at the other's time), at most SWAP_MAX,
and a search finds any other meeting. What a page shows is bounded, whatever the event's size.
"""

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import aliased, contains_eager, joinedload

from forum.accounts.models import User
from forum.core.text_search import all_words, search_words
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Meeting,
    MeetingBlock,
    MeetingParticipant,
    MeetingSlot,
    MeetingTable,
)
from forum.meetings.services import grid
from forum.meetings.services.edit import busy_slot_ids
from forum.meetings.services.grid import WITH_PEOPLE
from forum.registration.models import Organisation, Registration

RANGE_WIDTH = 8  # tables side by side on a 1280-pixel screen without scrolling
RANGE_MAX = 16  # the widest range a page shows (and `all` up to it): its HTML stays small
ALL = "all"
_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
WHO_MAX = 80
PEOPLE_SHOWN = 20  # delegates named above the grid when a search matches many
FOUND_MAX = 100  # their meetings listed in the block
SWAP_MAX = 100  # meetings offered to swap with
WAITING_PER_PAGE = 50  # meetings without a place, listed under the grid


@dataclass(frozen=True)
class TableRange:
    """Tables `first` to `last` (by number), or every table when `first` is None."""

    first: int | None = None
    last: int | None = None

    @property
    def param(self) -> str:
        return ALL if self.first is None else f"{self.first}-{self.last}"

    def holds(self, table: MeetingTable) -> bool:
        return self.first is None or self.first <= table.number <= self.last


def _span(tables: list[MeetingTable]) -> TableRange | None:
    return TableRange(tables[0].number, tables[-1].number) if tables else None


def can_show_all(tables: list[MeetingTable]) -> bool:
    return len(tables) <= RANGE_MAX


def table_range(text: str | None, tables: list[MeetingTable]) -> TableRange:
    """The range asked for (`3-10`, `all`), cut to its first RANGE_MAX tables; the first
    RANGE_WIDTH tables when none, unreadable, or `all` of more than RANGE_MAX."""
    if (text or "").strip() == ALL and can_show_all(tables):
        return TableRange()
    match = _RANGE.match(text or "")
    if match:
        first, last = sorted(int(n) for n in match.groups())
        inside = [t for t in tables if first <= t.number <= last]
        if len(inside) > RANGE_MAX:
            return _span(inside[:RANGE_MAX])
        return TableRange(first, last)
    return _span(tables[:RANGE_WIDTH]) or TableRange()


def range_pages(tables: list[MeetingTable]) -> list[TableRange]:
    """The ranges of RANGE_WIDTH tables the grid pages through (one when they all fit)."""
    if len(tables) <= RANGE_WIDTH:
        return []
    return [_span(tables[i : i + RANGE_WIDTH]) for i in range(0, len(tables), RANGE_WIDTH)]


def neighbours(
    tables: list[MeetingTable], current: TableRange
) -> tuple[TableRange | None, TableRange | None]:
    """The ranges just before and just after the current one, as wide (at least RANGE_WIDTH:
    from the last, shorter range the previous one is a whole range)."""
    shown = [i for i, t in enumerate(tables) if current.holds(t)]
    if current.first is None or not shown:
        return None, None
    width = max(len(shown), RANGE_WIDTH)
    before = tables[max(0, shown[0] - width) : shown[0]]
    after = tables[shown[-1] + 1 : shown[-1] + 1 + width]
    return _span(before), _span(after)


def _matching(event: Event, words) -> sa.Select:
    return (
        sa.select(Registration)
        .join(User, Registration.user_id == User.id)
        .outerjoin(Organisation, Registration.organisation_id == Organisation.id)
        .where(
            Registration.event_id == event.id,
            Registration.erased_at.is_(None),
            all_words((User.name, Organisation.name), words),
        )
    )


def matching_registrations(event: Event, who: str, limit: int | None = None) -> list[Registration]:
    """The event's delegates whose name or organisation holds each word of `who` (any order),
    by name; the first `limit` of them when given."""
    words = search_words(who[:WHO_MAX])
    if not words:
        return []
    query = _matching(event, words).options(joinedload(Registration.user))
    return db.session.scalars(query.order_by(User.name, Registration.id).limit(limit)).all()


def _meetings_of(event: Event, text: str) -> sa.Select:
    """The ids of the meetings of the delegates `text` finds."""
    people = _matching(event, search_words(text[:WHO_MAX])).with_only_columns(Registration.id)
    return sa.select(MeetingParticipant.meeting_id).where(
        MeetingParticipant.registration_id.in_(people)
    )


@dataclass
class GridView:
    """The tables in sight, and (with a search) the delegates it picks: `people` the first
    PEOPLE_SHOWN by name, `people_ids` all of them."""

    tables: list[MeetingTable]
    shown: TableRange
    who: str = ""
    people: list[Registration] = field(default_factory=list)
    people_ids: frozenset[int] = frozenset()

    @property
    def filtered(self) -> bool:
        return bool(self.who)

    @property
    def more_people(self) -> int:
        return len(self.people_ids) - len(self.people)

    def involves(self, meeting: Meeting) -> bool:
        """Whether the meeting is shown in full (no search, or one of its people matches)."""
        if not self.who:
            return True
        return any(p.registration_id in self.people_ids for p in meeting.participants)

    def params(self, **extra) -> dict:
        """The query parameters that show this view again (for links and forms)."""
        params = {"tables": self.shown.param, **extra}
        if self.who:
            params["who"] = self.who
        return params


def grid_view(
    event: Event, tables: list[MeetingTable], tables_param: str | None, who: str | None
) -> GridView:
    shown = table_range(tables_param, tables)
    who = (who or "").strip()[:WHO_MAX]
    view = GridView([t for t in tables if shown.holds(t)], shown, who)
    if who:
        view.people = matching_registrations(event, who, PEOPLE_SHOWN)
        words = search_words(who)
        if words:
            ids = _matching(event, words).with_only_columns(Registration.id)
            view.people_ids = frozenset(db.session.scalars(ids))
    return view


def waiting_query(event: Event, view: GridView) -> sa.Select:
    """The meetings waiting for a place, only those of the searched delegates with a search."""
    query = grid.waiting_query(event)
    if view.filtered:
        query = query.where(Meeting.id.in_(_meetings_of(event, view.who)))
    return query


def _in_time_and_table_order(query: sa.Select, limit: int) -> tuple[list[Meeting], bool]:
    """The first `limit` meetings of the query by time and table, with their people, slot and
    table; and whether there are more."""
    rows = db.session.scalars(
        query.join(MeetingSlot, Meeting.slot_id == MeetingSlot.id)
        .join(MeetingTable, Meeting.table_id == MeetingTable.id)
        .options(WITH_PEOPLE, contains_eager(Meeting.slot), contains_eager(Meeting.table))
        .order_by(MeetingSlot.starts_at, MeetingTable.number, Meeting.id)
        .limit(limit + 1)
    ).all()
    return rows[:limit], len(rows) > limit


def found_meetings(
    event: Event, view: GridView, slots: list[MeetingSlot]
) -> tuple[list[Meeting], bool]:
    """The searched delegates' meetings in these slots, at any table (the first FOUND_MAX), and
    whether there are more."""
    if not view.filtered or not slots:
        return [], False
    query = sa.select(Meeting).where(
        Meeting.slot_id.in_([s.id for s in slots]), Meeting.id.in_(_meetings_of(event, view.who))
    )
    return _in_time_and_table_order(query, FOUND_MAX)


def swap_options(
    meeting: Meeting,
    block: MeetingBlock | None = None,
    tables: list[MeetingTable] | None = None,
    text: str = "",
) -> tuple[list[Meeting], bool]:
    """Placed, unlocked meetings to swap with (in the block and among the tables, when given),
    the first SWAP_MAX by time and table, and whether there are more. With a search `text`,
    the meetings of the delegates it finds; without, the plausible ones: this meeting's people
    free at the other's time and the other's people free at this one's."""
    query = sa.select(Meeting).where(
        Meeting.event_id == meeting.event_id,
        Meeting.id != meeting.id,
        Meeting.slot_id.is_not(None),
        Meeting.locked.is_(False),
    )
    if block is not None:
        query = query.where(MeetingSlot.block_id == block.id)
    if tables is not None:
        query = query.where(Meeting.table_id.in_([t.id for t in tables]))
    text = text.strip()
    if text:
        query = query.where(Meeting.id.in_(_meetings_of(meeting.event, text)))
    elif meeting.slot_id is not None:
        query = query.where(_plausible_swap(meeting))
    return _in_time_and_table_order(query, SWAP_MAX)


def _plausible_swap(meeting: Meeting) -> sa.ColumnElement[bool]:
    """The other meeting's time is free for this meeting's people (unless it is their own
    meeting there) and this meeting's time for the other's people."""
    members = [p.registration_id for p in meeting.participants]
    ours, theirs, elsewhere = (aliased(MeetingParticipant) for _ in range(3))
    ours_busy = sa.exists().where(
        ours.registration_id.in_(members),
        ours.slot_id == Meeting.slot_id,
        ours.meeting_id != meeting.id,
        ours.meeting_id != Meeting.id,
    )
    theirs_busy = sa.exists().where(
        theirs.meeting_id == Meeting.id,
        elsewhere.registration_id == theirs.registration_id,
        elsewhere.slot_id == meeting.slot_id,
        elsewhere.meeting_id != meeting.id,
        elsewhere.meeting_id != Meeting.id,
    )
    # marked unavailable, or seated in a session (their other meetings are ours_busy)
    blocked = sorted(busy_slot_ids(meeting, meetings=False))
    return sa.and_(~ours_busy, ~theirs_busy, Meeting.slot_id.not_in(blocked))


def free_cells(
    meeting: Meeting, slots: list[MeetingSlot], tables: list[MeetingTable]
) -> list[tuple[MeetingSlot, MeetingTable]]:
    """Cells of these slots and tables where the meeting could go: not where it is, no other
    meeting there, its people free at that time, the table open or hosted by one of them."""
    busy = busy_slot_ids(meeting)
    members = {p.registration_id for p in meeting.participants}
    taken = set(
        db.session.execute(
            sa.select(Meeting.slot_id, Meeting.table_id).where(
                Meeting.slot_id.in_([s.id for s in slots]), Meeting.id != meeting.id
            )
        ).all()
    )
    return [
        (slot, table)
        for slot in slots
        if slot.id not in busy
        for table in tables
        if (slot.id, table.id) not in taken
        and (slot.id, table.id) != (meeting.slot_id, meeting.table_id)
        and (table.host_registration_id is None or table.host_registration_id in members)
    ]
