"""`flask --app wsgi forum purge-personal-data <slug> --older-than 12m [--dry-run] [--yes]`."""

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db


def _report(plan, dry_run: bool) -> str:
    verb = "would be erased" if dry_run else "erased"
    lines = [
        f"People {verb} entirely: {plan.people}",
        f"Registrations {verb}: {plan.registrations}",
        f"Photos {verb}: {plan.photos}",
    ]
    if plan.skipped:
        lines.append(
            f"Left out (team members or admins, remove their roles first): {len(plan.skipped)}"
        )
    return "\n".join(lines)


@click.command("purge-personal-data")
@click.argument("slug")
@click.option(
    "--older-than",
    "older_than",
    required=True,
    help='How long ago the event must have ended: "90d", "12m", "18m", "2y".',
)
@click.option("--dry-run", is_flag=True, help="Count what would be erased; change nothing.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def purge_personal_data_command(slug: str, older_than: str, dry_run: bool, yes: bool) -> None:
    """Erase the personal data of every delegate of a past event; its figures stay."""
    from forum.privacy.services import purge

    event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
    if event is None:
        raise click.ClickException(f"No event with the slug {slug!r}.")
    today = utcnow().date()
    try:
        plan = purge.purge_event(event, older_than, today, dry_run=True)
    except DomainError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{event.name} ({event.start_date} – {event.end_date})")
    click.echo(_report(plan, dry_run=True))
    if dry_run:
        click.echo("Dry run: nothing was changed.")
        return
    if not plan.registrations:
        click.echo("Nothing to erase.")
        return
    if not yes and not click.confirm("Erase this personal data for good?", default=False):
        click.echo("Nothing was changed.")
        return
    plan = purge.purge_event(event, older_than, today)
    db.session.commit()
    click.echo(_report(plan, dry_run=False))


commands = [purge_personal_data_command]
