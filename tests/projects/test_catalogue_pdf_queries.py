"""The printed catalogue loads what it prints in a fixed number of queries."""

from forum.extensions import db
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
