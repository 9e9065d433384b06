"""examples/api_sync.py against a live local server: a full first sync, then only changes."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from forum import create_app
from tests.conftest import Config
from tests.factories import create_registration

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "api_sync.py"


@pytest.fixture
def live_api(app, world, tmp_path):
    served = create_app(Config)
    served.instance_path = str(tmp_path)
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _sync(base: str, token: str, copy: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), base, "hih-2023", "--copy", str(copy), "--limit", "2"],
        env={**os.environ, "FORO_API_TOKEN": token},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_sync_reads_everything_once_then_only_what_changed(api, world, live_api, tmp_path):
    copy = tmp_path / "registrations.json"
    token = world.secrets["desk"]
    for n in range(3):
        create_registration(world.event, f"Sync {n}")
    first = _sync(live_api, token, copy)
    assert first.startswith("3 pages, 6 registrations received, 6 in the copy, ")
    # a change made through the API itself, as another integration would
    bruno = world.ids["bruno"]
    changed = api.patch(
        f"/api/v1/events/hih-2023/registrations/{bruno}",
        headers=world.auth("desk"),
        json={"job_title": "Responsabile crediti"},
    )
    assert changed.status_code == 200
    second = _sync(live_api, token, copy)
    received = int(second.split(" pages, ")[1].split(" ")[0])
    assert 1 <= received <= 2, second  # Bruno, and the newest row of the first run at most
    assert ", 6 in the copy, " in second
    saved = json.loads(copy.read_text())["registrations"]
    assert saved[str(bruno)]["job_title"] == "Responsabile crediti"
    print("first sync:", first, "| second sync:", second)
