"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright."""

import contextvars
import threading

import pytest
from werkzeug.serving import make_server

from forum import create_app
from tests.conftest import Config

CHROMIUM = "/usr/bin/chromium"


class LiveConfig(Config):
    WTF_CSRF_ENABLED = True  # the browser goes through the real forms


@pytest.fixture(scope="session")
def live_server(app, tmp_path_factory):
    # Same database as the `app` fixture, served by a second app with CSRF on; its uploads and
    # printed documents go to a temporary folder, not the checkout's instance/.
    live_app = create_app(LiveConfig)
    live_app.instance_path = str(tmp_path_factory.mktemp("live-instance"))
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(
        target=contextvars.Context().run, args=(server.serve_forever,), daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def axe_check(page):
    """Run axe on the current page; return the serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def _check(target=None):
        results = axe.run(target or page)
        return [
            (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]

    return _check
