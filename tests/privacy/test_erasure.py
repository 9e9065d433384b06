"""Erasure: a delegate downloads, then deletes their data; the event's figures do not move."""

import io
import json
import zipfile

import pytest
import sqlalchemy as sa

from forum.accounts.models import User, UserSession
from forum.audit.models import AuditEntry
from forum.audit.services import record
from forum.documents.models import CalendarToken
from forum.events.models import EventRole, TeamRole
from forum.extensions import db
from forum.meetings.models import MeetingOutcome, MeetingParticipant, MeetingRequest
from forum.notifications.models import Mail
from forum.projects.models import CommitmentStatus, Interest
from forum.registration.models import Gender, Registration, RegistrationStatus
from tests.privacy.world import build_world, figures


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría FAO")


@pytest.fixture
def world(create_event, organizer, db):
    event = create_event(organizers=[organizer])
    world = build_world(event)
    yield world
    world.photo.unlink(missing_ok=True)
    world.teaser.unlink(missing_ok=True)


def test_a_delegate_downloads_then_deletes_their_data_and_the_figures_stay(client, login, world):
    forum = world.forum
    event, ana, bruno = forum.event, forum.ana, forum.bruno
    record(event, "registration.approved", "Ana Ñahui Quispe (Oro Verde)")
    db.session.commit()
    before = figures(event)
    # the figures of this world, spelled out so that "unchanged" means something
    assert before["registrations"][RegistrationStatus.APPROVED] == 4
    assert sum(before["registrations"].values()) == 4
    assert {s.value: n for s, n in before["meetings"].items()} == {
        "published": 3,
        "scheduled": 2,
        "cancelled": 1,
    }
    assert before["outcomes"]["records"] == 2
    assert before["outcomes"]["amounts"] == {"USD": 120_000}
    assert before["mobilisation"][CommitmentStatus.COMMITTED] == (
        {"USD": 40_000_000},
        40_000_000,
        1,
    )

    login(ana.user)
    archive = zipfile.ZipFile(io.BytesIO(client.get("/account/data.zip").get_data()))
    assert json.loads(archive.read("data.json"))["account"]["name"] == "Ana Ñahui Quispe"

    page = client.get("/account/delete").get_data(as_text=True)
    assert "Delete my account" in page
    wrong = client.post("/account/delete", data={"password": "not my password"})
    assert "This is not your password." in wrong.get_data(as_text=True)
    assert db.session.get(User, ana.user_id).erased_at is None

    response = client.post(
        "/account/delete", data={"password": "correct horse battery"}, follow_redirects=True
    )
    assert "Your account and your personal data have been deleted." in response.get_data(
        as_text=True
    )
    assert client.get("/account/data").status_code == 302  # logged out

    db.session.expire_all()
    user = db.session.get(User, ana.user_id)
    assert (user.email, user.name, user.password_hash, user.is_active_account) == (
        f"erased-{user.id}@invalid",
        "",
        "",
        False,
    )
    assert user.erased_at is not None
    assert (
        db.session.scalar(
            sa.select(sa.func.count(UserSession.id)).where(
                UserSession.user_id == user.id, UserSession.revoked_at.is_(None)
            )
        )
        == 0
    )
    agents = db.session.scalars(
        sa.select(UserSession.user_agent).where(UserSession.user_id == user.id)
    ).all()
    assert agents == [""]
    ana = db.session.get(Registration, ana.id)
    assert (ana.job_title, ana.offers, ana.seeks, ana.spoken_languages, ana.photo_file) == (
        "",
        "",
        "",
        "",
        None,
    )
    # kept for the counts funders ask for (see forum/privacy/services/erasure.py)
    assert ana.gender == Gender.FEMALE
    assert ana.status == RegistrationStatus.APPROVED
    assert ana.organisation.name == "Cooperativa Agraria Cafetalera Oro Verde"
    assert not world.photo.exists()
    assert world.teaser.exists()  # the project belongs to the organisation
    assert db.session.get(MeetingRequest, forum.meetings["bruno"].request_id).message == ""
    outcomes = {
        o.registration_id: (o.notes, o.amount)
        for o in db.session.scalars(sa.select(MeetingOutcome))
    }
    assert outcomes == {ana.id: ("", 120_000), bruno.id: ("Visit in March", 100_000)}
    assert [
        i.note for i in db.session.scalars(sa.select(Interest).filter_by(registration_id=ana.id))
    ] == [""]
    assert db.session.scalar(sa.select(CalendarToken)).revoked_at is not None
    mails = db.session.scalars(sa.select(Mail).where(Mail.user_id == user.id)).all()
    assert [(m.subject, m.recipient, m.body) for m in mails] == [
        ("Your registration is approved", user.email, "")
    ]  # the unsent one is gone
    audit = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.subject) for e in audit] == [
        ("registration.approved", "[erased] (Oro Verde)"),
        ("account.deleted", f"#{ana.id} (Cooperativa Agraria Cafetalera Oro Verde)"),
    ]

    assert figures(event) == before
    assert (
        db.session.scalar(
            sa.select(sa.func.count(MeetingParticipant.id)).where(
                MeetingParticipant.registration_id == ana.id
            )
        )
        == 5
    )


def test_the_meeting_pages_show_a_former_delegate_and_the_directory_leaves_them_out(
    client, login, world, organizer
):
    from forum.privacy.services.erasure import erase_person

    forum = world.forum
    erase_person(forum.ana.user)
    db.session.commit()

    login(forum.bruno.user)
    mine = client.get("/events/hih-2023/meetings").get_data(as_text=True)
    assert "a former delegate" in mine and "Ana Ñahui Quispe" not in mine
    directory = client.get("/events/hih-2023/delegates").get_data(as_text=True)
    assert "Bruno Ferrari" in directory and "a former delegate" not in directory
    assert client.get(f"/events/hih-2023/delegates/{forum.ana.id}").status_code == 404
    bruno = db.session.get(User, forum.bruno.user_id)
    bruno.locale = "es"
    db.session.commit()
    mine_es = client.get("/events/hih-2023/meetings").get_data(as_text=True)
    assert "una persona ya no registrada" in mine_es
    client.post("/logout")

    login(organizer)
    meeting = client.get(
        f"/events/hih-2023/manage/meetings/grid/{forum.meetings['bruno'].id}"
    ).get_data(as_text=True)
    assert "a former delegate" in meeting and "Ana Ñahui Quispe" not in meeting
    grid = client.get("/events/hih-2023/manage/meetings/grid").get_data(as_text=True)
    assert "a former delegate" in grid and "Ana Ñahui Quispe" not in grid


def _erase(client, registration, confirmation):
    return client.post(
        f"/events/hih-2023/manage/registrations/{registration.id}/erase",
        data={"confirmation": confirmation},
        follow_redirects=True,
    ).get_data(as_text=True)


def test_an_organizer_erases_a_delegate_who_has_meetings(client, login, world, organizer):
    forum = world.forum
    before = figures(forum.event)
    login(organizer)
    page = _erase(client, forum.ana, "someone@else.example")
    assert "The email address typed does not match: nothing was erased." in page
    assert db.session.get(User, forum.ana.user_id).erased_at is None

    page = _erase(client, forum.ana, forum.ana.user.email.upper())
    assert "The delegate&#39;s personal data and account have been erased." in page
    assert "a former delegate" in page  # the registration page itself
    assert db.session.get(User, forum.ana.user_id).erased_at is not None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "delegate.erased"))
    assert (entry.actor_name, entry.event_id) == ("Secretaría FAO", forum.event.id)
    assert figures(forum.event) == before
    again = _erase(client, forum.ana, f"erased-{forum.ana.user_id}@invalid")
    assert "This delegate&#39;s personal data has already been erased." in again
    assert "This delegate's personal data was erased on request." in again


def test_a_person_in_another_event_keeps_the_account(
    client, login, world, organizer, create_event, create_registration
):
    forum = world.forum
    other = create_event(slug="foro-peru", name="Foro Perú")
    elsewhere = create_registration(other, user=forum.ana.user, job_title="Gerente")
    login(organizer)
    page = _erase(client, forum.ana, forum.ana.user.email)
    assert "The person also takes part in other events, so their account stays." in page
    user = db.session.get(User, forum.ana.user_id)
    assert user.erased_at is None and user.name == "Ana Ñahui Quispe"
    assert db.session.get(Registration, forum.ana.id).erased_at is not None
    assert db.session.get(Registration, forum.ana.id).display_name == "a former delegate"
    assert db.session.get(Registration, elsewhere.id).job_title == "Gerente"


def test_team_members_and_admins_are_not_erased(
    client, login, world, organizer, create_user, create_registration
):
    forum = world.forum
    db.session.add(EventRole(event=forum.event, user=forum.carla.user, role=TeamRole.DESK))
    db.session.commit()
    login(organizer)
    page = _erase(client, forum.carla, forum.carla.user.email)
    assert "This person is in an event&#39;s team: remove them from the team first." in page
    admin = create_user(email="admin@fao.example", name="Admin", admin=True)
    registration = create_registration(forum.event, user=admin)
    page = _erase(client, registration, "admin@fao.example")
    assert "This person is a platform administrator: remove the administrator role first." in page
    assert db.session.get(User, admin.id).erased_at is None
    assert db.session.get(User, forum.carla.user_id).erased_at is None
    client.post("/logout")

    login(admin)
    page = client.get("/account/delete").get_data(as_text=True)
    assert "This person is a platform administrator" in page
    client.post("/account/delete", data={"password": "correct horse battery"})
    assert db.session.get(User, admin.id).erased_at is None


def test_an_account_without_password_confirms_with_its_email(client, login, world):
    diego = world.forum.diego.user
    login(diego)
    diego.password_hash = ""  # as if invited by the desk, before setting a password
    db.session.commit()
    page = client.get("/account/delete").get_data(as_text=True)
    assert 'name="email"' in page and 'name="password"' not in page
    client.post("/account/delete", data={"email": "wrong@example.org"})
    assert db.session.get(User, diego.id).erased_at is None
    client.post("/account/delete", data={"email": diego.email.upper()})
    assert db.session.get(User, diego.id).erased_at is not None


def test_nobody_can_request_a_meeting_with_a_former_delegate(world):
    from forum.core.errors import DomainError
    from forum.meetings.services.matchmaking import recommend
    from forum.meetings.services.requests import _check_parties
    from forum.privacy.services.erasure import erase_person

    forum = world.forum
    erase_person(forum.carla.user)
    db.session.commit()
    with pytest.raises(DomainError, match="This delegate cannot receive meeting requests."):
        _check_parties(forum.event, forum.bruno, forum.carla)
    assert forum.carla.id not in {r.registration.id for r in recommend(forum.bruno)}


def test_an_erasure_rolled_back_keeps_the_photo(world):
    """The photo file goes only once the erasure is committed: undone, nothing is lost."""
    from forum.privacy.services.erasure import erase_person

    ana_user = world.forum.ana.user
    erase_person(ana_user)
    assert world.photo.exists()  # not yet: the transaction is still open
    db.session.rollback()
    assert world.photo.exists()
    assert db.session.get(Registration, world.forum.ana.id).photo_file
