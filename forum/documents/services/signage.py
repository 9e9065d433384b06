"""Table signs: one per meeting table, its number large and its meetings slot by slot, in the
event's main language, rendered a few tables per document and merged (forum.core.pdf)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from forum.core.pdf import MergedPdf, as_bytes
from forum.core.timerange import to_local
from forum.documents.services.pdfs import DEFAULTS, DocumentOptions, Progress, render_document
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import Meeting, MeetingTable
from forum.meetings.services.agenda import Person, placed_meetings_query, table_sides
from forum.meetings.services.grid import event_tables


@dataclass(frozen=True)
class TableMeeting:
    """One meeting on a table sign: its time and the two sides."""

    starts_at: datetime
    ends_at: datetime
    sides: tuple[tuple[Person, ...], ...]


@dataclass(frozen=True)
class TableSign:
    """One table's sign: the table and its meetings grouped by local day."""

    table: MeetingTable
    days: tuple[tuple[date, tuple[TableMeeting, ...]], ...]


def table_signs(event: Event) -> list[TableSign]:
    """Every table of the event with its placed meetings, slot by slot."""
    tables = event_tables(event)
    meetings = db.session.scalars(
        placed_meetings_query(event).where(Meeting.table_id.is_not(None))
    ).all()
    by_table: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        by_table[meeting.table_id].append(meeting)
    signs = []
    for table in tables:
        days: dict[date, list[TableMeeting]] = defaultdict(list)
        for meeting in sorted(by_table[table.id], key=lambda m: m.slot.starts_at):
            day = to_local(meeting.slot.starts_at, event.tz).date()
            days[day].append(_table_meeting(meeting))
        signs.append(TableSign(table, tuple((d, tuple(ms)) for d, ms in sorted(days.items()))))
    return signs


def _table_meeting(meeting: Meeting) -> TableMeeting:
    return TableMeeting(meeting.slot.starts_at, meeting.slot.ends_at, table_sides(meeting))


# Tables per WeasyPrint document in the signage: a sign is a page or two.
SIGNAGE_CHUNK = 20


def write_signage_pdf(
    target: Path,
    event: Event,
    progress: Progress | None = None,
    options: DocumentOptions = DEFAULTS,
    chunk: int = SIGNAGE_CHUNK,
) -> None:
    """One sign per table at `target`: its number, large, and its meetings slot by slot;
    rendered `chunk` tables at a time and merged."""
    signs = table_signs(event)
    with MergedPdf(target) as merged:
        for start in range(0, max(len(signs), 1), chunk):
            part = signs[start : start + chunk]
            # Pages numbered across the chunks, as in one document.
            first_page = merged.pages + 1
            html = render_document(
                "documents/pdf/signage.html", event, options, signs=part, first_page=first_page
            )
            merged.add(html)
            if progress is not None:
                progress(start + len(part), len(signs))


def signage_pdf(
    event: Event, progress: Progress | None = None, options: DocumentOptions = DEFAULTS
) -> bytes:
    """write_signage_pdf's file as bytes (tests)."""
    return as_bytes(lambda target: write_signage_pdf(target, event, progress, options))
