"""`flask --app wsgi forum print-agendas <slug>`: all approved delegates' agendas, to print."""

from pathlib import Path

import click
import sqlalchemy as sa

from forum.documents.services import pdfs as documents
from forum.events.models import Event
from forum.extensions import db
from forum.registration.services.badges import approved_registrations


@click.command("print-agendas")
@click.argument("slug")
@click.option("--zip", "as_zip", is_flag=True, help="A ZIP with one PDF per delegate.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write [default: agendas-<slug>.pdf or .zip in this folder].",
)
def print_agendas_command(slug: str, as_zip: bool, out: Path | None) -> None:
    """Write the personal agendas of an event's approved delegates, with a progress bar."""
    event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
    if event is None:
        raise click.ClickException(f"No event with the slug {slug!r}.")
    registrations = approved_registrations(event)
    if not registrations:
        raise click.ClickException(f"{event.name} has no approved delegates yet.")
    out = out or Path(f"agendas-{event.slug}.{'zip' if as_zip else 'pdf'}")
    build = documents.write_agendas_zip if as_zip else documents.write_agendas_pdf
    with click.progressbar(length=len(registrations), label="agendas") as bar:
        shown = 0

        def progress(done: int, total: int) -> None:
            nonlocal shown
            bar.update(done - shown)
            shown = done

        build(out, event, registrations, progress)  # written chunk by chunk
    kind = "ZIP" if as_zip else "PDF"
    size = out.stat().st_size
    click.echo(f"{len(registrations)} agendas written to {out} ({kind}, {size:,} bytes).")


commands = [print_agendas_command]
