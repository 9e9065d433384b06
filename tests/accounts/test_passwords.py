"""The password rules and the reset token, without the web."""

import pytest

from forum.accounts.models import User
from forum.accounts.services import password_reset
from forum.accounts.services.passwords import COMMON_PASSWORDS, password_problems
from forum.notifications.models import Mail


@pytest.mark.parametrize(
    ("password", "problems"),
    [
        ("a brand new secret", []),
        ("Quispe forever 2026", []),  # a surname alone is allowed: only the whole name is not
        ("123456789", ["Too short: use at least 10 characters."]),
        ("x" * 201, ["Too long: use at most 200 characters."]),
        ("QwErTyUiOp", ["This is one of the most common passwords: choose another one."]),
        ("Ana Quispe!!", ["Do not use your email address or your name in the password."]),
        ("my ana.q@example.org", ["Do not use your email address or your name in the password."]),
        ("ana.q-is-here", ["Do not use your email address or your name in the password."]),
    ],
)
def test_password_problems(app, password, problems):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert password_problems(password, "Ana.Q@example.org", "Ana  Quispe") == problems


def test_common_list_has_about_a_hundred_entries_in_lower_case():
    assert 100 <= len(COMMON_PASSWORDS) <= 120
    assert all(p == p.casefold() for p in COMMON_PASSWORDS)


def test_a_link_works_once_even_twice_in_one_transaction(app, db, create_user):
    ana = create_user(email="ana@example.org")
    token = password_reset.reset_token(ana)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert password_reset.reset_password(token, "a brand new secret") == ana
        with pytest.raises(password_reset.ResetLinkRefused) as refused:
            password_reset.reset_password(token, "another new secret")
    assert refused.value.reason == "used"
    assert db.session.get(User, ana.id).check_password("a brand new secret")


def test_unknown_address_leaves_nothing_in_the_outbox(app, db, create_user):
    create_user(email="ana@example.org")
    with app.test_request_context():
        assert password_reset.request_password_reset("nobody@example.org", "es") is False
        assert password_reset.request_password_reset("ANA@example.org ", "es") is True
    db.session.commit()
    assert [m.recipient for m in db.session.query(Mail)] == ["ana@example.org"]
