"""An event's team: the service (add, change role, remove, never the last organizer), the
team page, what each role reaches, and "My events"."""

import re

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEntry
from forum.core.errors import DomainError
from forum.events.models import EventRole, EventStatus
from forum.events.services import team as team_service
from forum.extensions import db
from forum.notifications.models import Mail


@pytest.fixture
def invitation_page(app):
    """The invitation mail links to the page where the password is chosen; that page comes
    with the invitations work (accounts.accept_invitation): without it, these tests wait."""
    if "accounts.accept_invitation" not in app.view_functions:
        pytest.skip("no accounts.accept_invitation page in this build yet")


@pytest.fixture
def olga(create_user):
    return create_user("olga@fao.example", "Olga Organizer")


@pytest.fixture
def event(create_event, olga):
    return create_event([olga])


def _mails(email: str) -> list[Mail]:
    return list(db.session.scalars(sa.select(Mail).where(Mail.recipient == email)))


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)))


def _role(event, email: str) -> str | None:
    member = team_service.find_member(event, email)
    return member.role if member else None


# The service -------------------------------------------------------------------------------


def test_a_new_member_gets_an_account_and_an_invitation_in_their_language(
    event, olga, invitation_page
):
    member = team_service.add_member(
        event, " Nuria@Example.org ", "desk", name="Nuria Mesa", inviter=olga, locale="es"
    )
    db.session.commit()
    user = member.user
    assert (user.email, user.name, user.locale) == ("nuria@example.org", "Nuria Mesa", "es")
    assert not user.has_password and user.invited_at is not None
    [mail] = _mails("nuria@example.org")
    assert mail.subject == "Su invitación a Hand-in-Hand Investment Forum 2023 en Foro"
    assert "Olga Organizer" in mail.body
    assert re.search(r"http://\S+/invitation/\S+", mail.body)
    [entry] = _audit("team.added")
    assert entry.event_id == event.id
    assert entry.subject == "Nuria Mesa <nuria@example.org>"
    assert (entry.before, entry.after) == (None, {"role": "desk"})


def test_someone_with_a_password_gets_a_short_mail_naming_the_role(event, olga, create_user):
    create_user("rosa@example.org", "Rosa Revisora", locale="es")
    team_service.add_member(event, "rosa@example.org", "reviewer", inviter=olga)
    db.session.commit()
    [mail] = _mails("rosa@example.org")
    assert mail.subject == "Se le ha añadido al equipo de Hand-in-Hand Investment Forum 2023"
    assert "Olga Organizer le ha añadido al equipo de Hand-in-Hand Investment Forum" in mail.body
    assert "con el rol Revisor/a de proyectos." in mail.body
    assert "/manage/events" in mail.body and "/invitation/" not in mail.body
    assert db.session.scalar(sa.select(User).filter_by(email="rosa@example.org")).invited_at is None


def test_someone_already_in_the_team_is_refused_with_their_role(event, olga, create_user):
    create_user("vera@example.org", "Vera")
    team_service.add_member(event, "vera@example.org", "viewer", inviter=olga)
    with pytest.raises(DomainError) as refused:
        team_service.add_member(event, "VERA@example.org", "desk", inviter=olga)
    assert refused.value.errors == {
        "email": [
            "vera@example.org is already in the team as Viewer (reports, read-only); "
            "change their role instead."
        ]
    }
    with pytest.raises(DomainError, match="olga@fao.example is already in the team as Organizer"):
        team_service.add_member(event, "olga@fao.example", "viewer")


def test_a_bad_email_or_role_is_refused(event):
    with pytest.raises(DomainError) as refused:
        team_service.add_member(event, "not-an-email", "desk")
    assert refused.value.errors == {"email": ["“not-an-email” is not an email address."]}
    with pytest.raises(DomainError) as refused:
        team_service.add_member(event, "ok@example.org", "boss")
    assert refused.value.errors == {"role": ["Choose a role from the list."]}
    assert db.session.scalar(sa.select(User).filter_by(email="ok@example.org")) is None


def test_the_last_organizer_can_be_neither_removed_nor_demoted(event, olga, create_user):
    create_user("otto@example.org", "")
    only = team_service.find_member(event, olga.email)
    message = (
        "Olga Organizer <olga@fao.example> is the last organizer of this event: "
        "add another organizer first."
    )
    with pytest.raises(DomainError) as refused:
        team_service.remove_member(event, only)
    assert str(refused.value) == message
    with pytest.raises(DomainError) as refused:
        team_service.change_role(event, only, "viewer")
    assert str(refused.value) == message

    team_service.add_member(event, "otto@example.org", "organizer")
    team_service.change_role(event, only, "viewer")
    assert _role(event, olga.email) == "viewer"
    [changed] = _audit("team.role_changed")
    assert (changed.before, changed.after) == ({"role": "organizer"}, {"role": "viewer"})
    otto = team_service.find_member(event, "otto@example.org")
    with pytest.raises(DomainError, match="otto@example.org is the last organizer"):
        team_service.remove_member(event, otto)
    team_service.remove_member(event, team_service.find_member(event, olga.email))
    assert _role(event, olga.email) is None and not olga.may(event)
    [removed] = _audit("team.removed")
    assert (removed.subject, removed.before, removed.after) == (
        "Olga Organizer <olga@fao.example>",
        {"role": "viewer"},
        None,
    )


def test_add_organizer_of_the_loader_turns_another_role_into_organizer(event, create_user):
    from forum.events.services.events import add_organizer

    desk = create_user("desk@example.org", "Desk")
    team_service.add_member(event, desk.email, "desk")
    add_organizer(event, desk)
    add_organizer(event, desk)  # idempotent
    assert [
        r.role for r in db.session.scalars(sa.select(EventRole).filter_by(user_id=desk.id))
    ] == ["organizer"]


# The team page -------------------------------------------------------------------------------


def test_the_team_page_adds_changes_and_removes(client, login, event, olga, invitation_page):
    login(olga)
    response = client.post(
        "/events/hih-2023/manage/team",
        data={"email": "nuria@example.org", "name": "Nuria Mesa", "role": "desk", "language": "en"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "nuria@example.org was added as Registration desk and invited by email" in page
    assert "Nuria Mesa" in page and "Invitation pending" in page
    [mail] = _mails("nuria@example.org")
    assert mail.subject == "Your invitation to Hand-in-Hand Investment Forum 2023 on Foro"

    member = team_service.find_member(event, "nuria@example.org")
    response = client.post(
        f"/events/hih-2023/manage/team/{member.id}",
        data={f"m{member.id}-role": "reviewer"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Nuria Mesa &lt;nuria@example.org&gt; is now Project reviewer." in page
    assert re.search(
        rf'<option selected value="reviewer">Project reviewer</option>|'
        rf'id="m{member.id}-role"[^>]*>\s*(?:<option[^>]*>[^<]*</option>\s*)*'
        rf'<option selected value="reviewer">',
        page,
    )
    assert _role(event, "nuria@example.org") == "reviewer"

    duplicate = client.post(
        "/events/hih-2023/manage/team",
        data={"email": "nuria@example.org", "role": "viewer", "language": "en"},
    )
    assert duplicate.status_code == 200
    assert "already in the team as Project reviewer" in duplicate.get_data(as_text=True)

    olga_role = team_service.find_member(event, olga.email)
    refused = client.post(
        f"/events/hih-2023/manage/team/{olga_role.id}/remove", follow_redirects=True
    )
    assert "is the last organizer of this event" in refused.get_data(as_text=True)
    response = client.post(
        f"/events/hih-2023/manage/team/{member.id}/remove", follow_redirects=True
    )
    assert "Nuria Mesa &lt;nuria@example.org&gt; is no longer in the team." in response.get_data(
        as_text=True
    )
    assert _role(event, "nuria@example.org") is None


def _member(create_user, event, email: str, role: str) -> User:
    user = create_user(email, role.title())
    db.session.add(EventRole(event=event, user=user, role=role))
    db.session.commit()
    return user


def test_each_role_reaches_its_pages_only(client, login, event, create_user):
    desk = _member(create_user, event, "desk@example.org", "desk")
    login(desk)
    assert client.get("/events/hih-2023/manage/edit").status_code == 403
    assert client.get("/events/hih-2023/manage/team").status_code == 403
    assert client.post("/events/hih-2023/manage/delete").status_code == 403
    assert client.get("/events/hih-2023/manage/projects").status_code == 403
    assert client.get("/events/hih-2023/manage/registrations").status_code == 200
    dashboard = client.get("/events/hih-2023/manage/").get_data(as_text=True)
    assert "Your role in this event: Registration desk." in dashboard
    assert "/manage/registrations" in dashboard and "/manage/checkin" in dashboard
    for organizers_only in ("/manage/edit", "/manage/team", "/manage/delete", "/manage/tags"):
        assert organizers_only not in dashboard


def test_a_viewer_reads_reports_and_never_posts(client, login, event, create_user):
    viewer = _member(create_user, event, "viewer@example.org", "viewer")
    mail = Mail(event_id=event.id, recipient="ana@example.org", subject="Hola Ana", body="…")
    db.session.add(mail)
    db.session.commit()
    login(viewer)
    assert client.get("/events/hih-2023/manage/mobilisation").status_code == 200
    assert client.get("/events/hih-2023/manage/registrations.csv").status_code == 200
    outbox = client.get("/events/hih-2023/manage/outbox").get_data(as_text=True)
    assert "Hola Ana" in outbox and f"/manage/outbox/{mail.id}" not in outbox
    assert client.get(f"/events/hih-2023/manage/outbox/{mail.id}").status_code == 403
    assert client.get("/events/hih-2023/manage/registrations").status_code == 403
    assert client.post("/events/hih-2023/manage/checkin").status_code == 403


def test_the_desk_reads_mails_without_password_links(
    client, login, event, olga, create_user, invitation_page
):
    team_service.add_member(event, "new.organizer@example.org", "organizer", inviter=olga)
    desk = _member(create_user, event, "desk@example.org", "desk")
    [mail] = _mails("new.organizer@example.org")
    login(desk)
    page = client.get(f"/events/hih-2023/manage/outbox/{mail.id}").get_data(as_text=True)
    assert "/invitation/" not in page and "[…]" in page
    client.post("/logout")
    login(olga)
    page = client.get(f"/events/hih-2023/manage/outbox/{mail.id}").get_data(as_text=True)
    assert "/invitation/" in page


# My events ------------------------------------------------------------------------------------


def test_my_events_lists_the_events_of_each_user(
    client, login, event, olga, create_user, create_event
):
    draft = create_event([], slug="draft-2025", name="Draft forum", status=EventStatus.DRAFT)
    desk = _member(create_user, draft, "desk@example.org", "desk")
    admin = create_user("admin@example.org", "Ada", admin=True)
    nobody = create_user("nobody@example.org", "Nadie")

    def slugs(user) -> list[str]:
        login(user)
        page = client.get("/manage/events").get_data(as_text=True)
        client.post("/logout")
        return re.findall(r'href="/events/([a-z0-9-]+)/manage/"', page), page

    assert slugs(admin)[0] == ["draft-2025", "hih-2023"]
    assert slugs(olga)[0] == ["hih-2023"]
    found, page = slugs(desk)
    assert found == ["draft-2025"] and "Registration desk" in page
    assert 'href="/manage/events"' in page  # in the navbar for team members and admins
    found, page = slugs(nobody)
    assert found == [] and "You are not in the team of any event." in page
    assert 'href="/manage/events"' not in page


def test_a_member_removed_meanwhile_is_told_not_crashed(event, create_user):
    create_user("vera@example.org", "Vera")
    member = team_service.add_member(event, "vera@example.org", "viewer")
    db.session.commit()
    # another request removed them after this one loaded the row
    db.session.execute(
        sa.delete(EventRole)
        .where(EventRole.id == member.id)
        .execution_options(synchronize_session=False)
    )
    with pytest.raises(DomainError, match="This person is not in the team of this event."):
        team_service.change_role(event, member, "desk")
