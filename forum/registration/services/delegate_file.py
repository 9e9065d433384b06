"""Reading an uploaded delegate list: UTF-8 CSV (with or without BOM), comma or semicolon.

Only the file's shape is checked here (size, encoding, header, cells per row); what each
row says is checked by delegate_import. Rows are numbered as a spreadsheet shows them.
"""

import csv
import io
from dataclasses import dataclass

from flask_babel import gettext as _

MAX_BYTES = 2 * 1024 * 1024
COLUMN_ALIASES = {"organization": "organisation", "organization_type": "organisation_type"}
SEPARATORS = ",;\t"
_BOM = b"\xef\xbb\xbf"
REQUIRED_COLUMNS = ("email", "name", "organisation", "organisation_type", "country")


@dataclass(frozen=True)
class ImportProblem:
    """Why a row (None: the whole file) cannot be imported."""

    row: int | None
    column: str
    message: str


def _decode(data: bytes) -> str:
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if b"\x00" in data:
        raise UnicodeDecodeError("utf-8", data, 0, 1, "NUL byte: not a text file")
    return data.decode("utf-8")


def _delimiter(text: str) -> str:
    header = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    try:
        return csv.Sniffer().sniff(header, delimiters=SEPARATORS).delimiter
    except csv.Error:
        return ","  # a one-column header: the missing columns are reported anyway


def _column_key(name: str) -> str:
    key = "_".join(name.strip().lower().replace("-", " ").split())
    return COLUMN_ALIASES.get(key, key)


def _unprotect(value: str) -> str:
    """Undo the apostrophe the CSV export puts before formula-like text."""
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return value[1:]
    return value


def read_table(data: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]], list]:
    """Parse the file: (columns, [(row number, values by column)], file-level problems)."""
    if len(data) > MAX_BYTES:
        return [], [], [ImportProblem(None, "", _("The file is larger than 2 MB."))]
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        message = _("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8”.")
        return [], [], [ImportProblem(None, "", message)]
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as error:
        message = _("The file cannot be read as CSV: %(error)s", error=str(error))
        return [], [], [ImportProblem(None, "", message)]
    if not records:
        return [], [], [ImportProblem(None, "", _("The file is empty."))]
    columns = [_column_key(c) for c in records[0]]
    problems = []
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    for name in missing:
        problems.append(ImportProblem(1, name, _("This required column is missing.")))
    for name in sorted({c for c in columns if c and columns.count(c) > 1}):
        problems.append(ImportProblem(1, name, _("This column appears twice.")))
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines, or ';;;;' rows that spreadsheets leave at the end
        if len(record) > len(columns) and any(c.strip() for c in record[len(columns) :]):
            problems.append(
                ImportProblem(number, "", _("This row has more cells than the header."))
            )
            continue
        values = {c: _unprotect(v) for c, v in zip(columns, record, strict=False) if c}
        rows.append((number, values))
    if not rows and not problems:
        problems.append(ImportProblem(None, "", _("The file has no delegates under its header.")))
    return columns, rows, problems
