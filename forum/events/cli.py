"""Team commands for the first set-up, before anyone can use the team page:
`forum add-team-member <slug> <email> --role ...`, `forum add-organizer <slug> <email>`,
`forum remove-team-member <slug> <email>`."""

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from forum.core.errors import DomainError
from forum.events.models import Event, TeamRole
from forum.events.services import team as team_service
from forum.extensions import db
from forum.notifications.delivery import wait_for_deliveries

ROLE_NAMES = [role.value for role in TeamRole]


def _event(slug: str) -> Event:
    event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
    if event is None:
        raise click.ClickException(f"No event with slug {slug!r}.")
    return event


def _add(slug: str, email: str, role: str, name: str) -> None:
    event = _event(slug)
    try:
        member = team_service.add_member(event, email, role, name=name)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    pending = not member.user.has_password
    db.session.commit()
    wait_for_deliveries()  # the mail goes before the command ends
    told = "invited to choose a password" if pending else "told by mail"
    click.echo(f"{member.user.email} added to {event.slug} as {role} ({told}).")


@click.command("add-team-member")
@click.argument("slug")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLE_NAMES), required=True, help="The team role.")
@click.option("--name", default="", help="Name of a new account.")
@with_appcontext
def add_team_member_command(slug: str, email: str, role: str, name: str) -> None:
    """Add someone to an event's team (an account and an invitation if they have none)."""
    _add(slug, email, role, name)


@click.command("add-organizer")
@click.argument("slug")
@click.argument("email")
@click.option("--name", default="", help="Name of a new account.")
@with_appcontext
def add_organizer_command(slug: str, email: str, name: str) -> None:
    """Add an organizer to an event (add-team-member --role organizer)."""
    _add(slug, email, TeamRole.ORGANIZER.value, name)


@click.command("remove-team-member")
@click.argument("slug")
@click.argument("email")
@with_appcontext
def remove_team_member_command(slug: str, email: str) -> None:
    """Take someone out of an event's team (never its last organizer)."""
    event = _event(slug)
    member = team_service.find_member(event, email)
    if member is None:
        raise click.ClickException(f"{email} is not in the team of {event.slug}.")
    role = member.role
    try:
        team_service.remove_member(event, member)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"{email.strip().lower()} removed from {event.slug} (was {role}).")


commands = [add_team_member_command, add_organizer_command, remove_team_member_command]
