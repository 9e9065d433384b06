"""Settings read from the environment; TestingConfig beside them."""

import os
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent
# A .env file beside this one (SECRET_KEY=..., DATABASE_URL=...) fills what the environment
# leaves unset: gunicorn, the RQ worker and the flask CLI all read it.
load_dotenv(BASE_DIR / ".env", override=False)


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{BASE_DIR / 'instance' / 'forum.sqlite3'}"
    # Heroku-style URLs and plain postgresql:// both go through psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


# The key signs sessions, badge codes and the links in mails: anyone who knows it can forge
# them. This default is public (it is in this file), so it is accepted only where nothing
# real is at stake: the tests, and development when FORO_ENV=development says so (`make run`
# sets it). Anything else (gunicorn, `make serve`, the worker, cron) refuses to start without
# a real key: an explicit opt-in is harder to get wrong than guessing from the database or
# the server in use (forum.check_secret_key).
DEVELOPMENT_SECRET_KEY = "dev-only-change-me"
MIN_SECRET_KEY_LENGTH = 32


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
    FORO_ENV = os.environ.get("FORO_ENV", "production").strip().lower()
    SQLALCHEMY_DATABASE_URI = _database_url()
    # No "SELECT 1" before each request's first statement (pool_pre_ping): under load it was
    # one more round trip to the database per request, on a machine whose cores the database
    # shares. A connection the database dropped (a restart) fails the one request that meets
    # it with the 503 page, and SQLAlchemy then replaces every connection of the pool;
    # connections are renewed every half hour anyway (proxies and firewalls drop idle ones).
    # DATABASE_PRE_PING=1 brings the check back.
    SQLALCHEMY_ENGINE_OPTIONS = {
        "pool_pre_ping": _bool("DATABASE_PRE_PING", False),
        "pool_recycle": _int("DATABASE_POOL_RECYCLE", 1800),
    }
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None
    # Photos and logos above this many pixels are refused before they are decoded.
    MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", 40_000_000))
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024  # documents 10 MB, photos 5 MB, with room for the form

    BABEL_DEFAULT_LOCALE = os.environ.get("DEFAULT_LOCALE", "es")
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "forum" / "translations")
    LANGUAGES = ("es", "en")

    BOOTSTRAP_SERVE_LOCAL = True
    BOOTSTRAP_BOOTSWATCH_THEME = None

    # A login session unused for this many days ends (the server revokes it); the cookie
    # that names it lasts as long, renewed at each request, so the two end together.
    SESSION_IDLE_DAYS = _int("SESSION_IDLE_DAYS", 14)
    PERMANENT_SESSION_LIFETIME = timedelta(days=SESSION_IDLE_DAYS)
    REMEMBER_COOKIE_DURATION = timedelta(days=SESSION_IDLE_DAYS)  # no "remember me" cookie yet
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "foro@localhost")

    # The host names this site answers to (comma-separated). Links in mails are built from
    # the request's Host header: without this list a forged Host could put another site in
    # a password-reset link. Unset: any host (development).
    TRUSTED_HOSTS = [
        h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()
    ] or None

    # Behind reverse proxies (nginx, a load balancer) every request comes from the proxy's
    # address: give how many proxies stand in front of the app, and the client's address and
    # scheme are read from the X-Forwarded-For and -Proto headers they set (Werkzeug's
    # ProxyFix). 0: no proxy, the headers are ignored (a client could forge them).
    PROXY_COUNT = _int("PROXY_COUNT", 0)

    # Flask-Limiter (the limits on asking for a new password): in memory, every worker
    # process counts on its own; with REDIS_URL the workers share the counts. The login
    # limits are counted in the database (forum/accounts/services/login_limits.py).
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    REDIS_URL = os.environ.get("REDIS_URL", "")
    # Webhooks (forum/webhooks): the seconds a receiver has to answer; whether http:// and
    # private, loopback or link-local addresses may receive them (tests and development only:
    # in production they would let an organizer reach the server's own network).
    WEBHOOKS_TIMEOUT = _int("WEBHOOKS_TIMEOUT", 5)
    WEBHOOKS_ALLOW_PRIVATE = _bool("WEBHOOKS_ALLOW_PRIVATE", False)
    # Send committed deliveries at once (worker or thread); off, `forum tick` sends them.
    WEBHOOKS_SEND_AFTER_COMMIT = _bool("WEBHOOKS_SEND_AFTER_COMMIT", True)
    # Requests per API token (or per address without one), Flask-Limiter's notation.
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600 per minute")
    # What /healthz reports as the running version (set by the deployment, e.g. a git tag).
    FORO_VERSION = os.environ.get("FORO_VERSION", "") or "dev"


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing"
    WTF_CSRF_ENABLED = False
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or _database_url()
    BABEL_DEFAULT_LOCALE = "en"
    TRUSTED_HOSTS = None  # the test client's localhost, whatever the environment says
    # No queue, no shared cache, whatever the environment or a .env says: a test that wants
    # Redis asks for the `redis_url` fixture (a throwaway redis-server).
    REDIS_URL = ""
    RATELIMIT_STORAGE_URI = "memory://"
    # No webhook leaves on its own: a test sends them (forum.webhooks.delivery) to a receiver
    # it started itself on 127.0.0.1.
    WEBHOOKS_SEND_AFTER_COMMIT = False
    WEBHOOKS_ALLOW_PRIVATE = False
