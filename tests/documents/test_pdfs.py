import base64
import dataclasses
import io
import subprocess
import zipfile
from datetime import time
from pathlib import Path

import pytest
import segno
import sqlalchemy as sa
from PIL import Image

from forum.core.pdf import printed_qr, safe_url_fetcher, static_file
from forum.documents import job_runner
from forum.documents.models import DocumentJob, JobStatus
from forum.documents.services import jobs as document_jobs
from forum.documents.services import pdfs as documents
from forum.documents.services import signage
from forum.documents.services.agenda import agenda_of
from forum.events.models import Room
from forum.extensions import db
from forum.projects.models import Project, ProjectStatus
from forum.projects.services.catalogue_pdf import catalogue_pdf
from forum.registration.services.badges import approved_registrations, badge_code
from tests.factories import (
    build_forum,
    create_pitch,
    create_registration,
    create_session,
    create_tables,
    create_track,
)
from tests.pdf_tools import (
    WORD_RE,
    needs_poppler,
    pdf_attachments,
    pdf_images,
    pdf_info,
    pdf_pages,
    pdf_text,
    words_outside,
)

MARGIN_PT = 16 / 25.4 * 72 - 1  # the pages' 16 mm side margins, 1 pt to spare
EVIL_NAME = '<img src="file:///etc/passwd">'
EVIL_ORG = '<link rel="attachment" href="file:///etc/passwd">'
EVIL_JOB = '<img src="http://169.254.169.254/latest/meta-data/">'
LONG_TITLE = (
    "Planes de inversión territorial para la agricultura familiar andina y amazónica: café "
    "agroforestal, cacao de aroma, lácteos, palta orgánica y quinua, con enfoque de género "
    "y gobernanza regional"
)
QUECHUA_NAME = "Ñawpaq Killa Tawantinsuyupaqkunapachakamaqninkunawan Quispe Mamani Huamán Ccahuana"


def squeezed(text: str) -> str:
    """Text without any whitespace: long words and URLs wrap anywhere on the page."""
    return "".join(text.split())


def positions(text: str, *parts: str) -> list[int]:
    return [text.index(part) for part in parts]


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def forum(event):
    return build_forum(event)


@pytest.fixture
def spanish_event(create_event):
    event = create_event(
        slug="foro-peru",
        name="Foro de Inversiones Mano de la Mano Perú",
        series="Mano de la Mano",
        city="Lima",
        country="PE",
        venue="Cámara de Comercio de Lima",
        timezone="America/Lima",
        language_codes="es,en",
    )
    track = create_track(event, "Cadenas de valor")
    create_session(
        event,
        "Inauguración del foro",
        0,
        time(9),
        time(10),
        speakers=[
            {"name": "María Ñahui", "role": "Ministra", "organisation": "MIDAGRI"},
            {"name": "José Pérez", "role": "Moderador", "organisation": "FAO Perú"},
        ],
    )
    create_session(event, "Pausa café", 0, time(10), time(10, 30))
    create_session(
        event, "Rueda de negocios: café y cacao", 0, time(11), time(13), track_id=track.id
    )
    create_session(event, "Clausura y hoja de ruta", 1, time(16), time(17))
    return event


# Programme


@needs_poppler
def test_programme_pdf_lists_days_and_sessions_in_order_in_spanish(spanish_event, tmp_path):
    pdf = documents.programme_pdf(spanish_event)

    pages = pdf_pages(pdf, tmp_path)
    text = pdf_text(pdf, tmp_path)
    assert pdf_info(pdf, tmp_path)["Page size"].startswith("595.276 x 841.89")  # A4
    cover = pdf_text(pdf, tmp_path, page=1)
    heading = "MANO DE LA MANO Foro de Inversiones Mano de la Mano Perú PROGRAMA"
    assert squeezed(cover).startswith(squeezed(heading))  # letter-spaced capitals
    assert "16–20 de octubre de 2023" in cover
    assert "Cámara de Comercio de Lima · Lima, Perú" in cover
    order = positions(
        text,
        "lunes, 16 de octubre de 2023 · hora de Lima 9:00",
        "Inauguración del foro",
        "María Ñahui, Ministra — MIDAGRI",
        "José Pérez, Moderador — FAO Perú",
        "Pausa café",
        "Rueda de negocios: café y cacao",
        "Cadenas de valor",
        "martes, 17 de octubre de 2023 · hora de Lima 16:00",
        "Clausura y hoja de ruta",
    )
    assert order == sorted(order)
    for page in range(2, pages + 1):
        page_text = pdf_text(pdf, tmp_path, page=page)
        assert page_text.startswith("Foro de Inversiones Mano de la Mano Perú")  # running header
        assert squeezed(page_text).endswith(f"{page}/{pages}")
    assert "1 / " not in cover  # the cover has no header or page number


@needs_poppler
def test_programme_pdf_is_in_english_for_an_english_event(event, tmp_path):
    create_session(event, "Opening plenary", 0, time(9), time(10))

    text = pdf_text(documents.programme_pdf(event), tmp_path)

    assert squeezed("Hand-in-Hand Investment Forum 2023 PROGRAMME") in squeezed(text)
    assert "Monday, October 16, 2023" in text
    assert "Opening plenary" in text


@needs_poppler
def test_programme_pdf_shows_parallel_sessions_by_room(event, tmp_path):
    rooms = [Room(event=event, name="Sala B"), Room(event=event, name="Sala A")]
    db.session.add_all(rooms)
    db.session.commit()
    create_session(event, "Cacao workshop", 0, time(11), time(12), room_id=rooms[0].id)
    create_session(event, "Coffee workshop", 0, time(11), time(12, 30), room_id=rooms[1].id)

    text = pdf_text(documents.programme_pdf(event), tmp_path)

    order = positions(text, "Coffee workshop", "Sala A", "Cacao workshop", "Sala B")
    assert order == sorted(order)


@needs_poppler
def test_programme_pdf_has_pitch_catalogue_only_with_accepted_pitched_projects(forum, tmp_path):
    with_pitches = pdf_text(documents.programme_pdf(forum.event), tmp_path)
    for project in db.session.scalars(sa.select(Project)).all():
        project.status = ProjectStatus.SUBMITTED
    db.session.commit()
    without = pdf_text(documents.programme_pdf(forum.event), tmp_path)

    assert "Pitch catalogue" in with_pitches
    catalogue = with_pitches[with_pitches.rindex("Pitch catalogue") :]
    assert "Café agroforestal en Jaén y San Ignacio" in catalogue
    assert "Cooperativa Agraria Cafetalera Oro Verde · Peru" in catalogue
    assert "2,500,000 USD" in catalogue
    assert "Proyecto rechazado" not in with_pitches
    assert "Pitch catalogue" not in without


@needs_poppler
def test_programme_pdf_wraps_long_titles_and_names_inside_the_page(create_event, tmp_path):
    event = create_event(name=LONG_TITLE, series=LONG_TITLE, language_codes="es")
    create_session(
        event,
        LONG_TITLE[:300],
        0,
        time(9),
        time(10),
        speakers=[{"name": QUECHUA_NAME, "role": LONG_TITLE[:200], "organisation": LONG_TITLE}],
    )

    pdf = documents.programme_pdf(event)

    assert words_outside(pdf, tmp_path, MARGIN_PT) == []
    assert squeezed(QUECHUA_NAME) in squeezed(pdf_text(pdf, tmp_path))


@pytest.mark.parametrize(
    ("venue", "city", "place"),
    [
        ("Cámara de Comercio de Lima", "Lima", "Cámara de Comercio de Lima · Lima"),
        ("Cancillería del Perú, Lima", "Lima", "Cancillería del Perú, Lima"),
        ("Centro de Convenciones, LIMA", "Lima", "Centro de Convenciones, LIMA"),
        ("", "Lima", "Lima"),
        ("FAO headquarters", "", "FAO headquarters"),
    ],
)
def test_venue_and_city_names_the_city_once(create_event, venue, city, place):
    assert documents.venue_and_city(create_event(venue=venue, city=city)) == place


def test_document_options_refuse_unknown_page_sizes():
    with pytest.raises(ValueError):
        documents.DocumentOptions(page_size="A4; background: url(file:///etc/passwd)")


@needs_poppler
def test_programme_pdf_takes_the_page_size_from_options(event, tmp_path):
    options = documents.DocumentOptions(page_size="letter", session_descriptions=False)
    create_session(event, "Opening plenary", 0, time(9), time(10), description="Long words")

    pdf = documents.programme_pdf(event, options)

    assert pdf_info(pdf, tmp_path)["Page size"].startswith("612 x 792")
    assert "Long words" not in pdf_text(pdf, tmp_path)


def test_format_amount_uses_minor_units_and_the_current_language(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("es"):
        assert documents.format_amount(250_000_000, "USD") == "2.500.000\xa0USD"
        assert documents.format_amount(1_234_550, "EUR") == "12.345,5\xa0EUR"
        assert documents.format_amount(5_000, "JPY") == "5.000\xa0JPY"
        assert documents.format_amount(None, "USD") == ""


# Personal agenda


def test_agenda_of_holds_seats_placed_meetings_and_pitches_in_time_order(forum):
    agenda = agenda_of(forum.ana)

    entries = list(agenda.entries)
    assert [(e.kind, e.title or e.counterparts[0].name) for e in entries] == [
        ("session", "Taller de catación de café"),
        ("meeting", "Carla Gutiérrez"),
        ("meeting", "Bruno Ferrari"),
        ("pitch", "Café agroforestal en Jaén y San Ignacio"),
    ]
    carla, bruno = entries[1], entries[2]
    assert (carla.table, carla.room, carla.meeting_kind) == ("2", "", "B2B")
    assert (bruno.table, bruno.room) == ("1", "Sala Roma")
    assert [p.name for p in bruno.colleagues] == ["Diego Huamán"]
    assert bruno.counterparts[0].organisation == "Banca Etica Impact Fund"
    assert bruno.counterparts[0].country == "IT"
    assert agenda.badge_code == badge_code(forum.ana)


def test_agenda_of_a_colleague_shows_the_other_side_and_the_virtual_link(forum):
    diego = list(agenda_of(forum.diego).entries)
    carla = list(agenda_of(forum.carla).entries)

    assert [(e.kind, e.title) for e in diego] == [
        ("meeting", ""),
        ("session", "Panel sobre cacao de aroma"),
    ]
    assert [p.name for p in diego[0].counterparts] == ["Bruno Ferrari"]
    assert [p.name for p in diego[0].colleagues] == ["Ana Ñahui Quispe"]
    assert [(e.table, e.video_url) for e in carla] == [
        ("2", ""),
        ("3", "https://meet.example.org/mesa-3"),
    ]


@needs_poppler
def test_agenda_pdf_lists_the_delegates_day_in_order_and_nobody_elses(forum, tmp_path):
    pdf = documents.agenda_pdf(forum.ana)

    text = pdf_text(pdf, tmp_path)
    rows = pdf_text(pdf, tmp_path, layout=True)
    assert pdf_pages(pdf, tmp_path) == 1
    order = positions(
        text,
        "Personal agenda Ana Ñahui Quispe",
        "Cooperativa Agraria Cafetalera Oro Verde Peru",
        "Tuesday, October 17, 2023",
        "Taller de catación de café",
        "Carla Gutiérrez — Gobierno Regional de Cajamarca (Peru)",
        "Bruno Ferrari — Banca Etica Impact Fund (Italy)",
        "Café agroforestal en Jaén y San Ignacio",
    )
    assert order == sorted(order)
    # Each row, read across the page from its time to the next one, names its table.
    at_10_00 = rows[rows.index("10:00 AM") : rows.index("10:50 AM")]
    at_10_50 = rows[rows.index("10:50 AM") : rows.index("12:00 PM")]
    assert "Table 2" in at_10_00 and "Carla Gutiérrez" in at_10_00
    assert "Table 1" in at_10_50 and "Sala Roma" in at_10_50 and "Bruno Ferrari" in at_10_50
    assert "With: Diego Huamán" in at_10_50
    assert "Table 3" not in text  # Bruno and Carla's meeting
    assert "Panel sobre cacao de aroma" not in text  # Ana is only on its waiting list
    assert "Proyecto rechazado" not in text
    assert squeezed(text).endswith("1/1")


def test_agenda_html_carries_the_badge_qr_code_drawn_unsmoothed(forum, app):
    html = documents.agendas_html(forum.event, [forum.ana], documents.DEFAULTS, bulk=False)

    assert printed_qr(badge_code(forum.ana)) in html
    assert ".qr { width: 30mm; height: 30mm; image-rendering: pixelated; }" in html
    no_qr = documents.DocumentOptions(badge_qr=False)
    assert "data:image/png" not in documents.agendas_html(
        forum.event, [forum.ana], no_qr, bulk=False
    )


def test_printed_qr_is_a_png_of_one_pixel_per_module_that_encodes_the_code():
    qr = segno.make("abc", error="m", micro=False)
    uri = printed_qr("abc")

    assert uri.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    side = qr.symbol_size(scale=1, border=2)[0]
    assert image.size == (side, side)
    # each pixel is one module: the matrix read back from the image is the code's matrix
    dark = [
        [image.convert("L").getpixel((x + 2, y + 2)) < 128 for x in range(side - 4)]
        for y in range(side - 4)
    ]
    assert dark == [[bool(cell) for cell in row] for row in qr.matrix]


@needs_poppler
def test_agenda_pdf_of_a_delegate_without_anything_says_so(event, tmp_path):
    lone = create_registration(event, "Rosa Chambi Turpo", "Asociación Cañihua Puno")

    text = pdf_text(documents.agenda_pdf(lone), tmp_path)

    assert "Rosa Chambi Turpo" in text
    assert "No sessions, meetings or pitches in this agenda yet." in text


@needs_poppler
def test_agenda_pdf_wraps_a_long_quechua_name_inside_the_page(event, tmp_path):
    delegate = create_registration(event, QUECHUA_NAME, LONG_TITLE[:200])
    delegate.job_title = LONG_TITLE[:200]
    db.session.commit()

    pdf = documents.agenda_pdf(delegate)

    assert words_outside(pdf, tmp_path, MARGIN_PT) == []
    assert squeezed(QUECHUA_NAME) in squeezed(pdf_text(pdf, tmp_path))


@needs_poppler
def test_agenda_pdf_repeats_the_day_on_top_of_a_page_it_runs_on_to(forum, tmp_path):
    for n in range(30):
        create_pitch(
            forum.event, forum.ana, f"Proyecto de inversión número {n + 1}", minutes_later=n
        )

    pdf = documents.agenda_pdf(forum.ana)

    assert pdf_pages(pdf, tmp_path) >= 2
    second = pdf_text(pdf, tmp_path, page=2)
    header = "Hand-in-Hand Investment Forum 2023 Ana Ñahui Quispe"
    assert second.startswith(f"{header} Tuesday, October 17, 2023 ")
    assert pdf_text(pdf, tmp_path).count("Tuesday, October 17, 2023") == pdf_pages(pdf, tmp_path)


# Bulk agendas


@needs_poppler
def test_agendas_pdf_starts_each_delegate_on_a_new_page(forum, tmp_path):
    registrations = approved_registrations(forum.event)
    names = [r.user.name for r in registrations]
    progress = []

    pdf = documents.agendas_pdf(
        forum.event, registrations, progress=lambda d, t: progress.append((d, t)), chunk=3
    )

    starts = []
    for page in range(1, pdf_pages(pdf, tmp_path) + 1):
        text = pdf_text(pdf, tmp_path, page=page)
        if "Personal agenda" in text:
            starts.append(text.split("Personal agenda ", 1)[1])
    assert len(starts) == len(names) == 4
    assert [s.startswith(n) for s, n in zip(starts, names, strict=True)] == [True] * 4
    assert progress == [(3, 4), (4, 4)]


@needs_poppler
def test_agendas_pdf_in_one_document_or_merged_gives_the_same_pages(forum, tmp_path):
    registrations = approved_registrations(forum.event)

    merged = documents.agendas_pdf(forum.event, registrations, chunk=1)
    single = documents.agendas_pdf(forum.event, registrations, chunk=100)

    assert pdf_pages(merged, tmp_path) == pdf_pages(single, tmp_path) == 4
    assert pdf_text(merged, tmp_path) == pdf_text(single, tmp_path)


def test_agendas_zip_holds_one_pdf_per_delegate_with_unique_names(
    forum, create_user, create_registration
):
    namesake = create_user(email="ana.2@example.org", name="Ana Ñahui Quispe")
    create_registration(forum.event, user=namesake)
    registrations = approved_registrations(forum.event)
    progress = []

    data = documents.agendas_zip(forum.event, registrations, lambda d, t: progress.append(d))

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert all(archive.read(name).startswith(b"%PDF-") for name in names)
    assert sorted(names) == [
        "agenda-ana-nahui-quispe-2.pdf",
        "agenda-ana-nahui-quispe.pdf",
        "agenda-bruno-ferrari.pdf",
        "agenda-carla-gutierrez.pdf",
        "agenda-diego-huaman.pdf",
    ]
    assert progress == [1, 2, 3, 4, 5]


def test_slug_keeps_ascii_words_only():
    assert documents.slug("Ñusta  Qu'ispe / Mamani") == "nusta-qu-ispe-mamani"
    assert documents.slug("王小明") == ""


# Table signage


def word_heights(pdf: bytes, folder: Path, word: str) -> list[float]:
    """The heights (pt) of pdftotext's boxes around each occurrence of the word."""
    path = folder / "heights.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return [
        float(y_max) - float(y_min)
        for _x_min, y_min, _x_max, y_max, text in WORD_RE.findall(html)
        if text == word
    ]


@needs_poppler
def test_signage_pdf_has_one_page_per_table_with_its_meetings_by_slot(forum, tmp_path):
    pdf = signage.signage_pdf(forum.event)

    assert pdf_pages(pdf, tmp_path) == 3
    one, two, three = (pdf_text(pdf, tmp_path, page=n) for n in (1, 2, 3))
    assert one.startswith("Table 1 Hand-in-Hand Investment Forum 2023")  # running header
    assert (
        "TA B L E 1 Sala Roma Tuesday, October 17, 2023 · Rome time" in one
    )  # letter-spaced label
    assert "Tuesday, October 17, 2023 · Rome time 10:50 AM Ana Ñahui Quispe Bruno Ferrari" in one
    assert "Diego Huamán" in one and "Bruno Ferrari" in one and "Banca Etica Impact Fund" in one
    assert "Carla" not in one
    assert two.startswith("Table 2") and "10:00 AM Carla Gutiérrez Ana Ñahui Quispe" in two
    assert "Sala Lima" in three and "10:25 AM Bruno Ferrari Carla Gutiérrez" in three
    assert "Ana" not in three


@needs_poppler
def test_signage_pdf_prints_the_table_number_to_be_read_across_the_hall(forum, tmp_path):
    pdf = signage.signage_pdf(forum.event)

    # pdftotext's box of a word is about 1.16 times the font size: 180 pt digits are
    # some 45 mm tall, read from several metres away (the other "1" is the page header's).
    assert max(word_heights(pdf, tmp_path, "1")) > 180
    assert max(word_heights(pdf, tmp_path, "Ana")) < 15  # the meetings: body text


@needs_poppler
def test_signage_pdf_says_when_a_table_has_no_meetings(event, tmp_path):

    create_tables(event, 2)

    pdf = signage.signage_pdf(event)

    assert pdf_pages(pdf, tmp_path) == 2
    assert "No meetings at this table." in pdf_text(pdf, tmp_path, page=2)


# Project catalogue


def left_edges(pdf: bytes, folder: Path, below_pt: float) -> list[float]:
    """Per page, the left edge (pt) of its leftmost word lower than `below_pt` (the header's)."""
    path = folder / "edges.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    pages = html.split("</page>")[:-1]
    return [
        min(float(x_min) for x_min, y_min, *_ in WORD_RE.findall(page) if float(y_min) > below_pt)
        for page in pages
    ]


@needs_poppler
def test_catalogue_contents_go_on_over_pages_with_the_same_margins(forum, tmp_path):
    for n in range(40):
        create_pitch(
            forum.event, forum.ana, f"Proyecto de inversión número {n + 1}", minutes_later=n
        )

    pdf = catalogue_pdf(forum.event)

    assert pdf_pages(pdf, tmp_path) == 1 + 1 + 41  # cover, more contents, a page per project
    more_contents = pdf_text(pdf, tmp_path, page=2)
    assert more_contents.startswith("Hand-in-Hand Investment Forum 2023 ")  # running header
    assert "Proyecto de inversión número 9 43 2 / 43" in more_contents  # the last entry
    assert "Amount sought" not in more_contents  # the projects start on their own pages
    mm = 72 / 25.4
    edges = left_edges(pdf, tmp_path, below_pt=24 * mm)  # the body, under the running header
    assert all(abs(edge - 20 * mm) < 1 for edge in edges[1:])  # 20 mm side margins


# Safety: user text is text, and nothing is fetched


@needs_poppler
def test_documents_embed_nothing_from_markup_in_user_text(forum, tmp_path):
    forum.bruno.user.name = EVIL_NAME
    forum.bruno.organisation.name = EVIL_ORG
    forum.bruno.job_title = EVIL_JOB
    forum.ana.job_title = EVIL_JOB
    forum.ana.organisation.name = EVIL_ORG
    db.session.commit()
    create_session(
        forum.event,
        EVIL_NAME,
        2,
        time(9),
        time(10),
        speakers=[{"name": EVIL_ORG, "role": EVIL_JOB, "organisation": EVIL_NAME}],
    )
    registrations = approved_registrations(forum.event)
    made = {
        "agenda": documents.agenda_pdf(forum.ana),
        "bruno": documents.agenda_pdf(forum.bruno),
        "bulk": documents.agendas_pdf(forum.event, registrations),
        "programme": documents.programme_pdf(forum.event),
        "signage": signage.signage_pdf(forum.event),
    }

    qr_sides = {
        segno.make(badge_code(r), error="m").symbol_size(scale=1, border=2)[0]
        for r in registrations
    }
    qr_codes = {"agenda": 1, "bruno": 1, "bulk": len(registrations), "programme": 0, "signage": 0}
    for name, pdf in made.items():
        text = squeezed(pdf_text(pdf, tmp_path))
        assert squeezed(EVIL_ORG) in text, name
        assert "root:" not in text, name
        # the only images are the badges' QR codes (square, one pixel per module, unsmoothed)
        images = [row.split() for row in pdf_images(pdf, tmp_path)]
        assert len(images) == qr_codes[name], name
        assert all(r[2] == "image" and r[3] == r[4] and r[9] == "no" for r in images), name
        assert {int(r[3]) for r in images} <= qr_sides, name
        assert pdf_attachments(pdf, tmp_path) == "0 embedded files", name
    assert squeezed(EVIL_NAME) in squeezed(pdf_text(made["agenda"], tmp_path))  # counterpart
    assert squeezed(EVIL_JOB) in squeezed(pdf_text(made["bruno"], tmp_path))
    assert squeezed(EVIL_NAME) in squeezed(pdf_text(made["programme"], tmp_path))


@needs_poppler
def test_virtual_link_with_another_scheme_is_text_not_a_link(forum, tmp_path):
    forum.tables[2].video_url = "file:///etc/passwd"
    db.session.commit()

    html = documents.agendas_html(forum.event, [forum.carla], documents.DEFAULTS, bulk=False)
    pdf = documents.agenda_pdf(forum.carla)

    assert 'href="file:' not in html
    assert "Video link: file:///etc/passwd" in pdf_text(pdf, tmp_path)
    assert pdf_attachments(pdf, tmp_path) == "0 embedded files"


def test_fetcher_reads_the_apps_static_files(app):
    with app.app_context():
        response = safe_url_fetcher("static:forum.css")
        assert response.read() == (Path(app.static_folder) / "forum.css").read_bytes()
        assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "static:../config.py",
        "static:%2e%2e/config.py",
        "static:..%2fconfig.py",
        "static:/etc/passwd",
        "static://etc/passwd",
        "static:nothing-here.css",
        "static:",
        "static:..\\config.py",
    ],
)
def test_fetcher_refuses_static_urls_outside_the_static_folder(app, url):
    with app.app_context(), pytest.raises(ValueError):
        safe_url_fetcher(url)


def test_static_file_refuses_a_symlink_out_of_the_folder(tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("root:x:0:0")
    (folder / "logo.css").write_text("p {}")
    (folder / "link.css").symlink_to(tmp_path / "secret.txt")

    assert static_file("static:logo.css", folder) == (folder / "logo.css").resolve()
    with pytest.raises(ValueError):
        static_file("static:link.css", folder)


def test_fetcher_refuses_static_urls_without_an_app():
    with pytest.raises(ValueError):
        safe_url_fetcher("static:forum.css")


# Jobs


def test_document_job_runs_to_done_and_writes_its_file(forum, app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    job = document_jobs.create_job(forum.event, "agendas_zip", None)
    assert (job.status, job.done, job.total) == (JobStatus.QUEUED, 0, 4)

    path = job_runner.run_document_job(job.id)

    db.session.refresh(job)
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 4, 4)
    assert path == str(tmp_path / "documents" / f"{job.id}-agendas-zip-hih-2023.zip")
    with zipfile.ZipFile(path) as archive:
        assert len(archive.namelist()) == 4
    assert job.finished_at is not None


def test_document_job_that_fails_says_why(forum, app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))

    def broken(target, event, progress):
        target.write_bytes(b"%PDF-1.7 half a document")
        raise RuntimeError("out of paper")

    broken_kind = dataclasses.replace(document_jobs.KINDS["signage"], build=broken)
    monkeypatch.setitem(document_jobs.KINDS, "signage", broken_kind)
    job = document_jobs.create_job(forum.event, "signage", None)

    assert job_runner.run_document_job(job.id) == ""

    job = db.session.get(DocumentJob, job.id)
    assert (job.status, job.error) == (JobStatus.FAILED, "RuntimeError: out of paper")
    # Neither the file nor the part written before the failure is left behind.
    assert list((tmp_path / "documents").iterdir()) == []


def test_pitch_of_another_organisation_is_not_in_the_agenda(forum):
    create_pitch(forum.event, forum.bruno, "Fondo de impacto", minutes_later=30)

    titles = [e.title for e in agenda_of(forum.ana).entries if e.kind == "pitch"]

    assert titles == ["Café agroforestal en Jaén y San Ignacio"]


def test_stale_jobs_are_failed_and_no_longer_block_a_new_run(forum):
    from datetime import timedelta

    from forum.core import jobs
    from forum.core.types import utcnow

    job = document_jobs.create_job(forum.event, "signage", None)
    job.status = JobStatus.RUNNING
    job.created_at = utcnow() - timedelta(seconds=jobs.JOB_TIMEOUT + 60)
    db.session.commit()

    assert document_jobs.active_job(forum.event, "signage") is None

    db.session.refresh(job)
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("Stopped without finishing")


def test_agendas_for_in_small_chunks_counts_each_meeting_once(forum, monkeypatch):
    from forum.documents.services import agenda

    registrations = approved_registrations(forum.event)
    whole = agenda.agendas_for(forum.event, registrations)
    monkeypatch.setattr(agenda, "CHUNK", 1)

    assert agenda.agendas_for(forum.event, registrations) == whole
    assert [len(list(a.entries)) for a in whole] == [4, 2, 2, 2]


def test_public_programme_pdf_leaves_out_a_delegates_only_pitch_catalogue(
    client, login, forum, tmp_path
):
    forum.event.projects_public = False
    db.session.commit()
    url = f"/events/{forum.event.slug}/programme.pdf"

    anonymous = client.get(url)
    public_text = pdf_text(anonymous.data, tmp_path)
    login(forum.ana.user)
    delegate_text = pdf_text(client.get(url).data, tmp_path)

    assert "Pitch catalogue" not in public_text
    for secret in ("Café agroforestal en Jaén y San Ignacio", "2,500,000 USD"):
        assert secret not in public_text
        assert secret in delegate_text
    assert "Cooperativa Agraria Cafetalera Oro Verde · Peru" not in public_text
    # The anonymous copy holds nothing of the catalogue, so public caching may keep it.
    assert delegate_text.index("Pitch catalogue") > 0


def test_public_programme_pdf_prints_a_public_pitch_catalogue(client, forum, tmp_path):
    response = client.get(f"/events/{forum.event.slug}/programme.pdf")

    text = pdf_text(response.data, tmp_path)
    assert "Café agroforestal en Jaén y San Ignacio" in text[text.rindex("Pitch catalogue") :]
    assert response.headers["Cache-Control"] == "public, max-age=300"
