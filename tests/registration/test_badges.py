import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
import segno
from itsdangerous import URLSafeSerializer

from forum.core.errors import DomainError
from forum.core.pdf import render_pdf, safe_url_fetcher
from forum.registration.models import (
    RegistrationStatus,
)
from forum.registration.services.badges import (
    approved_registrations,
    badge_code,
    badge_pdf,
    checkin,
    checkin_counts,
    country_name,
    find_badge,
    fit_font_size,
    readable_text_color,
)

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext, pdfinfo, pdfimages)"
)
NINE_DELEGATES = [
    ("Ñusta Quispe Mamani", "Presidenta"),
    ("José Pérez", "Gerente de inversiones"),
    ("María de los Ángeles Huamán Ccahuana", "Subgerente de Desarrollo Económico"),
    ("Renzo Guillén", "Oficial de programas"),
    ("Maximiliano Fernández-Villavicencio Sánchez-Cerro", "Tesorero"),
    ("Ángela Ccori Yupanqui", "Coordinadora de la cadena de cacao"),
    ("Wilfredo Condori Apaza", "Socio"),
    ("Rosa Chambi Turpo", "Secretaria"),
    ("Edwin Huayhua Ccama", "Vocal"),
]


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text as pdftotext reads it, whitespace collapsed (names may wrap)."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(out.split())


def pdf_pages(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return int(next(ln for ln in info.stdout.splitlines() if ln.startswith("Pages:")).split()[1])


def pdf_images(pdf: bytes, tmp_path) -> list[str]:
    """The rows of `pdfimages -list`: one per raster image embedded in the PDF."""
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    return out.stdout.decode().splitlines()[2:]  # two header lines


def pdf_attachments(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "attachments.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, check=True)
    return out.stdout.decode().strip()


def error_message(error) -> str:
    return [str(m) for m in error.value.errors["code"]][0]


# Codes and check-in


def test_badge_code_round_trip(create_event, create_registration):
    event = create_event()
    registration = create_registration(event)
    code = badge_code(registration)
    assert find_badge(event, code) is registration
    assert URLSafeSerializer("testing", salt="foro-badge").loads(code) == [
        event.id,
        registration.id,
    ]


def test_badge_code_is_short_and_url_safe(create_event, create_registration):
    registration = create_registration(create_event())
    code = badge_code(registration)
    assert len(code) <= 40
    assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
    assert segno.make(code, error="m", micro=False).version <= 3  # small, coarse QR code


def test_checkin_sets_time_and_accepts_surrounding_whitespace(create_event, create_registration):
    event = create_event()
    registration = create_registration(event)
    now = datetime(2023, 10, 16, 7, 45, tzinfo=UTC)
    result = checkin(event, f"  {badge_code(registration)}\r\n", now=now)
    assert result.id == registration.id
    assert result.checked_in_at == now


def test_checkin_refuses_forged_code(create_event, create_registration):
    event = create_event()
    registration = create_registration(event)
    code = badge_code(registration)
    tampered = code[:-1] + ("A" if code[-1] != "A" else "B")
    with pytest.raises(DomainError) as error:
        checkin(event, tampered)
    assert error_message(error) == "This code is not valid."
    assert registration.checked_in_at is None


@pytest.mark.parametrize(
    "code",
    [
        URLSafeSerializer("someone-elses-key", salt="foro-badge").dumps([1, 1]),
        URLSafeSerializer("testing", salt="password-reset").dumps([1, 1]),
        URLSafeSerializer("testing", salt="foro-badge").dumps({"event": 1}),
        URLSafeSerializer("testing", salt="foro-badge").dumps([1, "1"]),
        "",
        "not a code at all",
    ],
)
def test_checkin_refuses_codes_we_did_not_sign_for_badges(create_event, create_registration, code):
    event = create_event()
    create_registration(event)
    with pytest.raises(DomainError) as error:
        checkin(event, code)
    assert error_message(error) == "This code is not valid."


def test_checkin_refuses_code_of_another_event(create_event, create_registration):
    event = create_event()
    other = create_event(slug="foro-peru-2024", name="Foro Perú 2024")
    stranger = create_registration(other)
    with pytest.raises(DomainError) as error:
        checkin(event, badge_code(stranger))
    assert error_message(error) == "This badge belongs to another event."
    assert stranger.checked_in_at is None


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.SUBMITTED,
        RegistrationStatus.WAITING,
        RegistrationStatus.REJECTED,
        RegistrationStatus.CANCELLED,
    ],
)
def test_checkin_refuses_registration_not_approved(create_event, create_registration, status):
    event = create_event()
    registration = create_registration(event, status=status)
    with pytest.raises(DomainError) as error:
        checkin(event, badge_code(registration))
    assert error_message(error) == "This registration is not approved."
    assert registration.checked_in_at is None


def test_checkin_refuses_deleted_registration(db, create_event, create_registration):
    event = create_event()
    registration = create_registration(event)
    code = badge_code(registration)
    db.session.delete(registration)
    db.session.commit()
    with pytest.raises(DomainError) as error:
        checkin(event, code)
    assert error_message(error) == "This registration no longer exists."


def test_checkin_twice_keeps_first_time(create_event, create_registration):
    event = create_event()
    registration = create_registration(event)
    first = datetime(2023, 10, 16, 7, 45, tzinfo=UTC)
    checkin(event, badge_code(registration), now=first)
    again = checkin(event, badge_code(registration), now=first + timedelta(hours=3))
    assert again.checked_in_at == first


def test_checkin_counts_only_approved(create_event, create_registration):
    event = create_event()
    ana = create_registration(event, "Ana Quispe")
    create_registration(event, "José Pérez")
    late = create_registration(event, "Rosa Chambi", status=RegistrationStatus.CANCELLED)
    late.checked_in_at = datetime(2023, 10, 16, 7, tzinfo=UTC)  # checked in, then cancelled
    assert checkin_counts(event) == (0, 2)
    checkin(event, badge_code(ana))
    assert checkin_counts(event) == (1, 2)


def test_approved_registrations_sorted_by_name_ignoring_accents(create_event, create_registration):
    event = create_event()
    for name in ["Renzo Guillén", "Ángela Ccori", "José Pérez", "Ñusta Quispe", "Nora Tito"]:
        create_registration(event, name)
    create_registration(event, "Beatriz Rojas", status=RegistrationStatus.SUBMITTED)
    names = [r.user.name for r in approved_registrations(event)]
    assert names == ["Ángela Ccori", "José Pérez", "Nora Tito", "Ñusta Quispe", "Renzo Guillén"]


# Badge contents


@pytest.mark.parametrize(
    ("background", "text"),
    [
        ("#2e7d32", "#ffffff"),  # green
        ("#1b6ca8", "#ffffff"),
        ("#c62828", "#ffffff"),
        ("#ffd54f", "#000000"),  # amber
        ("#f3e5f5", "#000000"),  # pale lilac
        ("#000000", "#ffffff"),
        ("#FFFFFF", "#000000"),
    ],
)
def test_readable_text_color(background, text):
    assert readable_text_color(background) == text


def test_fit_font_size_shrinks_long_names():
    sizes = (20, 18, 16, 14, 12, 10)
    assert fit_font_size("Li Wei", 64, 16, sizes, bold=True) == 20
    long_name = "Maximiliano Wenceslao Fernández-Villavicencio Sánchez-Cerro"
    assert fit_font_size(long_name, 64, 16, sizes, bold=True) < 14
    assert fit_font_size("W" * 80, 64, 16, sizes, bold=True) == 10  # smallest, then CSS breaks


def test_country_name_in_event_language():
    assert country_name("PE", "es") == "Perú"
    assert country_name("PE", "en") == "Peru"
    assert country_name("BO", "en") == "Bolivia"
    assert country_name("", "es") == ""


@needs_poppler
def test_badge_pdf_shows_delegate_details_with_accents(tmp_path, create_event, create_registration):
    event = create_event(
        slug="foro-peru-2024", name="Foro de Inversión Perú 2024", language_codes="es"
    )
    create_registration(
        event,
        "Ñusta Quispe Mamani",
        "Cooperativa Agraria Cafetalera Oro Verde",
        participant_type="Productor",
        job_title="Presidenta",
    )
    create_registration(
        event,
        "José Pérez",
        organisation="Banco Interamericano de Desarrollo",
        country="US",
        participant_type="Inversionista",
        color="#1b6ca8",
        job_title="Gerente de inversiones",
    )
    text = pdf_text(badge_pdf(event, approved_registrations(event), layout="sheet"), tmp_path)
    assert "Foro de Inversión Perú 2024" in text
    assert "16–20 de octubre de 2023" in text
    assert "Ñusta Quispe Mamani" in text
    assert "Presidenta" in text
    assert "Cooperativa Agraria Cafetalera Oro Verde" in text
    assert "Perú" in text
    assert "PRODUCTOR" in text  # the colour band, in capitals
    assert "José Pérez" in text
    assert "Gerente de inversiones" in text
    assert "Banco Interamericano de Desarrollo" in text
    assert "Estados Unidos" in text
    assert "INVERSIONISTA" in text
    assert text.index("José Pérez") < text.index("Ñusta Quispe Mamani")


@needs_poppler
def test_badge_pdf_single_has_one_page_per_delegate(tmp_path, create_event, create_registration):
    event = create_event()
    for name, job_title in NINE_DELEGATES[:3]:
        create_registration(event, name, job_title=job_title)
    pdf = badge_pdf(event, approved_registrations(event), layout="single")
    assert pdf_pages(pdf, tmp_path) == 3
    assert "María de los Ángeles Huamán Ccahuana" in pdf_text(pdf, tmp_path)


@needs_poppler
@pytest.mark.parametrize(("delegates", "pages"), [(1, 1), (8, 1), (9, 2)])
def test_badge_pdf_sheet_holds_eight_per_page(
    tmp_path, create_event, create_registration, delegates, pages
):
    event = create_event()
    for name, job_title in NINE_DELEGATES[:delegates]:
        create_registration(event, name, job_title=job_title)
    pdf = badge_pdf(event, approved_registrations(event), layout="sheet")
    assert pdf_pages(pdf, tmp_path) == pages


def test_badge_pdf_refuses_unknown_layout(create_event, create_registration):
    event = create_event()
    with pytest.raises(ValueError):
        badge_pdf(event, [create_registration(event)], layout="poster")


@needs_poppler
def test_badge_pdf_prints_markup_in_names_as_text(tmp_path, create_event, create_registration):
    event = create_event()
    create_registration(event, '<img src="file:///etc/passwd">', job_title="<b>Boss</b>")
    create_registration(
        event,
        "José Pérez",
        organisation='<link rel="attachment" href="file:///etc/passwd">',
        participant_type='<img src="http://169.254.169.254/">',
    )
    pdf = badge_pdf(event, approved_registrations(event))
    # Long words wrap (after "/" too): compare without whitespace.
    text = "".join(pdf_text(pdf, tmp_path).split())
    assert '<imgsrc="file:///etc/passwd">' in text
    assert "<b>Boss</b>" in text
    assert '<linkrel="attachment"href="file:///etc/passwd">' in text
    assert '<IMGSRC="HTTP://169.254.169.254/">' in text  # the band is in capitals
    assert "root:" not in text
    # the only images are the two badges' QR codes, one pixel per module, drawn unsmoothed
    sides = sorted(
        segno.make(badge_code(r), error="m").symbol_size(scale=1, border=2)[0]
        for r in approved_registrations(event)
    )
    images = [row.split() for row in pdf_images(pdf, tmp_path)]
    assert sorted(int(row[3]) for row in images) == sides
    assert [(row[2], row[3] == row[4], row[9]) for row in images] == [("image", True, "no")] * 2
    assert pdf_attachments(pdf, tmp_path) == "0 embedded files"


# The restricted URL fetcher


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/logo.png",
        "ftp://example.org/x",
        "/etc/passwd",
        "etc/passwd",
    ],
)
def test_safe_url_fetcher_refuses_anything_but_data_urls(url):
    with pytest.raises(ValueError):
        safe_url_fetcher(url)


def test_safe_url_fetcher_reads_data_urls():
    response = safe_url_fetcher("data:text/plain;base64,SG9sYQ==")
    assert response.read() == b"Hola"
    assert response.content_type == "text/plain"


@needs_poppler
def test_render_pdf_embeds_data_images_only(tmp_path):
    png = segno.make("control").png_data_uri(scale=4)
    html = (
        "<p>Hola</p>"
        f'<img src="{png}">'  # the positive control: this one must be embedded
        '<img src="file:///etc/passwd">'
        '<img src="http://169.254.169.254/latest/meta-data/">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<link rel="attachment" href="file:///etc/passwd">'
        "<style>@import url(http://169.254.169.254/x.css);</style>"
    )
    pdf = render_pdf(html)
    assert len(pdf_images(pdf, tmp_path)) == 1
    assert pdf_attachments(pdf, tmp_path) == "0 embedded files"
    assert "root:" not in pdf_text(pdf, tmp_path)


@needs_poppler
def test_render_pdf_embeds_nothing_from_file_url(tmp_path):
    pdf = render_pdf('<p>Hola</p><img src="file:///etc/passwd"><img src="/etc/passwd">')
    assert pdf_text(pdf, tmp_path) == "Hola"
    assert pdf_images(pdf, tmp_path) == []


@needs_poppler
def test_badge_keeps_the_country_under_a_very_long_organisation(
    tmp_path, create_event, create_registration
):
    event = create_event(slug="foro-peru-2024", language_codes="es")
    organisation = (
        "Asociación de Productores Agropecuarios Ecológicos y Cafetaleros de la Cuenca Alta "
        "del Río Chinchipe, Distritos de San José de Lourdes, Huarango y Namballe, Provincia "
        "de San Ignacio, Región Cajamarca"
    )
    create_registration(
        event,
        "María de los Ángeles Huamán Ccahuana",
        organisation=organisation,
        job_title="Subgerente de Desarrollo Económico Local y Cadenas Productivas Sostenibles",
        country="PE",
    )
    pdf = badge_pdf(event, approved_registrations(event), layout="single")
    assert pdf_pages(pdf, tmp_path) == 1
    assert "Perú" in pdf_text(pdf, tmp_path)
