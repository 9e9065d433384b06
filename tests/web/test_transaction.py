"""The request's one transaction: committed after a success, rolled back after an error."""

import sqlalchemy as sa
from flask import has_request_context
from flask_sqlalchemy.session import Session
from sqlalchemy.exc import IntegrityError

from forum.accounts.models import User


def _locale(db, email: str) -> str | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User.locale).where(User.email == email))


def test_a_successful_request_is_committed(client, login, create_user, db):
    user = create_user(locale="en")
    login(user)

    response = client.post("/language", data={"lang": "es", "next": "/"})

    assert response.status_code == 302
    assert _locale(db, user.email) == "es"


def test_a_commit_refused_at_the_end_of_a_request_saves_nothing_and_says_so(
    client, login, create_user, db, monkeypatch
):
    user = create_user(locale="es")
    login(user)
    commit = Session.commit

    def refused_in_a_request(session):
        if has_request_context():  # a concurrent request broke a unique constraint first
            raise IntegrityError("UPDATE users", {}, Exception("UNIQUE constraint failed"))
        return commit(session)

    monkeypatch.setattr(Session, "commit", refused_in_a_request)

    response = client.post("/language", data={"lang": "en", "next": "/"})

    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'lang="es"' in page  # the language change was not saved either
    assert "No se guardó nada" in page
    assert "Otra persona cambió los mismos datos en el mismo momento." in page
    monkeypatch.setattr(Session, "commit", commit)
    assert _locale(db, user.email) == "es"
