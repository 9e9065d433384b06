"""The printed catalogue: a fixed number of queries, and a document job when it is big."""

import threading

import sqlalchemy as sa

from forum.documents.models import DocumentJob, JobStatus
from forum.extensions import db
from forum.projects.models import Project
from forum.projects.services import catalogue_pdf as catalogue
from forum.projects.services.catalogue_pdf import catalogue_pdf
from tests.factories import create_pitch
from tests.pdf_tools import needs_poppler, pdf_text
from tests.query_count import count_statements


def _pitched_projects(event, create_registration, first: int, count: int) -> None:
    for n in range(first, first + count):
        delegate = create_registration(event, f"Delegada {n}", f"Cooperativa {n} de Jaén")
        create_pitch(event, delegate, f"Proyecto {n:02d}", minutes_later=n)
    db.session.commit()


@needs_poppler
def test_catalogue_queries_do_not_grow_with_the_projects(
    create_event, create_registration, tmp_path
):
    event = create_event()
    _pitched_projects(event, create_registration, 0, 2)
    db.session.expire_all()
    with count_statements(db) as few:
        catalogue_pdf(event)
    _pitched_projects(event, create_registration, 2, 10)
    db.session.expire_all()
    with count_statements(db) as many:
        pdf = catalogue_pdf(event)

    assert many.total == few.total  # it was two more per project: 9 for 2, 29 for 12
    text = pdf_text(pdf, tmp_path)
    for n in range(12):
        assert f"Proyecto {n:02d}" in text
        assert f"Cooperativa {n} de Jaén" in text
    assert text.count("Pitches") >= 12  # each project's pitch session, printed


def _wait_for_runs() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("document-job-"):
            thread.join(timeout=120)


@needs_poppler
def test_a_big_catalogue_is_a_job_whose_file_is_reused_until_the_catalogue_changes(
    app, client, create_event, create_registration, monkeypatch, tmp_path
):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    monkeypatch.setattr(catalogue, "DIRECT_PROJECTS", 1)  # 2 projects: "big"
    event = create_event()
    _pitched_projects(event, create_registration, 0, 2)
    url = f"/events/{event.slug}/projects/catalogue.pdf"

    waiting = client.get(url)
    _wait_for_runs()
    first = client.get(url)
    again = client.get(url)
    project = db.session.scalars(sa.select(Project).order_by(Project.id)).first()
    project.title = "Proyecto renombrado"
    db.session.commit()
    changed = client.get(url)
    _wait_for_runs()
    remade = client.get(url)

    assert (waiting.status_code, waiting.headers["Refresh"]) == (202, "5")
    assert "The catalogue PDF is being prepared." in waiting.get_data(as_text=True)
    assert first.status_code == again.status_code == 200
    assert "Proyecto 01" in pdf_text(first.data, tmp_path)
    assert again.data == first.data  # the same file, not made again
    assert changed.status_code == 202
    assert "Proyecto renombrado" in pdf_text(remade.data, tmp_path)
    jobs = db.session.scalars(sa.select(DocumentJob).order_by(DocumentJob.id)).all()
    assert [(j.kind, j.status) for j in jobs] == [("catalogue", JobStatus.DONE)] * 2


def test_a_big_catalogue_whose_run_failed_says_why_without_a_new_run(
    app, client, create_event, create_registration, monkeypatch, tmp_path
):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    monkeypatch.setattr(catalogue, "DIRECT_PROJECTS", 1)
    monkeypatch.setattr(catalogue, "JOB_RENDER_SECONDS", 0.001)  # no catalogue is that fast
    event = create_event()
    _pitched_projects(event, create_registration, 0, 2)
    url = f"/events/{event.slug}/projects/catalogue.pdf"

    client.get(url)
    _wait_for_runs()
    refused = client.get(url, headers={"Accept-Language": "es"})

    assert refused.status_code == 422
    assert "No se pudo hacer este documento" in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DocumentJob)) == 1
