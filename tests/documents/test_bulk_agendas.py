"""All agendas as one PDF, read back with pypdf: each delegate's pages in order, the name on
their first page, one outline entry per delegate pointing to it, each in their language."""

import io

import pytest
from pypdf import PdfReader

from forum.documents.services import pdfs as documents
from forum.extensions import db
from forum.registration.services.badges import approved_registrations
from tests.factories import build_forum


@pytest.fixture
def forum(create_event):
    forum = build_forum(create_event())
    forum.carla.user.locale = "es"  # one delegate reads Spanish: a document of her own
    db.session.commit()
    return forum


def first_pages(reader: PdfReader) -> list[tuple[str, int]]:
    """(title, page index) of the outline's top-level entries (one per delegate)."""
    return [
        (item.title, reader.get_page_number(item.page))
        for item in reader.outline
        if not isinstance(item, list)
    ]


def test_agendas_pdf_prints_each_delegate_from_their_own_first_page_in_order(forum):
    registrations = approved_registrations(forum.event)
    names = [r.user.name for r in registrations]

    # chunks of three, Carla's agenda apart in Spanish: three documents appended one by one
    reader = PdfReader(io.BytesIO(documents.agendas_pdf(forum.event, registrations, chunk=3)))

    starts = first_pages(reader)
    assert [title for title, _page in starts] == names
    assert [page for _title, page in starts] == list(range(len(names)))  # one page each
    assert len(reader.pages) == len(names) == 4
    for (name, page), registration in zip(starts, registrations, strict=True):
        text = " ".join(reader.pages[page].extract_text().split())
        label = "Agenda personal" if registration.user.locale == "es" else "Personal agenda"
        assert f"{label} {name}" in text
        others = [other for other in names if other != name]
        assert [other for other in others if f"{label} {other}" in text] == []
