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


def test_serve_runs_gunicorn_the_clock_and_rq_workers_that_load_foro_once(
    serve, no_dotenv, monkeypatch
):
    monkeypatch.setenv("DATABASE_URL", "postgresql://foro@127.0.0.1/foro")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("SECRET_KEY", "s" * 48)
    started = {}

    class Started(Exception):
        pass

    def popen(command, **_kwargs):
        started[len(started)] = [str(part) for part in command]
        return type("Child", (), {"pid": 1, "poll": lambda self: None})()

    def ready(_url, _processes):
        raise Started

    monkeypatch.setattr(serve.subprocess, "Popen", popen)
    monkeypatch.setattr(serve, "_wait_until_ready", ready)
    monkeypatch.setattr(serve.signal, "signal", lambda *_args: None)
    with pytest.raises(Started):
        serve.main(["--no-migrate", "--rq-workers", "2"])
    commands = [command[1:] for command in started.values()]  # without the venv's bin path
    redis = "redis://127.0.0.1:6379/0"
    worker = ["worker", "forum", "--worker-class", "forum.core.job_worker.AppWorker"]
    assert commands == [
        ["-c", "deploy/gunicorn.conf.py", "wsgi:app"],
        ["cron", "forum.notifications.rq_cron", "--url", redis],
        [*worker, "--url", redis],
        [*worker, "--url", redis],
    ]


def test_gunicorn_freezes_what_the_master_loaded_before_each_fork():
    import gc
    import runpy

    thresholds = gc.get_threshold()
    try:
        settings = runpy.run_path(str(SCRIPT.parent / "gunicorn.conf.py"))
        assert gc.get_threshold() == (10_000, 10, 10)
        gc.unfreeze()
        settings["pre_fork"](None, None)
        assert gc.get_freeze_count() > 0  # the collector skips them in the worker
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
