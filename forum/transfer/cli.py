"""`forum export-event <slug> > file.json` and `forum import-event file.json [--slug ...]`."""

import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from forum.core.errors import DomainError
from forum.events.models import Event
from forum.extensions import db
from forum.transfer.services.export import export_for_download
from forum.transfer.services.importer import (
    SIZE_LIMIT,
    import_event,
    read_document,
    too_large_message,
)


@click.command("export-event")
@click.argument("slug")
@with_appcontext
def export_event_command(slug: str) -> None:
    """Write an event as one JSON document (foro-event, schema version 1) to stdout."""
    event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
    if event is None:
        raise click.ClickException(f"No event with slug {slug!r}.")
    sys.stdout.write(export_for_download(event))
    db.session.commit()  # the audit log's line


@click.command("import-event")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--slug", default=None, help="A new address for the event (if its own is taken).")
@click.option("--name", default=None, help="A new name for the event.")
@with_appcontext
def import_event_command(path: Path, slug: str | None, name: str | None) -> None:
    """Create an event from a document of export-event: all of it, or nothing."""
    size = path.stat().st_size
    if size > SIZE_LIMIT:  # refused before it is read
        raise click.ClickException(too_large_message(size))
    try:
        event = import_event(read_document(path.read_bytes()), slug=slug, name=name)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(_lines(error)) from None
    db.session.commit()
    click.echo(f"Imported {event.slug} ({event.name}).")


def _lines(error: DomainError) -> str:
    lines = []
    for field, messages in error.errors.items():
        lines += [f"{field}: {m}" if field else str(m) for m in messages]
    if "slug" in error.errors:
        lines.append("Give a new address with --slug.")
    return "\n".join(lines)


commands = [export_event_command, import_event_command]
