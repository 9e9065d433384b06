"""`flask --app wsgi forum expire-requests`: expire meeting requests nobody answered in time."""

import click
from flask.cli import with_appcontext


@click.command("expire-requests")
@click.option("--event", "slug", default=None, help="Only this event's requests (its slug).")
@with_appcontext
def expire_requests_command(slug: str | None) -> None:
    """Mark pending meeting requests past their deadline expired and tell the requesters."""
    import sqlalchemy as sa

    from forum.events.models import Event
    from forum.extensions import db
    from forum.meetings.services.requests import expire_pending

    event = None
    if slug is not None:
        event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
        if event is None:
            raise click.ClickException(f"No event with slug {slug!r}.")
    from forum.notifications.delivery import wait_for_deliveries

    count = expire_pending(event)
    db.session.commit()
    wait_for_deliveries()  # the requesters' mails go before the command ends
    click.echo(f"{count} meeting request(s) expired.")
