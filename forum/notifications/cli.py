"""`flask --app wsgi forum send-mail`: send what waits in the outbox; `forum tick`: the
periodic work (meeting reminders, then the outbox), from cron every minute."""

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("send-mail")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Send at most this many.")
@with_appcontext
def send_mail_command(limit: int | None) -> None:
    """Send queued mails and retry failed ones, oldest first."""
    from forum.notifications.delivery import send_pending
    from forum.notifications.services import pending_mails

    if not current_app.config.get("MAIL_SERVER"):
        waiting = len(pending_mails())
        click.echo(
            f"No SMTP server configured (MAIL_SERVER): {waiting} mail(s) stay in the outbox. "
            "Organizers can read them at /events/<slug>/manage/outbox."
        )
        return
    sent, failed = send_pending(limit)
    click.echo(f"{sent} sent, {failed} failed.")
    if failed:
        raise click.ClickException(
            f"{failed} mail(s) could not be sent; they stay in the outbox for the next run."
        )


@click.command("tick")
@with_appcontext
def tick_command() -> None:
    """Queue the meeting reminders now due, then send the outbox (run it every minute)."""
    from forum.notifications.tick import tick

    report = tick()
    click.echo(report.summary())
    if report.failed:
        raise click.ClickException(
            f"{report.failed} mail(s) could not be sent; they stay in the outbox for the next run."
        )


commands = [send_mail_command, tick_command]
