"""Delegate photos and logos: checked by content, re-encoded, stored outside the web root."""

import io
import secrets
from pathlib import Path

from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from forum.core.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 800
ACCEPTED = {"JPEG", "PNG", "WEBP", "GIF"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs early


def store_photo(data: bytes, folder: Path) -> str:
    """Check an uploaded image, re-encode it as JPEG and return its new file name."""
    if len(data) > MAX_BYTES:
        raise DomainError(_("The image is larger than 5 MB."), "photo")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise DomainError(_("This file is not a JPEG, PNG, WebP or GIF image."), "photo") from None
    if kind not in ACCEPTED:
        raise DomainError(_("This file is not a JPEG, PNG, WebP or GIF image."), "photo")
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.jpg"
    picture.save(folder / name, "JPEG", quality=85)  # re-encoding drops anything but pixels
    return name


def remove_photo(name: str | None, folder: Path) -> None:
    if name:
        (folder / Path(name).name).unlink(missing_ok=True)


def photo_folder() -> Path:
    """Where delegates' photos are stored (instance/uploads/photos), outside the web root."""
    from flask import current_app

    return Path(current_app.instance_path) / "uploads" / "photos"
