"""`flask --app wsgi forum send-webhooks`: attempt the webhook deliveries now due (the
periodic `forum tick` does the same every minute)."""

import click
from flask.cli import with_appcontext


@click.command("send-webhooks")
@click.option("--limit", type=click.IntRange(min=1), default=200, help="Attempt at most this many.")
@with_appcontext
def send_webhooks_command(limit: int) -> None:
    """Attempt the due webhook deliveries (new ones and retries), oldest first."""
    from forum.webhooks.delivery import send_due

    delivered, failed = send_due(limit=limit)
    click.echo(f"{delivered} webhook(s) delivered, {failed} not delivered (retried later).")


commands = [send_webhooks_command]
