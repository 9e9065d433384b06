"""The app starts in a fresh interpreter, as `flask db upgrade`, gunicorn and the RQ worker
start it: nothing built at import may need models that are not imported yet (the test
session's conftest imports every model first, which hid such a mistake once)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_fresh_interpreter_creates_the_app(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "SECRET_KEY": "fresh-interpreter-" + "k" * 32,
        "REDIS_URL": "",
    }
    started = subprocess.run(
        [sys.executable, "-c", "import wsgi; print(sorted(wsgi.app.blueprints)[:3])"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr[-3000:]
    assert started.stdout.strip() == "['accounts', 'api', 'audit']"
