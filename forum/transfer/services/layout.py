"""The fields of each part of the document, read from the tables (see sections.py)."""

from dataclasses import dataclass

import sqlalchemy as sa

from forum.extensions import db
from forum.transfer.services.sections import EVENT_SKIP, ORGANISATION_SKIP, USER_FIELDS, Section

KEY = "key"


@dataclass(frozen=True)
class Field:
    """A column as the document names it; `target` is the table a reference points into."""

    name: str
    column: sa.Column
    target: str | None = None


def _fields(table: sa.Table, skip: tuple[str, ...]) -> list[Field]:
    fields = []
    for column in table.c:
        if column.name in ("id", "event_id") or column.name in skip:
            continue
        foreign = next(iter(column.foreign_keys), None)
        if foreign is None:
            fields.append(Field(column.name, column))
        else:
            name = column.name.removesuffix("_id")
            fields.append(Field(name, column, foreign.column.table.name))
    return fields


def section_fields(section: Section) -> list[Field]:
    return _fields(section.sa_table, section.skip)


def event_fields() -> list[Field]:
    return _fields(db.metadata.tables["events"], EVENT_SKIP)


def user_fields() -> list[Field]:
    table = db.metadata.tables["users"]
    return [Field(name, table.c[name]) for name in USER_FIELDS]


def organisation_fields() -> list[Field]:
    return _fields(db.metadata.tables["organisations"], ORGANISATION_SKIP)


def scope(section: Section, event_id: int) -> sa.ColumnElement[bool]:
    """The rows of the section that belong to the event (directly or through a parent)."""
    table = section.sa_table
    if "event_id" in table.c:
        return table.c.event_id == event_id
    parent = section.parent_section()
    return table.c[section.parent].in_(
        sa.select(parent.sa_table.c.id).where(scope(parent, event_id))
    )
