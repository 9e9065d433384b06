"""Pluggable exports: each format is one small class; views look exporters up by name.

Tabular exports build a `Table` (column names + rows of plain values) and hand it to an
exporter from `EXPORTERS`; adding a format is adding one class with `@exporter`.

The registration table uses the column names and codes of the delegate import
(forum.registration.services.delegate_import), so an exported file can be edited and imported again.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from forum.core.timerange import to_local
from forum.events.models import Event
from forum.registration.models import Registration, TagRole

Cell = str | int | None

# Spreadsheets run text that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    """Rows of plain values under named columns; `title` names the sheet."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]


class TableExporter:
    """One file format for a Table."""

    identifier: ClassVar[str]
    extension: ClassVar[str]
    content_type: ClassVar[str]

    def __init__(self, table: Table) -> None:
        self.table = table

    def render(self) -> bytes:
        raise NotImplementedError


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

    def render(self) -> bytes:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.table.columns)
        for row in self.table.rows:
            writer.writerow([csv_safe(value) for value in row])
        return buffer.getvalue().encode("utf-8-sig")


@exporter
class XlsxExporter(TableExporter):
    """An Excel workbook with one sheet; text stays text, never a formula."""

    identifier = "xlsx"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render(self) -> bytes:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = self.table.title[:31] or "Sheet"  # Excel's limit on sheet names
        sheet.append(list(self.table.columns))
        for row in self.table.rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING  # openpyxl would store "=..." as a formula
        sheet.freeze_panes = "A2"
        for index, name in enumerate(self.table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(10, len(name) + 2)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


REGISTRATION_COLUMNS = (
    "id", "name", "email", "job_title", "gender", "languages", "organisation",
    "organisation_type", "country", "region", "participant_type", "status", "sectors",
    "offers", "seeks", "ticket_min", "ticket_max", "ticket_currency", "registered_at",
    "checked_in_at", "organisation_size", "women_led",
)  # fmt: skip
LIST_SEPARATOR = "; "


def local_iso(instant: datetime | None, event: Event) -> str:
    """An instant on the event's wall clock, ISO 8601 with its offset (empty for None)."""
    if instant is None:
        return ""
    return to_local(instant, event.tz).isoformat(timespec="seconds")


def registration_row(event: Event, registration: Registration) -> list[Cell]:
    """One registration as the values of REGISTRATION_COLUMNS (codes, not labels)."""
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


def registrations_table(event: Event, registrations: Sequence[Registration]) -> Table:
    """The registrations of an event as a Table, one row each, in the given order."""
    return Table(
        title="registrations",
        columns=REGISTRATION_COLUMNS,
        rows=[registration_row(event, r) for r in registrations],
    )


def render_table(identifier: str, table: Table) -> tuple[bytes, type[TableExporter]]:
    """Render a table with the exporter called `identifier` (KeyError if there is none)."""
    exporter_cls = EXPORTERS[identifier]
    return exporter_cls(table).render(), exporter_cls
