"""examples/api_sync.py against a live local server: a full first sync, then only changes."""

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from forum import create_app
from forum.extensions import db
from forum.webhooks import delivery
from forum.webhooks import services as webhook_services
from forum.webhooks.services import EndpointInput
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _line_with(process: subprocess.Popen, text: str, seen: list[str]) -> str:
    """The next line of the script's output that contains `text` (every line kept in seen)."""
    for line in process.stdout:
        seen.append(line.strip())
        if text in line:
            return line.strip()
    raise AssertionError(f"{text!r} never printed: {seen}")


def test_sync_follows_foro_through_its_webhooks(app, api, world, live_api, tmp_path):
    """The issue's integration, end to end: the script syncs once, then listens; a
    registration added in Foro sends a signed webhook, and the script's next sync brings
    exactly that registration into the copy."""
    copy, port = tmp_path / "registrations.json", _free_port()
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True  # the receiver is on this machine
    endpoint = webhook_services.add_endpoint(
        world.event, EndpointInput(f"http://127.0.0.1:{port}/", ["registration.created"]), None
    )
    db.session.commit()
    command = [sys.executable, str(SCRIPT), live_api, "hih-2023", "--copy", str(copy),
               "--listen", str(port), "--secret", endpoint.secret]  # fmt: skip
    env = {**os.environ, "FORO_API_TOKEN": world.secrets["desk"], "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    seen: list[str] = []
    try:
        assert _line_with(process, "registrations received", seen).startswith("1 pages, 3 ")
        _line_with(process, "listening for webhooks", seen)
        added = api.post(
            "/api/v1/events/hih-2023/registrations",
            headers=world.auth("desk"),
            json={"email": "ana.webhook@example.org", "name": "Ana Webhook", "locale": "es",
                  "organisation": {"name": "Cooperativa Sandia", "type": "producer_org",
                                   "country": "pe"}},
        )  # fmt: skip
        assert added.status_code == 201, added.get_json()
        assert delivery.send_due() == (1, 0)  # one delivered, none failed
        assert _line_with(process, "webhook", seen).startswith("webhook registration.created")
        synced = _line_with(process, "registrations received", seen)
        # Ana, and the newest row of the first sync at most (updated_since is inclusive)
        assert synced.startswith(("1 pages, 1 ", "1 pages, 2 ")), synced
        assert ", 4 in the copy, " in synced
    finally:
        process.terminate()
        process.wait(10)
    saved = json.loads(copy.read_text())["registrations"]
    assert saved[str(added.get_json()["id"])]["name"] == "Ana Webhook"
