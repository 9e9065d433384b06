"""Foro on a phone: the manifest, the service worker's headers and rules, the offline page,
and logging out that clears what was kept."""

import json
import re
from pathlib import Path

import pytest

from forum.web import session_cookie

WORKER = Path(__file__).resolve().parents[2] / "forum" / "static" / "js" / "service-worker.js"


def test_manifest_names_foro_and_its_local_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.get_data(as_text=True))
    icons = manifest.pop("icons")
    assert manifest == {
        "name": "Foro",
        "short_name": "Foro",
        "description": "Investment and cooperation fora",
        "lang": "en",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": "#0b4f6c",
        "background_color": "#ffffff",
    }
    assert [(i["src"], i["sizes"], i["type"], i["purpose"]) for i in icons] == [
        ("/static/icons/foro-192.png", "192x192", "image/png", "any"),
        ("/static/icons/foro-512.png", "512x512", "image/png", "any"),
        ("/static/icons/foro-maskable-512.png", "512x512", "image/png", "maskable"),
        ("/static/icons/foro.svg", "any", "image/svg+xml", "any"),
    ]
    for icon in icons:  # every icon is a file we serve, of the size it claims
        served = client.get(icon["src"])
        assert served.status_code == 200 and served.mimetype == icon["type"]
        if icon["type"] == "image/png":
            size = (
                int.from_bytes(served.data[16:20], "big"),
                int.from_bytes(served.data[20:24], "big"),
            )
            assert f"{size[0]}x{size[1]}" == icon["sizes"]


def test_manifest_theme_colour_is_the_navbars(client):
    css = client.get("/static/forum.css").get_data(as_text=True)
    assert ".bg-primary-subtle-dark { background-color: #0b4f6c; }" in css


def test_service_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.get_data() == WORKER.read_bytes()


def test_service_worker_keeps_only_the_delegates_reading_pages():
    source = WORKER.read_text(encoding="utf-8")
    kept = re.search(r"const KEPT_PAGES = \[(.*?)\];", source, re.S)[1]
    patterns = [re.compile(p.replace("\\/", "/")) for p in re.findall(r"/\^(.*?)\$/", kept)]

    def is_kept(path):
        return any(re.fullmatch(p, path) for p in patterns) and "/manage" not in path

    assert is_kept("/events/peru-2023/today")
    assert is_kept("/events/peru-2023/meetings")
    assert is_kept("/events/peru-2023/programme")
    assert is_kept("/events/peru-2023/registrations/12/photo")
    assert not is_kept("/events/peru-2023/manage/registrations")
    assert not is_kept("/events/peru-2023/delegates")
    assert not is_kept("/account/data")
    assert not is_kept("/events/peru-2023/me/agenda.ics")
    # Only GET requests are ever answered by the worker (POSTs go to the network untouched)
    assert 'request.method !== "GET"' in source


def test_offline_page_speaks_both_languages_and_names_nobody(client, login, create_user):
    login(create_user(email="rosa@coop.example", name="Rosa Huamán"))
    response = client.get("/offline")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<h1 class="h3" id="offline-en">You are offline</h1>' in html
    assert "You are offline; this page was not opened before." in html
    assert '<h2 class="h3" id="offline-es">No tiene conexión</h2>' in html
    assert "No tiene conexión; esta página no se abrió antes." in html
    assert "Rosa" not in html and "rosa@coop.example" not in html
    # The worker keeps the files this page links to: all of them are local
    assets = re.findall(r'(?:href|src)="(/[^"]+)"', html)
    assert "/bootstrap/static/css/bootstrap.min.css" in assets
    assert "/static/js/offline.js" in assets
    assert not re.search(r'(?:href|src)="https?://', html)


@pytest.mark.parametrize("path", ["/", "/login"])
def test_every_page_links_the_manifest_and_the_worker_script(client, path):
    html = client.get(path).get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<script src="/static/js/offline.js"></script>' in html
    assert '<body data-signed-in="0">' in html


def test_logging_out_clears_what_the_phone_kept(client, login, create_user):
    login(create_user(email="rosa@coop.example"))
    response = client.post("/logout")
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


@pytest.mark.parametrize("path", ["/sw.js", "/offline", "/manifest.webmanifest"])
def test_the_browsers_own_requests_never_send_the_session_back(
    client, login, create_user, path, monkeypatch
):
    """A late answer to the worker's update check must not put back an older session."""
    login(create_user(email="rosa@coop.example"))
    # a permanent session whose cookie is due to be sent again (every REFRESH_EVERY)
    monkeypatch.setattr(session_cookie, "REFRESH_EVERY", 0)
    assert "Set-Cookie" in client.get("/").headers
    assert "Set-Cookie" not in client.get(path).headers
