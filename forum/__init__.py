"""Foro: investment and cooperation fora, end to end."""

import importlib
import importlib.util

from flask import Flask

# Each feature's pages hang on one blueprint named after it (its endpoints: "<feature>.<view>").
FEATURES = (
    "events",
    "accounts",
    "registration",
    "directory",
    "meetings",
    "projects",
    "documents",
    "notifications",
    "audit",
    "privacy",
    "mailings",
    "reports",
    "messaging",
    "offline",
    "surveys",
    "health",
    "transfer",
    "webhooks",
    "api",
)


def create_app(config_object: object | str = "config.Config") -> Flask:
    """Build the application: config, extensions, blueprints, CLI."""
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    app.config.from_object(config_object)
    check_secret_key(app)

    from forum import cli
    from forum.accounts.login import init_login
    from forum.core.calendar_links import calendar_links
    from forum.core.types import render_alembic_item
    from forum.extensions import bootstrap, csrf, db, limiter, migrate
    from forum.web import (
        access,
        error_pages,
        frame,
        hostile_requests,
        i18n,
        public_cache,
        security_headers,
        session_cookie,
        transaction,
    )

    _import_models()
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
    public_cache.init_app(app)
    limiter.init_app(app)
    error_pages.init_app(app)
    transaction.init_app(app)
    session_cookie.init_app(app)
    security_headers.init_app(app)
    hostile_requests.init_app(app)
    bootstrap.init_app(app)
    init_login(app)
    i18n.init_app(app)
    frame.init_app(app)
    app.jinja_env.globals["may"] = access.may  # may(event, "desk"): show a team member's links
    # is_delegate(event): the phone menu's links to Today and My meetings
    app.jinja_env.globals["is_delegate"] = access.is_approved_delegate
    app.jinja_env.globals["calendar_links"] = calendar_links
    _enable_sqlite_foreign_keys(app)

    for feature in FEATURES:
        views = importlib.import_module(f"forum.{feature}.views")
        app.register_blueprint(views.bp)
    from forum.api import init_app as init_api

    init_api(app)
    cli.init_app(app)
    _trust_proxies(app)
    return app


class InsecureSecretKey(RuntimeError):
    """The app was started for real with no secret key of its own."""


def check_secret_key(app: Flask) -> None:
    """Refuse to run outside tests and development on a missing, public or short SECRET_KEY:
    sessions, badge codes and mailed links signed with a known key can be forged offline."""
    from config import DEVELOPMENT_SECRET_KEY, MIN_SECRET_KEY_LENGTH

    if app.testing or app.config.get("FORO_ENV") == "development":
        return
    key = app.config.get("SECRET_KEY") or ""
    if isinstance(key, bytes):
        key = key.decode("utf-8", "replace")
    if key == DEVELOPMENT_SECRET_KEY or len(key) < MIN_SECRET_KEY_LENGTH:
        raise InsecureSecretKey(
            "SECRET_KEY is unset, the public development key or shorter than "
            f"{MIN_SECRET_KEY_LENGTH} characters. Set a random one, e.g.\n"
            "  export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')\n"
            "(or put it in .env), or, on a development machine only, FORO_ENV=development."
        )


def _trust_proxies(app: Flask) -> None:
    """Behind PROXY_COUNT reverse proxies, the client's address and scheme are the ones they
    forward (the login limits count per address)."""
    count = app.config.get("PROXY_COUNT", 0)
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def _import_models() -> None:
    """Load every feature's models so that SQLAlchemy and Alembic see the whole schema."""
    for feature in FEATURES:
        if importlib.util.find_spec(f"forum.{feature}.models"):
            importlib.import_module(f"forum.{feature}.models")


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent


def _enable_sqlite_foreign_keys(app: Flask) -> None:
    """SQLite ignores ON DELETE rules unless asked, per connection; and learns our search fold."""
    from sqlalchemy import event

    from forum.core.text_search import register_sqlite_functions
    from forum.extensions import db

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
