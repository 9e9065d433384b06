"""deploy/serve.py (make serve) refuses, before migrating anything, what cannot run for real."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "serve.py"


@pytest.fixture
def serve():
    spec = importlib.util.spec_from_file_location("serve_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def no_dotenv(monkeypatch, serve, tmp_path):
    monkeypatch.setattr(serve, "ROOT", tmp_path)  # no .env of the checkout
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)


def test_serve_names_every_missing_setting_and_exits_2(serve, no_dotenv, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///instance/forum.sqlite3")
    monkeypatch.setattr(serve.subprocess, "run", pytest.fail)  # never migrates
    with pytest.raises(SystemExit) as exit_:
        serve.main(["--port", "18999"])
    assert exit_.value.code == 2
    said = capsys.readouterr().out
    assert "serve: DATABASE_URL must be a PostgreSQL URL" in said
    assert "serve: REDIS_URL must be set" in said
    assert "serve: SECRET_KEY must be a random string of 32 characters or more" in said


def test_serve_accepts_a_complete_environment_and_drops_development_mode(
    serve, no_dotenv, monkeypatch
):
    monkeypatch.setenv("DATABASE_URL", "postgresql://foro@127.0.0.1/foro")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("SECRET_KEY", "s" * 48)
    monkeypatch.setenv("FORO_ENV", "development")
    env = serve._environment()
    assert env["SECRET_KEY"] == "s" * 48
    assert "FORO_ENV" not in env
