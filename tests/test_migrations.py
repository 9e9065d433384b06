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


def test_project_presenters_migration_keeps_every_presenter(empty_database_url):
    """Projects that existed before teams keep their submitter and their organisation's
    approved delegates as presenters; nobody else joins."""
    from datetime import date

    from forum.accounts.models import User
    from forum.events.models import Event
    from forum.projects.models import Project, ProjectKind, ProjectPresenter
    from forum.registration.models import Organisation, OrganisationType, Registration
    from forum.registration.models import RegistrationStatus as Status

    class MigratedConfig(Config):
        SQLALCHEMY_DATABASE_URI = empty_database_url

    app = create_app(MigratedConfig)
    with app.app_context():
        upgrade(revision="17e0e405f9fa")  # the schema before teams
        event = Event(
            slug="hih", name="HiH", city="Rome", country="IT", timezone="Europe/Rome",
            start_date=date(2023, 10, 16), end_date=date(2023, 10, 20),
        )  # fmt: skip
        ministry = Organisation(
            name="MIDAGRI", type=OrganisationType.NATIONAL_GOVERNMENT, country="PE"
        )
        fund = Organisation(name="Fund", type=OrganisationType.INVESTOR, country="US")

        def delegate(name, organisation, status=Status.APPROVED):
            user = User(email=f"{name}@example.org", name=name)
            return Registration(event=event, user=user, organisation=organisation, status=status)

        beatriz, wilber = delegate("beatriz", ministry), delegate("wilber", ministry)
        pending = delegate("pending", ministry, Status.SUBMITTED)
        moved = delegate("moved", fund, Status.SUBMITTED)  # submitted, then changed organisation
        investor = delegate("investor", fund)
        coffee = Project(
            event=event, organisation=ministry, submitted_by=moved, title="Café", country="PE",
            kind=ProjectKind.INVESTMENT_PLAN,
        )  # fmt: skip
        db.session.add_all([beatriz, wilber, pending, moved, investor, coffee])
        db.session.commit()
        ids = {r.user.name: r.id for r in (beatriz, wilber, pending, moved, investor)}
        project_id = coffee.id
        db.session.remove()
        upgrade()
        team = db.session.scalars(
            sa.select(ProjectPresenter.registration_id)
            .where(ProjectPresenter.project_id == project_id)
            .order_by(ProjectPresenter.registration_id)
        ).all()
        db.session.remove()
        db.engine.dispose()
    assert team == sorted([ids["beatriz"], ids["wilber"], ids["moved"]])
