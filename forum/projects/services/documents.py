"""Project documents (PDF one-pagers and teasers): checked by content, stored outside the web root.

The file name the delegate chose is only kept for the download; the file itself is stored
under a random name in instance/uploads/projects/ and is always served as an attachment.
"""

import re
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.core.text import one_line

MAX_BYTES = 10 * 1024 * 1024
_HEADER = re.compile(rb"%PDF-[12]\.\d")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/]+')


def document_folder() -> Path:
    return Path(current_app.instance_path) / "uploads" / "projects"


def check_pdf(data: bytes, field: str = "document") -> None:
    """Refuse anything but a PDF of at most 10 MB, judged by its bytes, not its name."""
    if len(data) > MAX_BYTES:
        raise DomainError(_("The document is larger than 10 MB."), field)
    # A PDF starts with its version header and ends with a cross-reference pointer and %%EOF.
    tail = data[-2048:]
    if (
        not _HEADER.match(data)
        or b"%%EOF" not in tail
        or b"startxref" not in tail
        or b" obj" not in data
    ):
        raise DomainError(_("This file is not a PDF document."), field)


def store_document(data: bytes, folder: Path) -> str:
    """Check an uploaded PDF, store it under a random name and return that name."""
    check_pdf(data)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.pdf"
    (folder / name).write_bytes(data)
    return name


def document_path(name: str | None, folder: Path) -> Path | None:
    """The stored file, if it is there."""
    if not name:
        return None
    path = folder / Path(name).name
    return path if path.is_file() else None


def remove_document(name: str | None, folder: Path) -> None:
    if name:
        (folder / Path(name).name).unlink(missing_ok=True)


def download_name(filename: str) -> str:
    """The delegate's file name, without folders or control characters, ending in .pdf."""
    # one_line also drops direction overrides: "\u202efdp.exe" must not pass for a PDF.
    base = _UNSAFE.sub(" ", one_line(filename).replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    if not base.lower().endswith(".pdf"):
        base = f"{base or 'project'}.pdf"
    return base[-200:]
