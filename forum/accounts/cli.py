"""`flask --app wsgi forum create-admin EMAIL`: the first admin of a new installation;
`forum make-admin EMAIL`: an existing account becomes admin."""

import secrets

import click
from flask.cli import with_appcontext

from forum.extensions import db

MIN_PASSWORD = 10


@click.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="Display name.")
@click.option("--password", default=None, help="Password; a one-time one is printed if omitted.")
@with_appcontext
def create_admin_command(email: str, name: str, password: str | None) -> None:
    """Create a platform admin, or make an existing user admin."""
    from forum.accounts.services import end_other_sessions, ensure_account
    from forum.core.types import utcnow

    email = email.strip().lower()
    if "@" not in email:
        raise click.BadParameter("not an email address", param_hint="EMAIL")
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    if len(password) < MIN_PASSWORD:
        raise click.BadParameter(f"use at least {MIN_PASSWORD} characters", param_hint="--password")
    user = ensure_account(email, name)
    user.is_admin = True
    user.set_password(password)
    # The operator vouches for the address: no confirmation link for a platform admin.
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    db.session.flush()
    end_other_sessions(user)
    db.session.commit()
    click.echo(f"Admin {email} ready.")
    if generated:
        click.echo(f"One-time password: {password}  (change it after logging in)")


@click.command("make-admin")
@click.argument("email")
@with_appcontext
def make_admin_command(email: str) -> None:
    """Make an existing account a platform admin (its password stays as it is)."""
    from forum.accounts.services import find_user
    from forum.accounts.services.admin import set_admin

    user = find_user(email)
    if user is None:
        raise click.ClickException(
            f"No account with the email {email.strip().lower()!r}; "
            "create it with `forum create-admin`."
        )
    if user.is_admin:
        click.echo(f"{user.email} is already a platform admin.")
        return
    set_admin(user, True)
    db.session.commit()
    click.echo(f"{user.email} is now a platform admin.")


commands = [create_admin_command, make_admin_command]
