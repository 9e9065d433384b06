"""/api/v1/openapi.json describes every API route from the serializing schemas; /api/v1/docs
shows it with Swagger UI from our own files, under the strict CSP (no inline script)."""

import re

from forum.api.blueprint import OPERATIONS
from forum.api.schemas import RegistrationSchema

ARGUMENT = re.compile(r"<(?:int:)?(\w+)>")


def test_openapi_describes_every_api_route(app, api, world):
    doc = api.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"] == "3.1.0"
    described = {f"{method.upper()} {path}" for path, ops in doc["paths"].items() for method in ops}
    routed = {
        method + " " + ARGUMENT.sub(r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.rule.startswith("/api/v1/events")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert described == routed
    assert len(described) == len(OPERATIONS) == 17
    print(f"API routes: {len(described)} described operations")
    assert doc["components"]["securitySchemes"] == {"token": {"type": "http", "scheme": "bearer"}}


def test_the_registration_schema_is_the_serializers(api, world):
    doc = api.get("/api/v1/openapi.json").get_json()
    described = doc["components"]["schemas"]["Registration"]["properties"]
    assert list(described) == list(RegistrationSchema().fields)
    assert described["checked_in_at"]["type"] == ["string", "null"]
    assert described["status"]["enum"] == [
        "submitted",
        "approved",
        "rejected",
        "waiting",
        "cancelled",
    ]
    create = doc["paths"]["/api/v1/events/{slug}/registrations"]["post"]
    assert create["security"] == [{"token": []}]
    assert set(create["responses"]) == {"201", "400", "401", "403", "404", "422", "429"}


def test_docs_page_uses_local_files_and_no_inline_script(api, world):
    page = api.get("/api/v1/docs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert [body.strip() for _attrs, body in scripts] == ["", "", ""]
    sources = [re.search(r'src="([^"]+)"', attrs).group(1) for attrs, _body in scripts]
    assert sources[-1].startswith("/static/js/api-docs.js")
    assert 'data-spec-url="/api/v1/openapi.json"' in html
    for source in sources[:2] + ["/api/v1/docs/files/swagger-ui.css"]:
        file = api.get(source)
        assert file.status_code == 200 and len(file.data) > 10_000, source
    assert api.get("/api/v1/docs/files/index.html").status_code == 404
