"""Pluggable exports: each format is one small class; views look exporters up by name.

Tabular exports build a `Table` (column names + rows of plain values) and hand it to an
exporter from `EXPORTERS`; adding a format is adding one class with `@exporter`.

Exporters work row by row so that a large table is never held whole: `chunks()` yields the
file in pieces as its rows come (a Table's rows may be a generator reading the database in
batches), CSV straight to the client, XLSX through openpyxl's write-only mode (rows go to a
temporary file as they are appended; indexing a normal sheet's last row rescans every cell,
which made 3,000 rows take 21 s).

The registration table uses the column names and codes of the delegate import
(forum.registration.services.delegate_import), so an exported file can be edited and imported again.
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.utils import get_column_letter

from forum.core.timerange import to_local
from forum.events.models import Event
from forum.registration.models import Registration, TagRole

Cell = str | int | None

# Spreadsheets run text that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    """Rows of plain values under named columns; `title` names the sheet. `rows` may be a
    generator (read once, as the file is written)."""

    title: str
    columns: Sequence[str]
    rows: Iterable[Sequence[Cell]]


class TableExporter:
    """One file format for a Table."""

    identifier: ClassVar[str]
    extension: ClassVar[str]
    content_type: ClassVar[str]

    def __init__(self, table: Table) -> None:
        self.table = table

    def chunks(self) -> Iterator[bytes]:
        """The file in pieces, produced as the table's rows are read."""
        raise NotImplementedError

    def render(self) -> bytes:
        return b"".join(self.chunks())


EXPORTERS: dict[str, type[TableExporter]] = {}


def exporter(cls: type[TableExporter]) -> type[TableExporter]:
    """Class decorator: make a format available under its identifier."""
    EXPORTERS[cls.identifier] = cls
    return cls


def csv_safe(value: Cell) -> str:
    """Text a spreadsheet shows as text: a formula-like start gets a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


@exporter
class CsvExporter(TableExporter):
    """Comma-separated UTF-8 with a byte order mark, so that Excel reads accents right."""

    identifier = "csv"
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def chunks(self) -> Iterator[bytes]:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        buffer.write("\ufeff")
        writer.writerow(self.table.columns)
        for number, row in enumerate(self.table.rows, start=1):
            writer.writerow([csv_safe(value) for value in row])
            if number % CSV_ROWS_PER_CHUNK == 0:
                yield _taken(buffer).encode("utf-8")
        yield _taken(buffer).encode("utf-8")


CSV_ROWS_PER_CHUNK = 500
FILE_CHUNK = 64 * 1024


def _taken(buffer: io.StringIO) -> str:
    """What the buffer holds, leaving it empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def xlsx_text(text: str) -> str:
    """Text an XLSX file can hold: the control characters XML 1.0 forbids (a \\x01 or a
    \\x0b pasted into a job title) are dropped; openpyxl would refuse the whole file."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


@exporter
class XlsxExporter(TableExporter):
    """An Excel workbook with one sheet; text stays text, never a formula."""

    identifier = "xlsx"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def chunks(self) -> Iterator[bytes]:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.table.title[:31] or "Sheet")  # Excel's name limit
        # Write-only sheets take their layout before the first row.
        sheet.freeze_panes = "A2"
        for index, name in enumerate(self.table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(10, len(name) + 2)
        sheet.append([self._cell(sheet, name) for name in self.table.columns])
        for row in self.table.rows:
            sheet.append([self._cell(sheet, value) for value in row])
        with tempfile.TemporaryFile() as file:
            workbook.save(file)
            file.seek(0)
            while piece := file.read(FILE_CHUNK):
                yield piece

    @staticmethod
    def _cell(sheet, value: Cell) -> object:
        if not isinstance(value, str):
            return value
        text = xlsx_text(value)
        if not text.startswith("="):
            return text  # plain text: openpyxl stores it as text (no cell object per value)
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = TYPE_STRING  # openpyxl would store "=..." as a formula
        return cell


REGISTRATION_COLUMNS = (
    "id", "name", "email", "job_title", "gender", "languages", "organisation",
    "organisation_type", "country", "region", "participant_type", "status", "sectors",
    "offers", "seeks", "ticket_min", "ticket_max", "ticket_currency", "registered_at",
    "checked_in_at", "organisation_size", "women_led",
)  # fmt: skip
LIST_SEPARATOR = "; "


def local_iso(instant: datetime | None, event: Event | ZoneInfo) -> str:
    """An instant on the event's wall clock (or this zone's), ISO 8601 with its offset (empty
    for None)."""
    if instant is None:
        return ""
    zone = event if isinstance(event, ZoneInfo) else event.tz
    return to_local(instant, zone).isoformat(timespec="seconds")


def registration_row(event: Event | ZoneInfo, registration: Registration) -> list[Cell]:
    """One registration as the values of REGISTRATION_COLUMNS (codes, not labels); `event`
    may be just its zone."""
    organisation = registration.organisation
    participant_type = registration.participant_type
    return [
        registration.id,
        registration.display_name,
        "" if registration.is_erased else registration.user.email,
        registration.job_title,
        registration.gender.value if registration.gender else "",
        LIST_SEPARATOR.join(registration.languages),
        organisation.name if organisation else "",
        organisation.type.value if organisation else "",
        organisation.country if organisation else "",
        organisation.region if organisation else "",
        participant_type.label() if participant_type else "",
        registration.status.value,
        LIST_SEPARATOR.join(t.label() for t in registration.tags(TagRole.SECTOR)),
        registration.offers,
        registration.seeks,
        registration.ticket_min,
        registration.ticket_max,
        registration.ticket_currency,
        local_iso(registration.created_at, event),
        local_iso(registration.checked_in_at, event),
        organisation.size.value if organisation and organisation.size else "",
        ("yes" if organisation.women_led else "no") if organisation else "",
    ]


def registrations_table(event: Event, registrations: Iterable[Registration]) -> Table:
    """The registrations of an event as a Table, one row each, in the given order; rows are
    made as they are read, so `registrations` may be a generator."""
    # Read now: a streamed file's rows are made after the request's commit expired `event`.
    zone = event.tz
    return Table(
        title="registrations",
        columns=REGISTRATION_COLUMNS,
        rows=(registration_row(zone, r) for r in registrations),
    )


def render_table(identifier: str, table: Table) -> tuple[bytes, type[TableExporter]]:
    """Render a table with the exporter called `identifier` (KeyError if there is none)."""
    exporter_cls = EXPORTERS[identifier]
    return exporter_cls(table).render(), exporter_cls


def stream_table(identifier: str, table: Table) -> tuple[Iterator[bytes], type[TableExporter]]:
    """The file of `table` in pieces, for a streamed response (KeyError if no such format)."""
    exporter_cls = EXPORTERS[identifier]
    return exporter_cls(table).chunks(), exporter_cls
