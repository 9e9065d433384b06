"""Delegate photos and logos: checked by content, re-encoded, stored outside the web root."""

import io
import secrets
import warnings
from pathlib import Path

from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from forum.core.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 800
ACCEPTED = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 40_000_000  # the default of config.MAX_IMAGE_PIXELS
# Pillow's own guard: a warning above this, DecompressionBombError above twice this. The
# check in store_photo refuses earlier, from the header, before a byte is decoded.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def _pixel_limit() -> int:
    from flask import current_app

    return int(current_app.config.get("MAX_IMAGE_PIXELS", MAX_PIXELS))


def store_photo(data: bytes, folder: Path) -> str:
    """Check an uploaded image, re-encode it as JPEG and return its new file name."""
    if len(data) > MAX_BYTES:
        raise DomainError(_("The image is larger than 5 MB."), "photo")
    try:
        with warnings.catch_warnings():  # Pillow's bomb warning: the check below says it
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))  # lazy: reads the header only
        with probe:
            kind = probe.format
            width, height = probe.size
            if width * height > _pixel_limit():
                raise _too_many_pixels(width, height)
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGB")
    except DomainError:
        raise  # too many pixels: said in its own words
    except Image.DecompressionBombError:  # over twice Pillow's limit: refused by Image.open
        raise DomainError(
            _(
                "This image has more than %(limit)s megapixels. Make it smaller and upload "
                "it again.",
                limit=f"{_pixel_limit() / 1_000_000:g}",
            ),
            "photo",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise DomainError(_("This file is not a JPEG, PNG, WebP or GIF image."), "photo") from None
    if kind not in ACCEPTED:
        raise DomainError(_("This file is not a JPEG, PNG, WebP or GIF image."), "photo")
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.jpg"
    picture.save(folder / name, "JPEG", quality=85)  # re-encoding drops anything but pixels
    return name


def _too_many_pixels(width: int, height: int) -> DomainError:
    # A few kilobytes of PNG can unpack to hundreds of megabytes (8,900 x 8,900 pixels:
    # 9.7 kB on disk, +396 MB in a worker), so the size in pixels counts, not in bytes.
    return DomainError(
        _(
            "This image is %(width)s × %(height)s pixels; at most %(limit)s megapixels are "
            "accepted. Make it smaller and upload it again.",
            width=f"{width:,}",
            height=f"{height:,}",
            limit=f"{_pixel_limit() / 1_000_000:g}",
        ),
        "photo",
    )


def remove_photo(name: str | None, folder: Path) -> None:
    if name:
        (folder / Path(name).name).unlink(missing_ok=True)


def photo_folder() -> Path:
    """Where delegates' photos are stored (instance/uploads/photos), outside the web root."""
    from flask import current_app

    return Path(current_app.instance_path) / "uploads" / "photos"
