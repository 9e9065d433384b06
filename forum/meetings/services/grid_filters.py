"""What part of the meeting grid the organizer looks at: a range of tables, one delegate.

The grid of a large forum (26 tables and more) does not fit a screen: it is shown a range of
tables at a time (`?tables=9-16`, or `all`), and can be narrowed to the meetings of the
delegates whose name or organisation matches a search (`?who=quispe`). The same view shortens
the move and swap choices of a meeting's page to the cells in sight.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

import sqlalchemy as sa

from forum.accounts.models import User
from forum.core.text_search import all_words, search_words
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingSlot, MeetingTable
from forum.meetings.services.edit import free_common_slots
from forum.registration.models import Organisation, Registration

RANGE_WIDTH = 8  # tables side by side on a 1280-pixel screen without scrolling
ALL = "all"
_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
WHO_MAX = 80


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


def table_range(text: str | None, tables: list[MeetingTable]) -> TableRange:
    """The range asked for (`3-10`, `all`); the first RANGE_WIDTH tables when none or unreadable."""
    if (text or "").strip() == ALL:
        return TableRange()
    match = _RANGE.match(text or "")
    if match:
        first, last = sorted(int(n) for n in match.groups())
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


def matching_registrations(event: Event, who: str) -> list[Registration]:
    """The event's delegates whose name or organisation holds each word of `who` (any order)."""
    words = search_words(who[:WHO_MAX])
    if not words:
        return []
    return db.session.scalars(
        sa.select(Registration)
        .join(User, Registration.user_id == User.id)
        .outerjoin(Organisation, Registration.organisation_id == Organisation.id)
        .where(
            Registration.event_id == event.id,
            Registration.erased_at.is_(None),
            all_words((User.name, Organisation.name), words),
        )
        .order_by(User.name, Registration.id)
    ).all()


@dataclass
class GridView:
    """The tables in sight, and (with a search) the delegates and meetings it picks."""

    tables: list[MeetingTable]
    shown: TableRange
    who: str = ""
    people: list[Registration] = field(default_factory=list)

    @property
    def filtered(self) -> bool:
        return bool(self.who)

    def involves(self, meeting: Meeting) -> bool:
        """Whether the meeting is shown in full (no search, or one of its people matches)."""
        if not self.who:
            return True
        return any(p.registration_id in self._people_ids for p in meeting.participants)

    @cached_property
    def _people_ids(self) -> frozenset[int]:
        return frozenset(r.id for r in self.people)

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
    people = matching_registrations(event, who) if who else []
    return GridView([t for t in tables if shown.holds(t)], shown, who, people)


def involving(meetings: dict[tuple[int, int], Meeting], view: GridView) -> list[Meeting]:
    """The meetings of the searched delegates among these cells, in time and table order."""
    found = [m for m in meetings.values() if view.filtered and view.involves(m)]
    return sorted(found, key=lambda m: (m.slot.starts_at, m.table.number))


def free_cells(
    meeting: Meeting, slots: list[MeetingSlot], tables: list[MeetingTable]
) -> list[tuple[MeetingSlot, MeetingTable]]:
    """Cells of these slots and tables where the meeting could go: not where it is, no other
    meeting there, its people free at that time, the table open or hosted by one of them."""
    usable = {s.id for s in free_common_slots(meeting)}
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
        if slot.id in usable
        for table in tables
        if (slot.id, table.id) not in taken
        and (slot.id, table.id) != (meeting.slot_id, meeting.table_id)
        and (table.host_registration_id is None or table.host_registration_id in members)
    ]
