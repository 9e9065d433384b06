"""The admin's user list: search, deactivate and reactivate, grant and revoke admin."""

import re

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.accounts.services import admin as admin_service
from forum.audit.models import AuditEntry
from forum.core.errors import DomainError
from forum.events.models import EventRole
from forum.extensions import db
from tests.factories import PASSWORD


@pytest.fixture
def ada(create_user):
    return create_user("ada@example.org", "Ada Admin", admin=True)


def _emails(page: str) -> list[str]:
    return re.findall(r'<div class="small text-break">([^<]+)</div>', page)


def test_search_by_name_or_email_ignores_case_and_accents(client, login, ada, create_user):
    create_user("ana@coop.example", "Ana Quispe")
    create_user("jose@banco.example", "José Núñez")
    create_user("other@example.org", "Otro")
    login(ada)
    assert _emails(client.get("/manage/users?q=QUISPE").get_data(as_text=True)) == [
        "ana@coop.example"
    ]
    assert _emails(client.get("/manage/users?q=nunez").get_data(as_text=True)) == [
        "jose@banco.example"
    ]
    assert _emails(client.get("/manage/users?q=BANCO.example").get_data(as_text=True)) == [
        "jose@banco.example"
    ]
    page = client.get("/manage/users?q=zzz").get_data(as_text=True)
    assert _emails(page) == [] and "No account matches “zzz”." in page


def test_the_list_shows_flags_roles_and_pending_invitations(
    client, login, ada, create_user, create_event
):
    olga = create_user("olga@example.org", "Olga")
    event = create_event([olga])
    invited = User(email="new@example.org", name="Nueva", password_hash="")
    db.session.add(invited)
    db.session.add(EventRole(event=event, user=invited, role="desk"))
    db.session.commit()
    login(ada)
    page = client.get("/manage/users").get_data(as_text=True)
    assert _emails(page) == ["ada@example.org", "new@example.org", "olga@example.org"]
    new_entry = page[page.index("new@example.org") : page.index("olga@example.org")]
    assert "Invitation pending" in new_entry
    assert "Hand-in-Hand Investment Forum 2023</a>: Registration desk" in new_entry
    assert "Platform admin" in page[: page.index("new@example.org")]


def test_the_list_has_pages_of_fifty(client, login, ada):
    db.session.add_all(User(email=f"user{n:02d}@example.org", name="") for n in range(60))
    db.session.commit()
    login(ada)
    first = client.get("/manage/users").get_data(as_text=True)
    second = client.get("/manage/users?page=2").get_data(as_text=True)
    assert len(_emails(first)) == 50 and len(_emails(second)) == 11
    assert "Accounts found: 61" in first and "Page 2 of 2" in second


def test_deactivating_ends_every_session_and_reactivating_lets_in_again(
    app, client, login, ada, create_user
):
    ana = create_user("ana@example.org", "Ana")
    ana_browser = app.test_client()
    ana_browser.post("/login", data={"email": ana.email, "password": PASSWORD})
    assert ana_browser.get("/account/password").status_code == 200
    login(ada)
    response = client.post(
        f"/manage/users/{ana.id}/active", data={"value": "0"}, follow_redirects=True
    )
    assert "Ana &lt;ana@example.org&gt; is deactivated and logged out everywhere." in (
        response.get_data(as_text=True)
    )
    after = ana_browser.get("/account/password")
    assert after.status_code == 302 and after.headers["Location"].startswith("/login")
    refused = ana_browser.post("/login", data={"email": ana.email, "password": PASSWORD})
    assert refused.status_code == 200  # wrong email or password: no session
    client.post(f"/manage/users/{ana.id}/active", data={"value": "1"})
    again = ana_browser.post("/login", data={"email": ana.email, "password": PASSWORD})
    assert again.status_code == 302
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["account.deactivated", "account.reactivated"]


def test_an_admin_cannot_lock_themselves_out(client, login, ada):
    login(ada)
    for switch in ("active", "admin"):
        response = client.post(
            f"/manage/users/{ada.id}/{switch}", data={"value": "0"}, follow_redirects=True
        )
        assert "You cannot change your own account here; ask another admin." in (
            response.get_data(as_text=True)
        )
    db.session.expire_all()
    assert ada.is_admin and ada.is_active_account


def test_grant_and_revoke_admin(client, login, ada, create_user):
    bea = create_user("bea@example.org", "Bea")
    login(ada)
    client.post(f"/manage/users/{bea.id}/admin", data={"value": "1"})
    db.session.expire_all()
    assert bea.is_admin
    response = client.post(
        f"/manage/users/{bea.id}/admin", data={"value": "0"}, follow_redirects=True
    )
    assert "Bea &lt;bea@example.org&gt; is no longer a platform admin." in response.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert not bea.is_admin
    entries = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.event_id, e.actor_id, e.after) for e in entries] == [
        ("admin.granted", None, ada.id, {"admin": True}),
        ("admin.revoked", None, ada.id, {"admin": False}),
    ]


def test_there_is_always_an_active_admin(ada, create_user):
    with pytest.raises(DomainError) as refused:
        admin_service.set_admin(ada, False)  # by nobody: the command line
    assert str(refused.value) == (
        "Ada Admin <ada@example.org> is the last active admin: make someone else admin first."
    )
    with pytest.raises(DomainError):
        admin_service.set_active(ada, False)
    bea = create_user("bea@example.org", "Bea", admin=True)
    admin_service.set_active(bea, False)  # a deactivated admin does not count
    with pytest.raises(DomainError, match="last active admin"):
        admin_service.set_admin(ada, False)
    admin_service.set_active(bea, True)
    admin_service.set_admin(ada, False)
    assert not ada.is_admin and bea.is_admin


def test_only_admins_reach_the_list(client, login, create_user):
    login(create_user("olga@example.org", "Olga"))
    assert client.get("/manage/users").status_code == 403
    assert client.post("/manage/users/1/active", data={"value": "0"}).status_code == 403
