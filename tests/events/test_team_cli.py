"""The team commands of the first set-up: add-team-member, add-organizer, remove-team-member,
and make-admin."""

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEntry
from forum.events.services import team as team_service
from forum.extensions import db
from forum.notifications.models import Mail


@pytest.fixture
def event(create_event, create_user):
    return create_event([create_user("olga@fao.example", "Olga Organizer")])


def _roles(event) -> dict[str, str]:
    db.session.expire_all()
    return {r.user.email: r.role for r in team_service.team(event)}


def test_add_team_member_adds_and_mails_once(runner, event, create_user):
    create_user("rosa@example.org", "Rosa")
    result = runner.invoke(
        args=["forum", "add-team-member", "hih-2023", "Rosa@Example.org", "--role", "reviewer"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == "rosa@example.org added to hih-2023 as reviewer (told by mail).\n"
    assert _roles(event) == {"olga@fao.example": "organizer", "rosa@example.org": "reviewer"}
    [mail] = db.session.scalars(sa.select(Mail).filter_by(recipient="rosa@example.org"))
    assert mail.subject == "You were added to the team of Hand-in-Hand Investment Forum 2023"
    [entry] = db.session.scalars(sa.select(AuditEntry).filter_by(action="team.added"))
    assert entry.actor_id is None and entry.after == {"role": "reviewer"}


def test_add_organizer_invites_a_new_account(runner, event, app):
    if "accounts.accept_invitation" not in app.view_functions:
        pytest.skip("no accounts.accept_invitation page in this build yet")
    result = runner.invoke(
        args=["forum", "add-organizer", "hih-2023", "otto@example.org", "--name", "Otto"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "otto@example.org added to hih-2023 as organizer (invited to choose a password).\n"
    )
    otto = db.session.scalar(sa.select(User).filter_by(email="otto@example.org"))
    assert otto.name == "Otto" and not otto.has_password and otto.invited_at is not None
    assert _roles(event)["otto@example.org"] == "organizer"


def test_refusals_exit_non_zero_with_the_message(runner, event):
    duplicate = runner.invoke(
        args=["forum", "add-team-member", "hih-2023", "olga@fao.example", "--role", "desk"]
    )
    assert duplicate.exit_code == 1
    assert "Error: olga@fao.example is already in the team as Organizer; change their role" in (
        duplicate.output
    )
    last = runner.invoke(args=["forum", "remove-team-member", "hih-2023", "olga@fao.example"])
    assert last.exit_code == 1
    assert (
        "Error: Olga Organizer <olga@fao.example> is the last organizer of this event: "
        "add another organizer first." in last.output
    )
    unknown = runner.invoke(args=["forum", "remove-team-member", "hih-2023", "x@example.org"])
    assert unknown.exit_code == 1 and "x@example.org is not in the team of hih-2023." in (
        unknown.output
    )
    no_event = runner.invoke(args=["forum", "add-organizer", "nope", "x@example.org"])
    assert no_event.exit_code == 1 and "No event with slug 'nope'." in no_event.output
    assert _roles(event) == {"olga@fao.example": "organizer"}


def test_remove_team_member(runner, event, create_user):
    create_user("vera@example.org", "Vera")
    runner.invoke(
        args=["forum", "add-team-member", "hih-2023", "vera@example.org", "--role", "viewer"]
    )
    result = runner.invoke(args=["forum", "remove-team-member", "hih-2023", "vera@example.org"])
    assert result.exit_code == 0, result.output
    assert result.output == "vera@example.org removed from hih-2023 (was viewer).\n"
    assert _roles(event) == {"olga@fao.example": "organizer"}


def test_make_admin(runner, db, create_user):
    create_user("ana@example.org", "Ana")
    result = runner.invoke(args=["forum", "make-admin", "ANA@example.org"])
    assert (result.exit_code, result.output) == (0, "ana@example.org is now a platform admin.\n")
    again = runner.invoke(args=["forum", "make-admin", "ana@example.org"])
    assert again.output == "ana@example.org is already a platform admin.\n"
    db.session.expire_all()
    assert db.session.scalar(sa.select(User).filter_by(email="ana@example.org")).is_admin
    [entry] = db.session.scalars(sa.select(AuditEntry).filter_by(action="admin.granted"))
    assert entry.event_id is None and entry.subject == "Ana <ana@example.org>"
    missing = runner.invoke(args=["forum", "make-admin", "nobody@example.org"])
    assert missing.exit_code == 1 and "No account with the email 'nobody@example.org'" in (
        missing.output
    )
