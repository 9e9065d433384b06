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


def _app_on(database_url: str):
    class MigratedConfig(Config):
        SQLALCHEMY_DATABASE_URI = database_url

    return create_app(MigratedConfig)


def _inserter(conn):
    """insert(table, **values) -> id into the tables as the database has them now: plain
    inserts, since today's models describe columns that later migrations add."""
    tables = sa.MetaData()
    tables.reflect(conn)

    def insert(table: str, **values) -> int:
        row = conn.execute(tables.tables[table].insert().values(**values))
        return row.inserted_primary_key[0]

    return insert


def test_migrations_upgrade_empty_database_to_models(empty_database_url):
    app = _app_on(empty_database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
            tables = set(sa.inspect(connection).get_table_names())
        db.engine.dispose()
    assert differences == []
    assert {"events", "programme_sessions", "users", "alembic_version"} <= tables


def test_project_presenters_migration_keeps_every_presenter(empty_database_url):
    """Projects that existed before teams keep their submitter and their organisation's
    approved delegates as presenters; nobody else joins.

    The rows are written with plain inserts into the tables as they were then: today's
    models describe columns that later migrations add."""
    from datetime import UTC, date, datetime

    now = datetime(2023, 9, 1, tzinfo=UTC)
    app = _app_on(empty_database_url)
    with app.app_context():
        upgrade(revision="17e0e405f9fa")  # the schema before teams
        with db.engine.begin() as conn:
            insert = _inserter(conn)

            event = insert(
                "events", slug="hih", name="HiH", city="Rome", country="IT",
                timezone="Europe/Rome", start_date=date(2023, 10, 16),
                end_date=date(2023, 10, 20), created_at=now,
            )  # fmt: skip
            ministry = insert(
                "organisations", name="MIDAGRI", type="national_gov", country="PE", created_at=now
            )
            fund = insert(
                "organisations", name="Fund", type="investor", country="US", created_at=now
            )

            def delegate(name, organisation, status="approved"):
                user = insert("users", email=f"{name}@example.org", name=name, created_at=now)
                return insert(
                    "registrations", event_id=event, user_id=user, organisation_id=organisation,
                    status=status, created_at=now, updated_at=now, status_changed_at=now,
                )  # fmt: skip

            ids = {
                "beatriz": delegate("beatriz", ministry),
                "wilber": delegate("wilber", ministry),
                "pending": delegate("pending", ministry, "submitted"),
                # submitted, then changed organisation
                "moved": delegate("moved", fund, "submitted"),
                "investor": delegate("investor", fund),
            }
            project_id = insert(
                "projects", event_id=event, organisation_id=ministry, submitted_by_id=ids["moved"],
                title="Café", country="PE", kind="investment_plan", created_at=now,
                updated_at=now,
            )  # fmt: skip
        upgrade()
        with db.engine.connect() as conn:
            team = conn.scalars(
                sa.text(
                    "SELECT registration_id FROM project_presenters WHERE project_id = :p "
                    "ORDER BY registration_id"
                ),
                {"p": project_id},
            ).all()
        db.engine.dispose()
    assert team == sorted([ids["beatriz"], ids["wilber"], ids["moved"]])


def test_two_language_names_migration_keeps_every_name_and_tag_link(empty_database_url):
    """Existing participant types, tags and tracks keep their name in both languages, and the
    registrations keep their type and tags (a table rebuild on SQLite would have cascaded)."""
    from datetime import UTC, date, datetime

    now = datetime(2023, 9, 1, tzinfo=UTC)
    app = _app_on(empty_database_url)
    with app.app_context():
        upgrade(revision="888feae1e97a")  # one name per item
        with db.engine.begin() as conn:
            insert = _inserter(conn)

            event = insert(
                "events", slug="peru", name="Foro", city="Lima", country="PE",
                timezone="America/Lima", start_date=date(2023, 11, 28),
                end_date=date(2023, 11, 29), created_at=now,
            )  # fmt: skip
            ptype = insert("participant_types", event_id=event, name="Productor / cooperativa")
            tag = insert("tags", event_id=event, name="café")
            insert("tracks", event_id=event, name="Cadenas de valor")
            user = insert("users", email="rosa@example.org", name="Rosa", created_at=now)
            registration = insert(
                "registrations", event_id=event, user_id=user, participant_type_id=ptype,
                status="approved", created_at=now, updated_at=now, status_changed_at=now,
            )  # fmt: skip
            insert("registration_tags", registration_id=registration, tag_id=tag, role="sector")
        upgrade()
        with db.engine.connect() as conn:
            names = {
                table: conn.execute(sa.text(f"SELECT name_es, name_en FROM {table}")).all()
                for table in ("participant_types", "tags", "tracks")
            }
            links = conn.execute(sa.text("SELECT tag_id, role FROM registration_tags")).all()
            type_id = conn.scalar(sa.text("SELECT participant_type_id FROM registrations"))
        db.engine.dispose()
    assert names == {
        "participant_types": [("Productor / cooperativa", "Productor / cooperativa")],
        "tags": [("café", "café")],
        "tracks": [("Cadenas de valor", "Cadenas de valor")],
    }
    assert links == [(tag, "sector")] and type_id == ptype
