"""Migration b8d4f0e2a613 gives every existing organisation its folded name key."""

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from forum.extensions import db
from tests.test_migrations import _app_on, _inserter, empty_database_url  # noqa: F401 (fixture)


def test_existing_organisations_get_their_name_key(empty_database_url):  # noqa: F811
    now = datetime(2023, 9, 1, tzinfo=UTC)
    app = _app_on(empty_database_url)
    with app.app_context():
        upgrade(revision="a7c3e9d1f402")  # the schema before the key
        with db.engine.begin() as conn:
            insert = _inserter(conn)
            for name, country in [
                ("ÑAHUI  Café ", "PE"),
                ("Cooperativa Ñuñoa", "CL"),
                ("FAO", "IT"),
            ]:
                insert("organisations", name=name, type="company", country=country, created_at=now)
        upgrade()
        with db.engine.connect() as conn:
            keys = (
                conn.execute(sa.text("SELECT name_key FROM organisations ORDER BY id"))
                .scalars()
                .all()
            )
        downgrade(revision="a7c3e9d1f402")
        with db.engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("organisations")}
        db.engine.dispose()
    assert keys == ["nahui cafe", "cooperativa nunoa", "fao"]
    assert "name_key" not in columns
