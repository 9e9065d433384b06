"""Every printed document in its reader's language: agendas in the delegate's, the programme
in the viewer's, whatever the event's main language."""

import io
import zipfile
from datetime import time

import pytest

from forum.documents.services import pdfs as documents
from forum.extensions import db
from forum.meetings.models import MeetingStatus
from forum.registration.models import OrganisationType
from tests.factories import (
    create_block,
    create_meeting,
    create_registration,
    create_session,
    create_tables,
)
from tests.pdf_tools import needs_poppler, pdf_pages, pdf_text

ENGLISH = ("Personal agenda", "MEETING B2B", "Netherlands", "Tuesday, October 17, 2023")
SPANISH = ("Agenda personal", "REUNIÓN B2B", "Países Bajos", "martes, 17 de octubre de 2023")


@pytest.fixture
def forum(create_event):
    """A forum whose main language is Spanish; Emma reads English, Lucía Spanish; both meet
    a Dutch investor."""
    event = create_event(
        slug="foro-peru",
        name="Foro de Inversiones Perú",
        language_codes="es,en",
    )
    slots = create_block(event, slots=2).slots
    tables = create_tables(event, 2)
    emma = create_registration(event, "Emma Brown", "Andes Coffee Ltd", locale="en")
    lucia = create_registration(event, "Lucía Mamani", "Cooperativa Sol", locale="es")
    dutch = create_registration(
        event, "Daan de Vries", "Rabo Impact", org_type=OrganisationType.INVESTOR
    )
    dutch.organisation.country = "NL"
    db.session.commit()
    create_meeting(emma, dutch, slot=slots[0], table=tables[0], status=MeetingStatus.PUBLISHED)
    create_meeting(lucia, dutch, slot=slots[1], table=tables[1], status=MeetingStatus.PUBLISHED)
    return event, emma, lucia


def assert_language(text: str, words: tuple[str, ...], other: tuple[str, ...]) -> None:
    for word in words:
        assert word in text
    for word in other:
        assert word not in text


@needs_poppler
def test_agenda_pdf_follows_the_delegates_language_not_the_events(forum, tmp_path):
    _event, emma, lucia = forum

    english = pdf_text(documents.agenda_pdf(emma), tmp_path)
    spanish = pdf_text(documents.agenda_pdf(lucia), tmp_path)

    assert_language(english, ENGLISH, SPANISH)
    assert "Daan de Vries — Rabo Impact (Netherlands)" in english
    assert_language(spanish, SPANISH, ENGLISH)
    assert "Daan de Vries — Rabo Impact (Países Bajos)" in spanish


@needs_poppler
def test_bulk_agendas_print_each_delegates_pages_in_their_language(forum, tmp_path):
    event, emma, lucia = forum

    pdf = documents.agendas_pdf(event, [emma, lucia])

    assert pdf_pages(pdf, tmp_path) == 2
    assert_language(pdf_text(pdf, tmp_path, page=1), ENGLISH, SPANISH)
    assert_language(pdf_text(pdf, tmp_path, page=2), SPANISH, ENGLISH)
    archive = zipfile.ZipFile(io.BytesIO(documents.agendas_zip(event, [lucia, emma])))
    texts = {name: pdf_text(archive.read(name), tmp_path) for name in archive.namelist()}
    assert_language(texts["agenda-emma-brown.pdf"], ENGLISH, SPANISH)
    assert_language(texts["agenda-lucia-mamani.pdf"], SPANISH, ENGLISH)


@needs_poppler
def test_agenda_pdf_page_is_in_the_logged_in_delegates_language(client, login, forum, tmp_path):
    _event, emma, _lucia = forum
    login(emma.user)

    response = client.get("/events/foro-peru/me/agenda.pdf")

    assert_language(pdf_text(response.data, tmp_path), ENGLISH, SPANISH)


@needs_poppler
@pytest.mark.parametrize(
    ("language", "words", "other"),
    [
        ("en", ("PROGRAMME", "Tuesday, October 17, 2023", "Opening plenary"), ("PROGRAMA",)),
        ("es", ("PROGRAMA", "martes, 17 de octubre de 2023", "Opening plenary"), ("PROGRAMME",)),
    ],
)
def test_programme_pdf_follows_the_viewers_language(
    client, forum, tmp_path, language, words, other
):
    event, _emma, _lucia = forum
    create_session(event, "Opening plenary", 1, time(9), time(10))

    response = client.get("/events/foro-peru/programme.pdf", headers={"Accept-Language": language})

    text = pdf_text(response.data, tmp_path)
    for word in words:
        assert word in text
    for word in other:
        assert word not in text
