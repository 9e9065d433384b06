"""Read PDFs back with poppler-utils (pdftotext, pdfinfo, pdfimages, pdfdetach), for tests."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext, pdfinfo, pdfimages)"
)
WORD_RE = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def _write(pdf: bytes, folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(pdf)
    return path


def pdf_text(pdf: bytes, folder: Path, page: int | None = None, layout: bool = False) -> str:
    """The text of the PDF (or of one page), whitespace collapsed (long texts wrap).

    With `layout`, lines are read across the page as printed (the cells of a table row
    together) instead of in pdftotext's column-by-column reading order.
    """
    options = ["-f", str(page), "-l", str(page)] if page else []
    if layout:
        options.append("-layout")
    path = _write(pdf, folder, "text.pdf")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return " ".join(out.split())


def pdf_lines(pdf: bytes, folder: Path) -> list[str]:
    """The PDF's lines as printed (a table row on one line), spaces collapsed, no blank ones."""
    path = _write(pdf, folder, "lines.pdf")
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def pdf_pages(pdf: bytes, folder: Path) -> int:
    info = pdf_info(pdf, folder)
    return int(info["Pages"])


def pdf_info(pdf: bytes, folder: Path) -> dict[str, str]:
    path = _write(pdf, folder, "info.pdf")
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    pairs = (line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def pdf_images(pdf: bytes, folder: Path) -> list[str]:
    """The rows of `pdfimages -list`: one per raster image embedded in the PDF."""
    path = _write(pdf, folder, "images.pdf")
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    return out.stdout.decode().splitlines()[2:]  # two header lines


def pdf_attachments(pdf: bytes, folder: Path) -> str:
    path = _write(pdf, folder, "attachments.pdf")
    out = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, check=True)
    return out.stdout.decode().strip()


def words_outside(pdf: bytes, folder: Path, margin_pt: float) -> list[str]:
    """Words that come closer than `margin_pt` to a page's left or right edge (overflow)."""
    path = _write(pdf, folder, "bbox.pdf")
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    outside = []
    for page in html.split("</page>"):
        size = PAGE_RE.search(page)
        if size is None:
            continue
        width = float(size.group(1))
        for x_min, _y_min, x_max, _y_max, word in WORD_RE.findall(page):
            if float(x_min) < margin_pt or float(x_max) > width - margin_pt:
                outside.append(word)
    return outside


def pdf_fonts(pdf: bytes, folder: Path) -> set[str]:
    """The names of the fonts the PDF embeds, without their subset prefix ("Noto-Color-Emoji")."""
    path = _write(pdf, folder, "fonts.pdf")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = out.splitlines()[2:]  # after the header and its rule
    return {row.split()[0].split("+", 1)[-1] for row in rows if row.strip()}
