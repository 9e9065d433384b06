import io
import threading
import time
import zipfile
from datetime import UTC, datetime
from datetime import time as clock

import pytest

from forum.documents import job_runner
from forum.documents.models import DocumentJob, JobStatus
from forum.documents.services import jobs as document_jobs
from forum.events.models import EventStatus
from forum.extensions import db
from forum.registration.models import RegistrationStatus
from tests.factories import build_forum, create_session
from tests.pdf_tools import needs_poppler, pdf_pages, pdf_text

PROGRAMME = "/events/hih-2023/programme.pdf"
AGENDA = "/events/hih-2023/me/agenda.pdf"
DOCUMENTS = "/events/hih-2023/manage/documents"
WAIT_SECONDS = 120


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


@pytest.fixture
def forum(event):
    return build_forum(event)


@pytest.fixture
def other_organizer(create_user, create_event):
    """The organizer of another event, who must not see this one's documents."""
    user = create_user(email="otro@example.org", name="Otro")
    create_event(slug="otro-foro", name="Otro foro", organizers=[user])
    return user


@pytest.fixture
def documents_folder(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path / "documents"


def wait_for_job(client, slug: str, job_id: int) -> dict:
    """Poll the job's JSON until it is done or failed (the work runs in a thread)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        state = client.get(f"/events/{slug}/manage/documents/jobs/{job_id}?format=json").json
        if state["status"] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    for thread in threading.enumerate():  # let the thread close its session before teardown
        if thread.name == f"document-job-{job_id}":
            thread.join(timeout=WAIT_SECONDS)
    return state


def latest_job() -> DocumentJob:
    return db.session.scalars(db.select(DocumentJob).order_by(DocumentJob.id.desc())).first()


# Programme


@needs_poppler
def test_programme_pdf_is_public(client, event, tmp_path):
    create_session(event, "Opening plenary", 0, clock(9), clock(10))

    response = client.get(PROGRAMME)

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'inline; filename="programme-hih-2023.pdf"'
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert "Opening plenary" in pdf_text(response.data, tmp_path)


def test_programme_pdf_of_a_draft_event_is_hidden_from_the_public(client, create_event):
    create_event(status=EventStatus.DRAFT)

    assert client.get(PROGRAMME).status_code == 404


def test_programme_pdf_link_is_on_the_programme_page(client, event):
    page = client.get("/events/hih-2023/programme").get_data(as_text=True)

    assert f'href="{PROGRAMME}"' in page


# Personal agenda


def test_agenda_pdf_needs_a_login(client, forum):
    response = client.get(AGENDA)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@needs_poppler
def test_agenda_pdf_is_the_logged_in_delegates_own(client, login, forum, tmp_path):
    login(forum.carla.user)

    response = client.get(AGENDA)

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    text = pdf_text(response.data, tmp_path)
    assert "Personal agenda Carla Gutiérrez" in text
    assert "Ana Ñahui Quispe" in text and "Bruno Ferrari" in text
    assert "Taller de catación de café" not in text  # Ana's seat, not Carla's


def test_agenda_pdf_link_is_on_the_delegates_page(client, login, forum):
    login(forum.ana.user)

    page = client.get("/events/hih-2023/me").get_data(as_text=True)

    assert f'href="{AGENDA}"' in page


def test_agenda_pdf_of_a_registration_not_yet_approved_is_not_found(client, login, forum):
    forum.ana.status = RegistrationStatus.SUBMITTED
    db.session.commit()
    login(forum.ana.user)

    assert client.get(AGENDA).status_code == 404


def test_agenda_pdf_without_a_registration_is_not_found(client, login, forum, organizer):
    login(organizer)

    assert client.get(AGENDA).status_code == 404


# Organizer pages: access


def test_documents_page_offers_the_three_bulk_documents(client, login, organizer, forum):
    login(organizer)

    response = client.get(DOCUMENTS)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "All personal agendas (one PDF)" in page
    assert "All personal agendas (ZIP)" in page
    assert "Table signage" in page
    for kind in ("agendas", "agendas_zip", "signage"):
        assert f'action="{DOCUMENTS}/{kind}"' in page


def test_documents_page_warns_that_a_draft_plan_is_not_printed(client, login, organizer, forum):
    login(organizer)
    warning = "The meeting plan is not published yet"

    assert warning in client.get(DOCUMENTS).get_data(as_text=True)
    forum.event.schedule_published_at = datetime(2023, 10, 1, tzinfo=UTC)
    db.session.commit()
    assert warning not in client.get(DOCUMENTS).get_data(as_text=True)


def test_dashboard_links_to_the_documents_page(client, login, organizer, forum):
    login(organizer)

    page = client.get("/events/hih-2023/manage/").get_data(as_text=True)

    assert f'href="{DOCUMENTS}"' in page


def test_documents_pages_are_forbidden_to_another_events_organizer(
    client, login, forum, other_organizer, documents_folder
):
    job = document_jobs.create_job(forum.event, "signage", None)
    login(other_organizer)

    assert client.get(DOCUMENTS).status_code == 403
    assert client.post(f"{DOCUMENTS}/signage").status_code == 403
    assert client.get(f"{DOCUMENTS}/jobs/{job.id}").status_code == 403
    assert client.get(f"{DOCUMENTS}/jobs/{job.id}/download").status_code == 403
    assert db.session.get(DocumentJob, job.id).status == JobStatus.QUEUED  # nothing started


def test_documents_page_needs_a_login(client, forum):
    assert client.get(DOCUMENTS).status_code == 302


def test_job_of_another_event_is_not_found_through_this_event(
    client, login, organizer, forum, other_organizer, documents_folder
):
    from forum.events.models import Event

    other_event = db.session.scalar(db.select(Event).where(Event.slug == "otro-foro"))
    other_job = document_jobs.create_job(other_event, "signage", None)
    job_runner.run_document_job(other_job.id)
    login(organizer)

    assert client.get(f"{DOCUMENTS}/jobs/{other_job.id}").status_code == 404
    assert client.get(f"{DOCUMENTS}/jobs/{other_job.id}/download").status_code == 404
    login(other_organizer)
    own = client.get(f"/events/otro-foro/manage/documents/jobs/{other_job.id}/download")
    assert own.status_code == 200


def test_unknown_document_kind_is_not_found(client, login, organizer, forum):
    login(organizer)

    assert client.post(f"{DOCUMENTS}/everything").status_code == 404


# Organizer pages: jobs


@needs_poppler
def test_bulk_agendas_job_runs_in_a_thread_to_done_and_downloads(
    client, login, organizer, forum, documents_folder, tmp_path
):
    login(organizer)

    response = client.post(f"{DOCUMENTS}/agendas")

    job = latest_job()
    assert response.status_code == 302
    assert response.headers["Location"] == f"{DOCUMENTS}/jobs/{job.id}"
    assert wait_for_job(client, "hih-2023", job.id) == {"status": "done", "done": 4, "total": 4}
    download = client.get(f"{DOCUMENTS}/jobs/{job.id}/download")
    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "agendas-hih-2023.pdf" in download.headers["Content-Disposition"]
    assert pdf_pages(download.data, tmp_path) == 4
    assert (documents_folder / f"{job.id}-agendas-hih-2023.pdf").is_file()


def test_bulk_zip_job_gives_one_file_per_delegate(
    client, login, organizer, forum, documents_folder
):
    login(organizer)

    client.post(f"{DOCUMENTS}/agendas_zip")

    job = latest_job()
    assert wait_for_job(client, "hih-2023", job.id)["status"] == "done"
    download = client.get(f"{DOCUMENTS}/jobs/{job.id}/download")
    with zipfile.ZipFile(io.BytesIO(download.data)) as archive:
        assert len(archive.namelist()) == 4
    page = client.get(DOCUMENTS).get_data(as_text=True)
    assert f'href="{DOCUMENTS}/jobs/{job.id}/download"' in page


@needs_poppler
def test_signage_job_gives_one_page_per_table(
    client, login, organizer, forum, documents_folder, tmp_path
):
    login(organizer)

    client.post(f"{DOCUMENTS}/signage")

    job = latest_job()
    assert wait_for_job(client, "hih-2023", job.id) == {"status": "done", "done": 3, "total": 3}
    download = client.get(f"{DOCUMENTS}/jobs/{job.id}/download")
    assert pdf_pages(download.data, tmp_path) == 3


def test_job_page_shows_progress_and_refreshes_while_running(
    client, login, organizer, forum, documents_folder
):
    job = document_jobs.create_job(forum.event, "agendas", None)
    job.status, job.done = JobStatus.RUNNING, 2
    db.session.commit()
    login(organizer)

    response = client.get(f"{DOCUMENTS}/jobs/{job.id}")
    as_json = client.get(f"{DOCUMENTS}/jobs/{job.id}", headers={"Accept": "application/json"})

    page = response.get_data(as_text=True)
    assert response.headers["Refresh"] == "2"
    assert 'id="job-progress" value="2" max="4">2 / 4</progress>' in page
    assert "2 of 4 done" in page
    assert as_json.json == {"status": "running", "done": 2, "total": 4}
    assert client.get(f"{DOCUMENTS}/jobs/{job.id}/download").status_code == 404  # not yet


def test_a_second_click_follows_the_running_job(client, login, organizer, forum, documents_folder):
    job = document_jobs.create_job(forum.event, "signage", None)
    login(organizer)

    response = client.post(f"{DOCUMENTS}/signage")

    assert response.headers["Location"] == f"{DOCUMENTS}/jobs/{job.id}"
    assert latest_job().id == job.id


def test_finished_job_page_offers_the_download_and_stops_refreshing(
    client, login, organizer, forum, documents_folder
):
    job = document_jobs.create_job(forum.event, "signage", None)
    job_runner.run_document_job(job.id)
    login(organizer)

    response = client.get(f"{DOCUMENTS}/jobs/{job.id}")

    assert "Refresh" not in response.headers
    assert f'href="{DOCUMENTS}/jobs/{job.id}/download"' in response.get_data(as_text=True)


def test_with_a_queue_the_job_is_enqueued_not_threaded(
    client, login, organizer, forum, documents_folder, app, monkeypatch
):
    enqueued = []
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://localhost:6379/0")
    monkeypatch.setattr(
        document_jobs.jobs, "run_job", lambda func, *args: enqueued.append((func, args))
    )
    login(organizer)

    client.post(f"{DOCUMENTS}/signage")

    job = latest_job()
    assert enqueued == [(job_runner.run_document_job, (job.id,))]
    assert job.status == JobStatus.QUEUED


# CLI


@needs_poppler
def test_cli_prints_all_agendas_to_one_pdf(runner, forum, tmp_path):
    out = tmp_path / "agendas.pdf"

    result = runner.invoke(args=["forum", "print-agendas", "hih-2023", "--out", str(out)])

    assert result.exit_code == 0, result.output
    assert f"4 agendas written to {out} (PDF" in result.output
    assert pdf_pages(out.read_bytes(), tmp_path) == 4


def test_cli_prints_a_zip(runner, forum, tmp_path):
    out = tmp_path / "agendas.zip"

    result = runner.invoke(args=["forum", "print-agendas", "hih-2023", "--zip", "--out", str(out)])

    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        assert len(archive.namelist()) == 4


def test_cli_refuses_an_unknown_event(runner, db):
    result = runner.invoke(args=["forum", "print-agendas", "nowhere"])

    assert result.exit_code != 0
    assert "No event with the slug 'nowhere'." in result.output
