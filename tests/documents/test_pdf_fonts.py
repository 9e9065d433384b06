"""Names with emoji or in other scripts print as themselves in PDFs, not as empty boxes: the
documents' type falls back on Noto fonts and a CJK one (templates/_pdf_fonts.html, Debian
packages the Makefile installs), which WeasyPrint embeds."""

import shutil

import pytest
import segno

from forum.documents.services import pdfs as documents
from forum.registration.services.badges import approved_registrations, badge_code, badge_pdf
from tests.pdf_tools import needs_poppler, pdf_fonts, pdf_images, pdf_text

needs_noto = pytest.mark.skipif(
    not shutil.which("fc-list"), reason="needs fontconfig and the Noto fonts (make deps-run)"
)
pytestmark = [needs_poppler, needs_noto]


def test_a_badge_prints_an_emoji_in_colour_and_other_scripts_by_name(
    tmp_path, create_event, create_registration
):
    event = create_event()
    create_registration(event, "Ñusta Quispe", organisation="Café 🌱 Andino")
    create_registration(event, "Κώστας Παπαδόπουλος", organisation="Ελληνική Ένωση")
    create_registration(event, "田中 美咲", organisation="国際協力機構 JICA")
    pdf = badge_pdf(event, approved_registrations(event))
    text = pdf_text(pdf, tmp_path)
    for name in ("Café 🌱 Andino", "Ñusta Quispe", "Κώστας Παπαδόπουλος", "田中 美咲", "JICA"):
        assert name in text
    fonts = pdf_fonts(pdf, tmp_path)
    assert "DejaVu-Sans" in fonts  # the text's own font, as before
    assert "Noto-Color-Emoji-Bold" in fonts  # the seedling, in the bold organisation name
    assert "Droid-Sans-Fallback-Bold" in fonts  # the Japanese name, in bold like the others
    # The colour font's glyph is a bitmap: one image and its mask for the seedling, and only
    # for it (digits and the rest keep DejaVu's outlines), besides the three badges' QR codes
    # (square, one pixel per module, unsmoothed).
    images = [row.split() for row in pdf_images(pdf, tmp_path)]
    qr_codes = [r for r in images if r[2] == "image" and r[3] == r[4] and r[9] == "no"]
    qr_sides = [
        segno.make(badge_code(r), error="m").symbol_size(border=2)[0]
        for r in approved_registrations(event)
    ]
    assert sorted(int(r[3]) for r in qr_codes) == sorted(qr_sides)
    assert sorted(r[2] for r in images if r not in qr_codes) == ["image", "smask"]


def test_the_programme_prints_an_emoji_in_a_session_title(tmp_path, create_event, create_session):
    event = create_event()
    create_session(event, "Café 🌱 Andino: de la chacra a la taza")
    pdf = documents.programme_pdf(event)
    assert "Café 🌱 Andino: de la chacra a la taza" in pdf_text(pdf, tmp_path)
    assert any(font.startswith("Noto-Color-Emoji") for font in pdf_fonts(pdf, tmp_path))
