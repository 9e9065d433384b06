"""The shape of the funder report's content: sections of tables whose cells the PDF formats
for people and the XLSX writes as numbers (money in its currency, shares as percentages)."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Amount:
    """Money in a table: minor units of a currency (the XLSX writes it in whole units)."""

    minor: int
    currency: str


@dataclass(frozen=True)
class Share:
    """A fraction of a whole (0.25 is 25 %); None when the whole is zero."""

    value: float | None


Cell = str | int | Decimal | Amount | Share | None


@dataclass
class ReportTable:
    key: str  # names the XLSX sheet's block and the chart
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    total: list[Cell] | None = None  # a last row, set apart
    chart: str = ""  # an SVG document, when the dashboard draws one for these figures

    @property
    def narrow(self) -> bool:
        """Fits half the page: three columns at most, short, and no money (amounts are wide)."""
        return (
            len(self.columns) <= 3
            and len(self.rows) <= 14
            and not self.chart
            and not any(isinstance(cell, Amount) for row in self.rows for cell in row)
        )


@dataclass
class Section:
    key: str
    title: str
    tables: list[ReportTable] = field(default_factory=list)
    facts: list[tuple[str, Cell]] = field(default_factory=list)  # headline figures
    texts: list[tuple[str, list[str]]] = field(default_factory=list)  # (title, paragraphs)
    empty: str = ""  # said instead of tables when there is nothing to count yet
    note: str = ""
    texts_last: bool = False  # the PDF prints the texts after the tables (survey answers)

    def rows_of_tables(self) -> list[list[ReportTable]]:
        """The tables as the PDF lays them out: narrow ones side by side in pairs, the others
        alone, in their order."""
        rows: list[list[ReportTable]] = []
        for table in self.tables:
            if table.narrow and rows and len(rows[-1]) == 1 and rows[-1][0].narrow:
                rows[-1].append(table)
            else:
                rows.append([table])
        return rows


def share(part: int, whole: int) -> Share:
    return Share(part / whole if whole else None)
