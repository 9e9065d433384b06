"""An event as one JSON-ready document (the layout: sections.py)."""

import json

import sqlalchemy as sa

from forum.audit import services as audit
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.transfer.services import columns
from forum.transfer.services.layout import (
    KEY,
    Field,
    event_fields,
    organisation_fields,
    scope,
    section_fields,
    user_fields,
)
from forum.transfer.services.sections import FORMAT, SCHEMA_VERSION, SECTIONS, Section


def _encode_row(row, fields: list[Field], keys: dict[str, dict[int, str]]) -> dict:
    item = {}
    for field in fields:
        value = row[field.column.name]
        if field.target is None:
            item[field.name] = columns.encode(field.column, value)
        elif value is None or field.target not in keys:
            item[field.name] = None  # a section left out of a partial document (an edition)
        else:
            item[field.name] = keys[field.target][value]
    return item


def _people_ids(event_id: int) -> sa.Select:
    tables = db.metadata.tables
    registrations, roles = tables["registrations"], tables["event_roles"]
    return sa.union(
        sa.select(registrations.c.user_id).where(registrations.c.event_id == event_id),
        sa.select(roles.c.user_id).where(roles.c.event_id == event_id),
    )


def _organisation_ids(event_id: int) -> sa.Select:
    tables = db.metadata.tables
    registrations, projects = tables["registrations"], tables["projects"]
    return sa.union(
        sa.select(registrations.c.organisation_id).where(
            registrations.c.event_id == event_id, registrations.c.organisation_id.is_not(None)
        ),
        sa.select(projects.c.organisation_id).where(projects.c.event_id == event_id),
    )


def _shared_rows(event: Event, keys: dict) -> tuple[list[dict], list[dict]]:
    """The people (by e-mail) and organisations (by name and country) the event names."""
    tables = db.metadata.tables
    users, organisations = tables["users"], tables["organisations"]
    people = db.session.execute(
        sa.select(users).where(users.c.id.in_(_people_ids(event.id))).order_by(users.c.email)
    ).mappings()
    keys["users"] = {}
    user_rows = []
    for row in people:
        keys["users"][row["id"]] = row["email"]
        user_rows.append(_encode_row(row, user_fields(), keys))
    found = db.session.execute(
        sa.select(organisations)
        .where(organisations.c.id.in_(_organisation_ids(event.id)))
        .order_by(organisations.c.name, organisations.c.country)
    ).mappings()
    keys["organisations"] = {}
    organisation_rows = []
    for number, row in enumerate(found, start=1):
        key = keys["organisations"][row["id"]] = f"organisations/{number}"
        organisation_rows.append({KEY: key, **_encode_row(row, organisation_fields(), keys)})
    return user_rows, organisation_rows


def _section_rows(section: Section, event: Event, keys: dict) -> list[dict]:
    table, fields = section.sa_table, section_fields(section)
    query = sa.select(table).where(scope(section, event.id))
    if not section.keyed:
        rows = [_encode_row(row, fields, keys) for row in db.session.execute(query).mappings()]
        # Links have no id: in the order of what they link, which does not depend on ids.
        return sorted(rows, key=lambda item: [str(value) for value in item.values()])
    keys[section.table] = {}
    rows = []
    for number, row in enumerate(db.session.execute(query.order_by(table.c.id)).mappings(), 1):
        key = keys[section.table][row["id"]] = f"{section.table}/{number}"
        rows.append({KEY: key, **_encode_row(row, fields, keys)})
    return rows


def export_event(event: Event, tables: tuple[str, ...] | None = None) -> dict:
    """The whole event as a document; only the given tables (and no people) if `tables`."""
    db.session.flush()
    events = db.metadata.tables["events"]
    row = db.session.execute(sa.select(events).where(events.c.id == event.id)).mappings().one()
    keys: dict[str, dict[int, str]] = {}
    document = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": columns.encode(events.c.created_at, utcnow()),
        "event": _encode_row(row, event_fields(), keys),
        "users": [],
        "organisations": [],
    }
    if tables is None:
        document["users"], document["organisations"] = _shared_rows(event, keys)
    for section in SECTIONS:
        wanted = tables is None or section.table in tables
        document[section.name] = _section_rows(section, event, keys) if wanted else []
    return document


def export_for_download(event: Event, by=None) -> str:
    """The whole event as JSON text, its export written to the audit log (it holds every
    delegate's personal data): for the organizer's download and the CLI."""
    audit.record(event, "event.exported", subject=event.slug, actor=by)
    return document_json(export_event(event))


def document_json(document: dict) -> str:
    """The document as the CLI and the download write it: UTF-8 text, one field a line."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
