"""Foro: investment and cooperation fora, end to end."""

from flask import Flask


def create_app(config_object: object | str = "config.Config") -> Flask:
    """Build the application: config, extensions, blueprints, CLI."""
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    app.config.from_object(config_object)

    from forum import cli, errors, i18n
    from forum.account import bp as account_bp
    from forum.auth import init_login
    from forum.directory import bp as directory_bp
    from forum.extensions import bootstrap, csrf, db, limiter, migrate
    from forum.investment import bp as investment_bp
    from forum.manage import bp as manage_bp
    from forum.meetings import bp as meetings_bp
    from forum.models.types import render_alembic_item
    from forum.projects import bp as projects_bp
    from forum.public import bp as public_bp
    from forum.registration import bp as registration_bp

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(_root() / "migrations"),
        render_as_batch=True,
        compare_type=True,
        render_item=render_alembic_item,
    )
    csrf.init_app(app)
    limiter.init_app(app)
    errors.init_app(app)
    bootstrap.init_app(app)
    init_login(app)
    i18n.init_app(app)
    _enable_sqlite_foreign_keys(app)

    app.register_blueprint(public_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(manage_bp)
    app.register_blueprint(registration_bp)
    app.register_blueprint(directory_bp)
    app.register_blueprint(meetings_bp)
    app.register_blueprint(projects_bp)
    app.register_blueprint(investment_bp)
    cli.init_app(app)
    return app


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent


def _enable_sqlite_foreign_keys(app: Flask) -> None:
    """SQLite ignores ON DELETE rules unless asked, per connection; and learns our search fold."""
    from sqlalchemy import event

    from forum.extensions import db
    from forum.services.text_search import register_sqlite_functions

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        register_sqlite_functions(dbapi_connection)
