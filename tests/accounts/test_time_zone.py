"""The user's own time zone: reported by their browser, chosen on the account page."""

import re

import pytest

from forum.extensions import db

DETECTED = "/account/time-zone/detected"
PAGE = "/account/time-zone"


@pytest.fixture
def ana(create_user, login):
    user = create_user(locale="es")
    login(user)
    return user


def _reload(user):
    db.session.refresh(user)
    return user


def test_the_browser_reports_the_zone(client, ana):
    response = client.post(DETECTED, data={"timezone": "America/Lima"})
    assert response.get_json() == {"stored": True, "timezone": "America/Lima"}
    assert (_reload(ana).timezone, ana.timezone_chosen) == ("America/Lima", False)
    # the same zone again changes nothing; a JSON body is taken too
    response = client.post(DETECTED, json={"timezone": "America/Lima"})
    assert response.get_json() == {"stored": False, "timezone": "America/Lima"}


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "x" * 500, "<script>"])
def test_an_unknown_zone_is_refused_in_the_users_language(client, ana, zone):
    client.post(DETECTED, data={"timezone": "America/Lima"})
    response = client.post(DETECTED, data={"timezone": zone})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert "no es una zona horaria conocida. Elija una de la lista." in error
    assert len(error) < 200
    assert _reload(ana).timezone == "America/Lima"  # what was stored stays


def test_a_zone_the_user_chose_is_not_overwritten_by_detection(client, ana):
    client.post(PAGE, data={"timezone": "Europe/Madrid"})
    response = client.post(DETECTED, data={"timezone": "America/Lima"})
    assert response.get_json() == {"stored": False, "timezone": "Europe/Madrid"}
    assert (_reload(ana).timezone, ana.timezone_chosen) == ("Europe/Madrid", True)


def test_detection_needs_the_csrf_token(app, client, ana, csrf_enabled):
    refused = client.post(DETECTED, data={"timezone": "America/Lima"})
    assert refused.status_code == 400
    assert _reload(ana).timezone is None
    # the token the page hands to static/js/time-zone.js
    page = client.get("/").get_data(as_text=True)
    script = re.search(r'<script id="time-zone-script"[^>]*>', page).group(0)
    assert 'data-report="/account/time-zone/detected"' in script
    token = re.search(r'data-csrf="([^"]+)"', script).group(1)
    accepted = client.post(DETECTED, data={"timezone": "America/Lima", "csrf_token": token})
    assert accepted.get_json()["stored"] is True
    assert _reload(ana).timezone == "America/Lima"


def test_visitors_get_the_script_without_the_report(client, db):
    page = client.get("/").get_data(as_text=True)
    script = re.search(r'<script id="time-zone-script"[^>]*>', page).group(0)
    assert 'data-cookie="foro_tz"' in script
    assert "data-report" not in script
    assert client.post(DETECTED, data={"timezone": "America/Lima"}).status_code == 302


def test_the_account_page_offers_zones_by_region(client, ana):
    page = client.get(PAGE).get_data(as_text=True)
    assert "Aún no conocemos su zona horaria" in page
    assert '<optgroup label="América">' in page
    assert re.search(
        r'<option value="America/Lima">Lima \(GMT-05:00\) · America/Lima</option>', page
    )
    assert '<option selected value="">Detectarla desde mi navegador</option>' in page


def test_choosing_a_zone_on_the_account_page(client, ana):
    client.post(DETECTED, data={"timezone": "America/Lima"})
    response = client.post(PAGE, data={"timezone": "Asia/Tokyo"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Zona horaria guardada: Asia/Tokyo." in page
    assert "Su zona horaria: Asia/Tokyo, elegida por usted." in page
    assert '<option selected value="Asia/Tokyo">' in page
    assert (_reload(ana).timezone, ana.timezone_chosen) == ("Asia/Tokyo", True)
    # back to detection: the zone stays until the browser reports another
    response = client.post(PAGE, data={"timezone": ""}, follow_redirects=True)
    assert "Su navegador detectará su zona horaria." in response.get_data(as_text=True)
    assert (_reload(ana).timezone, ana.timezone_chosen) == ("Asia/Tokyo", False)
    client.post(DETECTED, data={"timezone": "America/Lima"})
    assert _reload(ana).timezone == "America/Lima"


def test_an_unknown_zone_on_the_account_page_is_refused_and_nothing_is_lost(client, ana):
    client.post(PAGE, data={"timezone": "Europe/Madrid"})
    response = client.post(PAGE, data={"timezone": "Europe/Atlantis"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "«Europe/Atlantis» no es una zona horaria conocida. Elija una de la lista." in page
    assert "Su zona horaria: Europe/Madrid, elegida por usted." in page
    assert (_reload(ana).timezone, ana.timezone_chosen) == ("Europe/Madrid", True)


def test_the_account_page_needs_an_account(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]
