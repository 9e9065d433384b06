from werkzeug.security import generate_password_hash

from forum.accounts import services as accounts


def test_ensure_account_creates_once_with_the_given_hash(db):
    shared = generate_password_hash("demo-password", method="pbkdf2:sha256:1")
    rosa = accounts.ensure_account(" Rosa@Coop.Example ", "Rosa  Huamán", shared, "es")
    again = accounts.ensure_account("rosa@coop.example", "Another name", "", "en")
    db.session.commit()
    assert again is rosa
    assert (rosa.email, rosa.name, rosa.locale, rosa.is_admin) == (
        "rosa@coop.example",
        "Rosa Huamán",
        "es",
        False,
    )
    assert rosa.check_password("demo-password") and not rosa.check_password("other")
    assert accounts.authenticate("rosa@coop.example", "demo-password") == rosa


def test_ensure_account_without_hash_cannot_log_in(db):
    admin = accounts.ensure_account("admin@foro.example", "Admin", is_admin=True)
    db.session.commit()
    assert admin.is_admin
    assert accounts.authenticate("admin@foro.example", "") is None
