"""/api/v1/docs in a real Chromium: Swagger UI draws every operation of our openapi.json from
local files, and the strict Content-Security-Policy refuses nothing on the way."""

import pytest
from playwright.sync_api import expect

from tests.api.conftest import build_api_world

pytestmark = pytest.mark.e2e


def test_api_docs_page_renders_every_operation_without_csp_complaints(page, live_server, db):
    build_api_world()
    complaints: list[str] = []
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text)
            if "Content Security Policy" in message.text or message.type == "error"
            else None
        ),
    )
    page.on("requestfailed", lambda request: complaints.append(f"failed: {request.url}"))
    page.goto(f"{live_server}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Foro API")
    expect(page.locator(".opblock")).to_have_count(17)
    external = [
        url
        for url in page.evaluate("performance.getEntries().map(e => e.name)")
        if not url.startswith(live_server) and url.startswith("http")
    ]
    assert external == []
    assert complaints == []
