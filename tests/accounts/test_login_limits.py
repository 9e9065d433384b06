"""Login limits: per (account, address), per account, per address; a new password lifts
them; unknown accounts cost the same hash work as known ones; the proxy setting."""

from datetime import timedelta
from unittest import mock

import pytest
import sqlalchemy as sa
from flask import Flask, request

from forum import _trust_proxies
from forum.accounts import services as accounts
from forum.accounts.models import LoginFailure, User
from forum.accounts.services import invitations, login_limits, password_reset
from forum.core.types import utcnow
from tests.factories import PASSWORD, password_hash

EN = {"Accept-Language": "en"}
ES = {"Accept-Language": "es"}
X, Y, Z = "198.51.100.7", "203.0.113.20", "192.0.2.55"
NEW_PASSWORD = "a brand new secret"


def _login(app, email, password=PASSWORD, address=X, headers=EN):
    """One attempt from a fresh browser at `address`."""
    return app.test_client().post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


def _fail(app, email, times, address=X):
    return [_login(app, email, "not the password", address).status_code for _ in range(times)]


def _failures_before(db, email, address, count, age):
    """`count` failures saved `age` ago, as if they had been tried then."""
    _failures_of(db, [(email, address)] * count, age)


def _failures_of(db, pairs, age):
    """A failure for each (email, address), saved `age` ago."""
    failed_at = utcnow() - age
    db.session.add_all(LoginFailure(email=e, address=a, failed_at=failed_at) for e, a in pairs)
    db.session.commit()


def _count(db, **where) -> int:
    query = sa.select(sa.func.count()).select_from(LoginFailure).filter_by(**where)
    return db.session.scalar(query)


def test_five_failures_from_one_address_stop_that_pair_only(app, db, create_user):
    create_user(email="ana@example.org")
    create_user(email="bruno@example.org", name="Bruno")
    assert _fail(app, "ana@example.org", 5) == [200] * 5
    assert _count(db, email="ana@example.org", address=X) == 5

    refused = _login(app, "ana@example.org")  # the right password, from X: refused
    assert refused.status_code == 429
    html = refused.get_data(as_text=True)
    assert "too many failed attempts to log in with this email address from your connection" in (
        " ".join(html.split())
    )
    assert "You can try again in 15 minutes." in html
    assert 'href="/password/forgot"' in html
    assert 14 * 60 <= int(refused.headers["Retry-After"]) <= 15 * 60
    assert _count(db, email="ana@example.org") == 5  # a refused attempt is no failure

    # Ana herself, from another address, is not kept out by what happened at X...
    assert _login(app, "ana@example.org", address=Y).status_code == 302
    # ...and another account from X is not either.
    assert _fail(app, "bruno@example.org", 1) == [200]
    assert _login(app, "bruno@example.org").status_code == 302


def test_the_refusal_page_speaks_spanish(app, db, create_user):
    create_user(email="ana@example.org")
    _failures_before(db, "ana@example.org", X, 5, timedelta(minutes=5))
    refused = _login(app, "ana@example.org", headers=ES)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert "Puede volver a intentarlo dentro de 10 minutos." in html
    assert "Recibir una contraseña nueva por correo" in html


def test_failures_older_than_the_window_do_not_count(app, db, create_user):
    create_user(email="ana@example.org")
    _failures_before(db, "ana@example.org", X, 5, timedelta(minutes=16))
    assert _login(app, "ana@example.org").status_code == 302


def test_a_success_forgets_the_typos_before_it(app, db, create_user):
    create_user(email="ana@example.org")
    assert _fail(app, "ana@example.org", 4) == [200] * 4
    assert _login(app, "ana@example.org").status_code == 302
    assert _count(db, email="ana@example.org") == 0
    assert _fail(app, "ana@example.org", 4) == [200] * 4
    assert _login(app, "ana@example.org").status_code == 302


def test_fifty_failures_a_day_from_anywhere_stop_the_account(app, db, create_user):
    create_user(email="ana@example.org")
    create_user(email="bruno@example.org", name="Bruno")
    # spread over 49 addresses, so no pair is full
    _failures_of(db, [("ana@example.org", f"10.1.0.{i}") for i in range(49)], timedelta(hours=20))
    assert _fail(app, "ana@example.org", 1, address=Y) == [200]

    refused = _login(app, "ana@example.org", address=Z)  # the right password, elsewhere
    assert refused.status_code == 429
    html = " ".join(refused.get_data(as_text=True).split())
    assert "with this email address today, from several places" in html
    assert "You can try again in 4 hours." in html  # when the failures of 20 h ago expire
    assert _login(app, "bruno@example.org", address=Z).status_code == 302


def test_a_day_old_failures_are_forgotten_and_deleted(app, db, create_user):
    create_user(email="ana@example.org")
    _failures_before(db, "ana@example.org", Y, 50, timedelta(hours=25))
    assert _login(app, "ana@example.org").status_code == 302
    _fail(app, "someone@example.org", 1)  # saving a failure sweeps the old ones
    assert _count(db, email="ana@example.org") == 0
    assert _count(db, email="someone@example.org") == 1


def test_an_address_may_fail_a_hundred_times_for_everyone_behind_it(app, db, create_user):
    create_user(email="ana@example.org")
    _failures_of(db, [(f"guess{i}@example.org", X) for i in range(99)], timedelta(minutes=10))
    assert _fail(app, "guess99@example.org", 1) == [200]
    refused = _login(app, "ana@example.org")
    assert refused.status_code == 429
    html = " ".join(refused.get_data(as_text=True).split())
    assert "too many failed attempts to log in from your connection" in html
    assert _login(app, "ana@example.org", address=Y).status_code == 302


def test_unknown_accounts_are_limited_alike(app, db):
    assert _fail(app, "nobody@example.org", 5) == [200] * 5
    assert _login(app, "nobody@example.org").status_code == 429


def test_a_password_reset_lifts_every_limit_of_the_account(app, client, db, create_user):
    ana = create_user(email="ana@example.org")
    _failures_before(db, "ana@example.org", X, 5, timedelta(minutes=1))
    _failures_of(db, [("ana@example.org", f"10.2.0.{i}") for i in range(45)], timedelta(hours=1))
    _failures_before(db, "bruno@example.org", X, 3, timedelta(minutes=1))
    assert _login(app, "ana@example.org").status_code == 429
    assert _login(app, "ana@example.org", address=Y).status_code == 429

    token = password_reset.reset_token(ana)
    done = client.post(
        f"/password/reset/{token}", data={"new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert _count(db, email="ana@example.org") == 0
    assert _count(db, email="bruno@example.org") == 3  # someone else's stay
    assert _login(app, "ana@example.org", NEW_PASSWORD).status_code == 302


def test_accepting_an_invitation_and_changing_the_password_lift_them_too(db, create_user):
    invited = User(email="ines@example.org", name="Inés Invited")
    db.session.add(invited)
    db.session.flush()
    token = invitations.INVITATION_LINK.token(invited)
    _failures_before(db, "ines@example.org", X, 5, timedelta(minutes=1))
    invitations.accept_invitation(token, NEW_PASSWORD)
    assert _count(db, email="ines@example.org") == 0

    ana = create_user(email="ana@example.org")
    _failures_before(db, "ana@example.org", X, 5, timedelta(minutes=1))
    accounts.change_password(ana, NEW_PASSWORD, keep_token=None)
    assert _count(db, email="ana@example.org") == 0


def test_a_limit_refuses_before_any_password_is_checked(app, db, create_user):
    create_user(email="ana@example.org")
    _failures_before(db, "ana@example.org", X, 5, timedelta(minutes=1))
    with mock.patch.object(accounts, "check_password_hash", wraps=accounts.check_password_hash):
        assert _login(app, "ana@example.org").status_code == 429
        assert accounts.check_password_hash.call_count == 0


@pytest.mark.parametrize("case", ["unknown", "inactive", "no password", "known"])
def test_every_login_checks_one_hash_of_the_same_kind(db, create_user, case):
    """An unknown, inactive or passwordless account costs the same hash work as a real one:
    one check, against a hash of the same method and cost."""
    ana = create_user(email="ana@example.org")
    if case == "inactive":
        ana.is_active_account = False
    elif case == "no password":
        ana.password_hash = ""
    db.session.commit()
    email = "nobody@example.org" if case == "unknown" else "ana@example.org"
    with mock.patch.object(
        accounts, "check_password_hash", wraps=accounts.check_password_hash
    ) as check:
        assert accounts.authenticate(email, "not the password") is None
    assert check.call_count == 1
    ((checked_hash, password), _) = check.call_args
    assert password == "not the password"
    method = password_hash().split("$")[0]  # e.g. "scrypt:32768:8:1"
    assert checked_hash.split("$")[0] == method
    if case != "known":
        assert checked_hash != password_hash()


def test_the_stand_in_hash_is_not_any_password_typed(db):
    """Whatever is typed, an unknown account never logs in (nor does an empty password)."""
    for typed in ("", "password", PASSWORD):
        assert accounts.authenticate("nobody@example.org", typed) is None


def test_limits_key_on_the_email_as_typed_without_case_or_spaces(db):
    login_limits.record_failure("  Ana@Example.ORG ", X)
    assert _count(db, email="ana@example.org", address=X) == 1


@pytest.mark.parametrize(("proxies", "seen"), [(0, "10.0.0.1"), (1, "203.0.113.9")])
def test_the_client_address_behind_a_proxy(proxies, seen):
    app = Flask(__name__)
    app.config["PROXY_COUNT"] = proxies

    @app.get("/")
    def address():
        return request.remote_addr

    _trust_proxies(app)
    answer = app.test_client().get(
        "/", environ_base={"REMOTE_ADDR": "10.0.0.1"}, headers={"X-Forwarded-For": "203.0.113.9"}
    )
    assert answer.get_data(as_text=True) == seen
