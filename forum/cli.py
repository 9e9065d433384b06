"""`flask --app wsgi forum ...` commands."""

import secrets

import click
from flask import Flask
from flask.cli import AppGroup

from forum.extensions import db

forum_cli = AppGroup("forum", help="Foro administration commands.")


@forum_cli.command("seed-demo")
@click.option(
    "--password",
    default="foro-demo-2024",
    show_default=True,
    help="Password of the demo accounts (demo data only).",
)
def seed_demo(password: str) -> None:
    """Load the demo fora (idempotent: existing ones are left alone)."""
    from forum.demo import DemoDataError
    from forum.demo.loader import DEMO_ADMIN, load_demo

    click.echo("Loading demo fora…")
    try:
        created = load_demo(password, click.echo)
    except DemoDataError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Done: {len(created)} new. Demo admin {DEMO_ADMIN}, password {password}")


@forum_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="Display name.")
@click.option("--password", default=None, help="Password; a one-time one is printed if omitted.")
def create_admin(email: str, name: str, password: str | None) -> None:
    """Create a platform admin, or make an existing user admin."""
    from forum.accounts.models import User
    from forum.accounts.services import end_other_sessions, find_user

    email = email.strip().lower()
    if "@" not in email:
        raise click.BadParameter("not an email address", param_hint="EMAIL")
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    if len(password) < 10:
        raise click.BadParameter("use at least 10 characters", param_hint="--password")
    user = find_user(email)
    if user is None:
        user = User(email=email, name=name)
        db.session.add(user)
    user.is_admin = True
    user.set_password(password)
    db.session.flush()
    end_other_sessions(user)
    db.session.commit()
    click.echo(f"Admin {email} ready.")
    if generated:
        click.echo(f"One-time password: {password}  (change it after logging in)")


def init_app(app: Flask) -> None:
    app.cli.add_command(forum_cli)


from forum.notifications.cli import send_mail_command  # noqa: E402

forum_cli.add_command(send_mail_command)

from forum.meetings.cli import expire_requests_command  # noqa: E402

forum_cli.add_command(expire_requests_command)

from forum.meetings.schedule_cli import schedule_command  # noqa: E402

forum_cli.add_command(schedule_command)

from forum.documents.cli import print_agendas_command  # noqa: E402

forum_cli.add_command(print_agendas_command)
