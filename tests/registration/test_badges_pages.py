from datetime import UTC, datetime

import pytest

from forum.registration.models import RegistrationStatus
from forum.registration.services.badges import badge_code
from tests.registration.test_badges import needs_poppler, pdf_pages, pdf_text

CHECKIN = "/events/hih-2023/manage/checkin"
BADGES = "/events/hih-2023/manage/badges.pdf"


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


@pytest.fixture
def delegates(event, create_registration):
    """Two approved delegates and one still waiting for approval."""
    nusta = create_registration(
        event,
        "Ñusta Quispe Mamani",
        "Cooperativa Agraria Cafetalera Oro Verde",
        participant_type="Productor",
        job_title="Presidenta",
    )
    jose = create_registration(
        event,
        "José Pérez",
        organisation="Banco Interamericano de Desarrollo",
        country="US",
        participant_type="Inversionista",
        color="#1b6ca8",
        job_title="Gerente de inversiones",
    )
    pending = create_registration(event, "Rosa Chambi Turpo", status=RegistrationStatus.SUBMITTED)
    return nusta, jose, pending


def page(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


# Badges PDF


@needs_poppler
def test_organizer_downloads_badges_of_approved_delegates(
    client, login, organizer, delegates, tmp_path
):
    login(organizer)
    response = client.get(BADGES)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="badges-hih-2023.pdf"'
    text = pdf_text(response.data, tmp_path)
    assert "Ñusta Quispe Mamani" in text
    assert "Cooperativa Agraria Cafetalera Oro Verde" in text
    assert "PRODUCTOR" in text
    assert "José Pérez" in text
    assert "Banco Interamericano de Desarrollo" in text
    assert "INVERSIONISTA" in text
    assert "Rosa Chambi Turpo" not in text  # not approved: no badge
    assert text.index("José Pérez") < text.index("Ñusta Quispe Mamani")
    assert pdf_pages(response.data, tmp_path) == 1


@needs_poppler
def test_organizer_downloads_one_badge_per_page(client, login, organizer, delegates, tmp_path):
    login(organizer)
    response = client.get(BADGES + "?layout=single")
    assert response.mimetype == "application/pdf"
    assert pdf_pages(response.data, tmp_path) == 2


def test_badges_refuse_unknown_layout(client, login, organizer, delegates):
    login(organizer)
    assert client.get(BADGES + "?layout=poster").status_code == 400


def test_badges_and_checkin_refuse_organizer_of_another_event(
    client, login, create_user, create_event, event, delegates
):
    stranger = create_user(email="other@org.example")
    create_event(slug="other", organizers=[stranger])
    login(stranger)
    nusta = delegates[0]
    assert client.get(BADGES).status_code == 403
    assert client.get(CHECKIN).status_code == 403
    assert client.post(CHECKIN, data={"code": badge_code(nusta)}).status_code == 403
    assert nusta.checked_in_at is None


@pytest.mark.parametrize("path", [BADGES, CHECKIN])
def test_badges_and_checkin_send_anonymous_users_to_login(client, event, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


# Check-in desk


def test_checkin_page_has_focused_code_field_and_count(client, login, organizer, delegates):
    login(organizer)
    response = client.get(CHECKIN)
    assert response.status_code == 200
    html = page(response)
    assert 'name="code"' in html
    assert "autofocus" in html
    assert '<div class="display-6 fw-bold" id="checkin-count">0 / 2</div>' in html
    assert "checked in / approved" in html


def test_checkin_with_valid_code_welcomes_delegate(client, login, organizer, delegates):
    nusta = delegates[0]
    login(organizer)
    response = client.post(CHECKIN, data={"code": badge_code(nusta) + "\n"})
    html = page(response)
    assert response.status_code == 200
    assert "Welcome!" in html
    assert "Ñusta Quispe Mamani" in html
    assert "Cooperativa Agraria Cafetalera Oro Verde" in html
    assert "Productor" in html
    assert 'id="checkin-count">1 / 2</div>' in html
    assert 'value=""' in html or 'value="' not in html.split('name="code"')[1].split(">")[0]
    assert nusta.checked_in_at is not None


def test_checkin_twice_reports_first_time(client, login, organizer, delegates, db):
    nusta = delegates[0]
    nusta.checked_in_at = datetime(2023, 10, 16, 7, 5, tzinfo=UTC)  # 09:05 in Rome
    db.session.commit()
    login(organizer)
    html = page(client.post(CHECKIN, data={"code": badge_code(nusta)}))
    assert "Already checked in" in html
    assert "Welcome!" not in html
    assert "Ñusta Quispe Mamani" in html
    assert "First checked in at 10/16/23, 9:05" in html
    assert 'id="checkin-count">1 / 2</div>' in html
    assert nusta.checked_in_at == datetime(2023, 10, 16, 7, 5, tzinfo=UTC)


def test_checkin_with_forged_code_shows_error(client, login, organizer, delegates):
    nusta = delegates[0]
    code = badge_code(nusta)
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    login(organizer)
    html = page(client.post(CHECKIN, data={"code": forged}))
    assert '<p class="display-6 fw-bold mb-0">This code is not valid.</p>' in html
    assert "alert-danger" in html
    assert "Ñusta Quispe Mamani" not in html
    assert 'id="checkin-count">0 / 2</div>' in html
    assert nusta.checked_in_at is None


def test_checkin_refuses_pending_and_other_event_badges(
    client, login, organizer, delegates, create_event, create_registration
):
    pending = delegates[2]
    elsewhere = create_registration(create_event(slug="foro-peru-2024"), "Li Wei")
    login(organizer)
    html = page(client.post(CHECKIN, data={"code": badge_code(pending)}))
    assert "This registration is not approved." in html
    html = page(client.post(CHECKIN, data={"code": badge_code(elsewhere)}))
    assert "This badge belongs to another event." in html
    assert pending.checked_in_at is None
    assert elsewhere.checked_in_at is None


def test_checkin_keeps_csrf_protection(client, login, organizer, delegates, request):
    nusta = delegates[0]
    login(organizer)
    request.getfixturevalue("csrf_enabled")
    response = client.post(CHECKIN, data={"code": badge_code(nusta)})
    assert response.status_code == 400
    assert nusta.checked_in_at is None
    form = client.get(CHECKIN).get_data(as_text=True)
    token = form.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(CHECKIN, data={"code": badge_code(nusta), "csrf_token": token})
    assert "Welcome!" in page(response)
    assert nusta.checked_in_at is not None
