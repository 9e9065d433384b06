"""`flask --app wsgi forum seed-demo`: load the demo fora (idempotent)."""

import click
from flask.cli import with_appcontext


@click.command("seed-demo")
@click.option(
    "--password",
    default="foro-demo-2024",
    show_default=True,
    help="Password of the demo accounts (demo data only).",
)
@with_appcontext
def seed_demo_command(password: str) -> None:
    """Load the demo fora (idempotent: existing ones are left alone)."""
    from forum.demo import DemoDataError
    from forum.demo.loader import DEMO_ADMIN, load_demo

    click.echo("Loading demo fora…")
    try:
        created = load_demo(password, click.echo)
    except DemoDataError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Done: {len(created)} new. Demo admin {DEMO_ADMIN}, password {password}")


commands = [seed_demo_command]
