"""Check-in without the QR scanner: the short code printed under the QR code, a search by
name or organisation with a "Check in" button, and the button on the desk's detail page."""

import re

import pytest

from forum.registration.models import RegistrationStatus
from forum.registration.services import checkin_lookup
from forum.registration.services.checkin_lookup import normalise, short_code
from tests.registration.test_badges import needs_poppler, pdf_text

CHECKIN = "/events/hih-2023/manage/checkin"
BADGES = "/events/hih-2023/manage/badges.pdf"
DETAIL = "/events/hih-2023/manage/registrations/{}"


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


@pytest.fixture
def delegates(event, create_registration, login, organizer):
    """Two approved delegates and one still waiting for approval; the organizer signed in."""
    nusta = create_registration(
        event, "Ñusta Quispe Mamani", "Cooperativa Agraria Cafetalera Oro Verde"
    )
    jose = create_registration(event, "José Pérez", organisation="Banco Interamericano")
    pending = create_registration(event, "Rosa Chambi Turpo", status=RegistrationStatus.SUBMITTED)
    login(organizer)
    return nusta, jose, pending


def page(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


def test_short_codes_are_short_unambiguous_and_read_back(app, event, create_registration):
    registration = create_registration(event, "Ana")
    code = short_code(registration)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}", code)
    assert not set(code) & set("0O1I")
    assert normalise(f" {code.lower()[:2]} -{code.lower()[2:]} ") == code.replace("-", "")
    assert checkin_lookup.registration_id_of(event, code.lower()) == registration.id
    # distinct ids give distinct codes (the id is in the code); big ids just grow longer
    codes = {checkin_lookup._encode(n) for n in range(1, 5000)}
    assert len(codes) == 4999
    assert len(checkin_lookup._encode(32**4 + 5)) == 5


@needs_poppler
def test_the_short_code_is_printed_on_the_badge(client, delegates, tmp_path):
    nusta, jose, _pending = delegates
    text = pdf_text(client.get(BADGES).data, tmp_path)
    assert short_code(nusta) in text and short_code(jose) in text


def test_check_in_by_short_code_typed_in_lower_case_with_a_dash(client, db, delegates):
    nusta, _jose, _pending = delegates
    typed = short_code(nusta).lower().replace("-", " - ")
    html = page(client.post(CHECKIN, data={"code": typed}))
    assert "Welcome!" in html and "Ñusta Quispe Mamani" in html
    assert "1 / 2" in html
    db.session.refresh(nusta)
    first = nusta.checked_in_at
    assert first is not None
    again = page(client.post(CHECKIN, data={"code": short_code(nusta).replace("-", "")}))
    assert "Already checked in" in again and "First checked in at" in again
    db.session.refresh(nusta)
    assert nusta.checked_in_at == first


def test_wrong_codes_get_a_clear_message(client, db, delegates, create_event, create_registration):
    nusta, _jose, pending = delegates
    code = short_code(nusta).replace("-", "")
    typo = code[:-1] + ("A" if code[-1] != "A" else "B")
    response = client.post(CHECKIN, data={"code": typo})
    assert response.status_code == 200
    assert f"The code {typo} is not on any badge of this event" in page(response)
    assert "This registration is not approved." in page(
        client.post(CHECKIN, data={"code": short_code(pending)})
    )
    other = create_registration(create_event(slug="other"), "Otro Delegado")
    assert "This badge belongs to another event." in page(
        client.post(CHECKIN, data={"code": short_code(other)})
    )
    assert "not valid" in page(client.post(CHECKIN, data={"code": "not-a-badge.at all"}))
    db.session.refresh(nusta)
    assert nusta.checked_in_at is None


def test_search_by_name_lists_approved_delegates_with_a_button(client, db, delegates):
    nusta, jose, _pending = delegates
    html = page(client.get(CHECKIN + "?q=nusta"))  # accents and case ignored
    found = html.split('id="checkin-found"')[1].split("</ul>")[0]
    assert "Ñusta Quispe Mamani" in found and "José Pérez" not in found
    assert f'action="{CHECKIN}/{nusta.id}?q=nusta"' in found
    assert "Banco Interamericano" in page(client.get(CHECKIN + "?q=banco"))
    assert "No approved delegate matches “chambi”." in page(client.get(CHECKIN + "?q=chambi"))
    html = page(client.post(f"{CHECKIN}/{nusta.id}?q=nusta"))
    assert "Welcome!" in html and "1 / 2" in html
    found = html.split('id="checkin-found"')[1].split("</ul>")[0]
    assert "Checked in at" in found and f"{CHECKIN}/{nusta.id}" not in found
    db.session.refresh(nusta)
    assert nusta.checked_in_at is not None and jose.checked_in_at is None


def test_the_desk_detail_page_checks_a_delegate_in(client, db, delegates):
    nusta, _jose, pending = delegates
    detail = DETAIL.format(nusta.id)
    assert f'action="{CHECKIN}/{nusta.id}"' in page(client.get(detail))
    assert f'action="{CHECKIN}/{pending.id}"' not in page(client.get(DETAIL.format(pending.id)))
    response = client.post(f"{CHECKIN}/{nusta.id}", data={"back": "detail"})
    assert response.headers["Location"] == detail
    html = page(client.get(detail))
    assert "Ñusta Quispe Mamani is checked in." in html
    assert f'action="{CHECKIN}/{nusta.id}"' not in html
    client.post(f"{CHECKIN}/{nusta.id}", data={"back": "detail"})
    assert "Ñusta Quispe Mamani was already checked in at" in page(client.get(detail))
    client.post(f"{CHECKIN}/{pending.id}", data={"back": "detail"})
    assert "This registration is not approved." in page(client.get(DETAIL.format(pending.id)))
    db.session.refresh(pending)
    assert pending.checked_in_at is None
