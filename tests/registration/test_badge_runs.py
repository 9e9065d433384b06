"""Badges as a print run (a document job, like the bulk agendas): the choices, the progress
page, the file; badges.pdf for small events; the camera scanner's hooks on the check-in page."""

from datetime import UTC, datetime

import pytest

from forum.documents import job_runner
from forum.documents.models import DocumentJob, JobStatus
from forum.documents.services import jobs as document_jobs
from forum.extensions import db
from forum.registration.models import RegistrationStatus
from forum.registration.services import badge_runs
from forum.registration.services.badge_runs import BadgeSelection
from forum.registration.services.badges import badge_code, find_badge
from forum.registration.services.checkin_lookup import short_code
from forum.registration.views import badges as badge_views
from tests.documents.test_document_pages import wait_for_job
from tests.pdf_tools import needs_poppler, pdf_pages, pdf_text

MANAGE = "/events/hih-2023/manage"
BADGES = f"{MANAGE}/badges"


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


@pytest.fixture
def delegates(event, create_registration):
    """Two producers and an investor approved, one producer waiting for approval."""
    nusta = create_registration(
        event, "Ñusta Quispe Mamani", "Cooperativa Oro Verde", participant_type="Productor"
    )
    killa = create_registration(
        event, "Killa Condori", "Asociación Cacao Jaén", participant_type="Productor"
    )
    jose = create_registration(
        event, "José Pérez", "Banco Andino", participant_type="Inversionista", color="#1b6ca8"
    )
    create_registration(
        event,
        "Rosa Chambi Turpo",
        participant_type="Productor",
        status=RegistrationStatus.SUBMITTED,
    )
    return nusta, killa, jose


@pytest.fixture
def documents_folder(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path / "documents"


def page(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


def latest_job() -> DocumentJob:
    return db.session.scalars(db.select(DocumentJob).order_by(DocumentJob.id.desc())).first()


def finished_run(event, selection: BadgeSelection) -> DocumentJob:
    """A print run made at once, as the worker makes it."""
    job = document_jobs.create_job(event, "badges", None, selection.as_options())
    db.session.commit()
    job_runner.run_document_job(job.id)
    return db.session.get(DocumentJob, job.id)


@needs_poppler
def test_a_print_run_of_one_type_runs_to_done_and_downloads_those_badges(
    client, login, organizer, event, delegates, documents_folder, tmp_path
):
    nusta, killa, jose = delegates
    producer = nusta.participant_type
    login(organizer)

    response = client.post(BADGES, data={"layout": "sheet", "participant_type": producer.id})

    job = latest_job()
    assert response.headers["Location"] == f"{MANAGE}/documents/jobs/{job.id}"
    assert job.kind == "badges" and job.options["participant_type_id"] == producer.id
    assert wait_for_job(client, "hih-2023", job.id) == {"status": "done", "done": 2, "total": 2}
    download = client.get(f"{MANAGE}/documents/jobs/{job.id}/download")
    assert download.mimetype == "application/pdf"
    assert "badges-hih-2023.pdf" in download.headers["Content-Disposition"]
    text = pdf_text(download.data, tmp_path)
    assert "Killa Condori" in text and "Ñusta Quispe Mamani" in text
    assert "José Pérez" not in text and "Rosa Chambi" not in text
    # the short code under each QR code, with its label in the event's language
    assert short_code(killa) in text and short_code(nusta) in text
    assert text.count("Check-in code") == 2
    assert pdf_pages(download.data, tmp_path) == 1
    db.session.expire_all()
    assert nusta.badge_printed_at is not None and killa.badge_printed_at is not None
    assert jose.badge_printed_at is None


@needs_poppler
def test_only_not_printed_yet_prints_the_late_approvals(
    event, delegates, create_registration, documents_folder, tmp_path
):
    event.language_codes = "es,en"  # the badges speak the event's main language
    first = finished_run(event, BadgeSelection(layout="single"))
    late = create_registration(event, "Wilfredo Apaza", "Red de Ganaderos Otuzco")

    again = finished_run(event, BadgeSelection(layout="single", not_printed=True))

    assert (first.status, first.total, again.status, again.total) == (
        JobStatus.DONE, 3, JobStatus.DONE, 1,
    )  # fmt: skip
    pdf = document_jobs.job_path(again).read_bytes()
    assert pdf_pages(pdf, tmp_path) == 1
    text = pdf_text(pdf, tmp_path)
    assert "Wilfredo Apaza" in text and short_code(late) in text
    assert "Código de acreditación" in text and "Check-in code" not in text
    assert "José Pérez" not in text


def test_the_check_in_choice_narrows_the_run(event, delegates):
    nusta, killa, jose = delegates
    nusta.checked_in_at = datetime(2023, 10, 4, 14, 0, tzinfo=UTC)
    db.session.flush()

    def names(**choices):
        chosen = badge_runs.selected_registrations(event, BadgeSelection(**choices))
        return [r.user.name for r in chosen]

    assert names() == ["José Pérez", "Killa Condori", "Ñusta Quispe Mamani"]
    assert names(checked_in="yes") == ["Ñusta Quispe Mamani"]
    assert names(checked_in="no") == ["José Pérez", "Killa Condori"]
    assert names(checked_in="no", participant_type_id=killa.participant_type_id) == [
        "Killa Condori"
    ]
    with pytest.raises(ValueError):
        BadgeSelection(layout="poster")


def test_badges_page_lists_the_runs_with_their_choices_progress_and_file(
    client, login, organizer, event, delegates, documents_folder
):
    nusta = delegates[0]
    running = document_jobs.create_job(
        event, "badges", None, BadgeSelection(participant_type_id=nusta.participant_type_id,
                                              checked_in="no").as_options()
    )  # fmt: skip
    running.status, running.done = JobStatus.RUNNING, 1
    done = finished_run(event, BadgeSelection(layout="single"))
    login(organizer)

    html = page(client.get(BADGES))
    job_page = client.get(f"{MANAGE}/documents/jobs/{running.id}")

    assert "3 approved delegates, 0 of them without a printed badge yet." in html
    assert "Productor, not checked in · A4 sheets (8 per page)" in html
    assert "all approved delegates · one per page (100 × 70 mm)" in html
    assert "1 of 2 done" in html and "3 of 3 done" in html
    assert f'href="{MANAGE}/documents/jobs/{done.id}/download"' in html
    assert f'href="{MANAGE}/documents/jobs/{running.id}/download"' not in html
    assert job_page.headers["Refresh"] == "2"
    assert "Productor, not checked in · A4 sheets (8 per page)" in page(job_page)
    assert f'href="{BADGES}"' in page(job_page)  # back to the badges page


def test_a_second_click_follows_the_run_and_other_choices_start_another(
    client, login, organizer, event, delegates, documents_folder, monkeypatch
):
    started = []
    monkeypatch.setattr(job_runner, "start_after_commit", lambda job: started.append(job.id))
    login(organizer)

    first = client.post(BADGES, data={"layout": "sheet"}).headers["Location"]
    second = client.post(BADGES, data={"layout": "sheet"}).headers["Location"]
    other = client.post(BADGES, data={"layout": "single"}).headers["Location"]

    assert first == second != other
    assert len(started) == 2
    jobs = [db.session.get(DocumentJob, job_id) for job_id in started]
    assert [(job.total, job.options["layout"]) for job in jobs] == [(3, "sheet"), (3, "single")]


def test_a_run_with_nobody_to_print_is_refused_with_a_message(
    client, login, organizer, event, delegates, documents_folder
):
    login(organizer)

    response = client.post(
        BADGES, data={"layout": "sheet", "checked_in": "yes"}, follow_redirects=True
    )

    assert "No approved delegate matches these choices: nothing to print." in page(response)
    assert latest_job() is None


def test_a_run_refuses_a_participant_type_of_another_event(
    client, login, organizer, event, delegates, documents_folder, create_event, create_registration
):
    other = create_event(slug="otro-foro", name="Otro foro")
    stranger = create_registration(other, "Otra Persona", participant_type="Ajeno")
    login(organizer)

    response = client.post(
        BADGES, data={"layout": "sheet", "participant_type": stranger.participant_type_id}
    )

    assert response.status_code == 200
    assert "Not a valid choice." in page(response)
    assert latest_job() is None


def test_badges_pdf_of_a_large_event_sends_the_desk_to_the_print_runs(
    client, login, organizer, event, delegates, monkeypatch
):
    monkeypatch.setattr(badge_views, "BADGES_IN_REQUEST", 2)
    login(organizer)

    response = client.get(f"{MANAGE}/badges.pdf")

    assert response.status_code == 303 and response.headers["Location"] == BADGES
    assert "The badges of 3 delegates take a while to make" in page(client.get(BADGES))


def test_the_qr_content_and_the_short_code_find_the_same_delegate(event, delegates):
    jose = delegates[2]
    qr_content = badge_code(jose)  # what the QR code holds: a USB scanner types exactly this

    assert find_badge(event, qr_content) == jose
    assert find_badge(event, f"  {qr_content}\n") == jose
    assert find_badge(event, short_code(jose).lower()) == jose


def test_check_in_by_what_a_usb_scanner_types(client, login, organizer, event, delegates, db):
    jose = delegates[2]
    login(organizer)

    html = page(client.post(f"{MANAGE}/checkin", data={"code": badge_code(jose) + "\r\n"}))

    assert "Welcome!" in html and "José Pérez" in html
    db.session.refresh(jose)
    assert jose.checked_in_at is not None


def test_the_camera_scanner_is_a_local_module_hidden_until_it_can_work(
    client, login, organizer, event, delegates
):
    login(organizer)

    html = client.get(f"{MANAGE}/checkin").get_data(as_text=True)

    assert '<script type="module" src="/static/js/checkin-scanner.js"></script>' in html
    assert 'id="scan-start" hidden>Scan with the camera</button>' in html
    assert '<div id="scan-view" class="mt-3" hidden>' in html
    assert "<script>" not in html  # no inline script
    assert f'href="{BADGES}">Print badges</a>' in html
    assert client.get("/static/js/checkin-scanner.js").status_code == 200
