"""The migrations build, from nothing, exactly the schema the models describe."""

import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from forum import create_app
from forum.extensions import db
from tests.conftest import Config


@pytest.fixture
def empty_database_url(tmp_path):
    base = sa.make_url(Config.SQLALCHEMY_DATABASE_URI)
    if base.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    name = f"foro_migrations_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_upgrade_empty_database_to_models(empty_database_url):
    class MigratedConfig(Config):
        SQLALCHEMY_DATABASE_URI = empty_database_url

    app = create_app(MigratedConfig)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
            tables = set(sa.inspect(connection).get_table_names())
        db.engine.dispose()
    assert differences == []
    assert {"events", "programme_sessions", "users", "alembic_version"} <= tables
