"""A local receiver started by the test itself (http.server on 127.0.0.1 in a thread), and
an event with an organizer and an endpoint that points at it."""

import importlib.util
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from forum.webhooks.models import KINDS, WebhookEndpoint
from tests import factories

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "webhook_receiver.py"


def load_example_receiver():
    """examples/webhook_receiver.py as a module (the examples are no package)."""
    spec = importlib.util.spec_from_file_location("webhook_receiver", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    port: int
    requests: list[Received] = field(default_factory=list)
    status: int = 204  # what it answers
    headers: dict[str, str] = field(default_factory=dict)  # extra answer headers (Location)


@pytest.fixture
def receiver():
    """An HTTP server on 127.0.0.1 that records every request and answers `status`."""
    holder: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            me = holder["receiver"]
            me.requests.append(Received(self.path, dict(self.headers.items()), body))
            self.send_response(me.status)
            for name, value in me.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    holder["receiver"] = Receiver(f"http://127.0.0.1:{port}/hooks?source=foro", port)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield holder["receiver"]
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_private(app):
    """http:// and 127.0.0.1 allowed, as WEBHOOKS_ALLOW_PRIVATE does in development."""
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True
    yield
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False


@dataclass
class Hooks:
    event: object
    organizer: object
    endpoint: WebhookEndpoint


@pytest.fixture
def hooks(db, receiver, allow_private) -> Hooks:
    organizer = factories.create_user("olga@example.org", "Olga Organizer")
    event = factories.create_event([organizer], timezone="America/Lima")
    endpoint = WebhookEndpoint(
        event=event, url=receiver.url, kinds=",".join(KINDS), secret="whsec_test", active=True
    )
    db.session.add(endpoint)
    db.session.commit()
    return Hooks(event, organizer, endpoint)
