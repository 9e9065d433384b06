"""Delegates' badges: signed QR codes, check-in at the door, printable PDF badges."""

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import segno
import sqlalchemy as sa
from babel.dates import format_interval
from flask import current_app, render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import selectinload

from forum.audit import services as audit
from forum.core.errors import DomainError
from forum.core.names import country_name
from forum.core.pdf import as_bytes, printed_qr, write_merged
from forum.core.text_search import plain
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration, RegistrationStatus
from forum.registration.services import checkin_lookup

BADGE_SALT = "foro-badge"
BADGE_WIDTH_MM = 100
BADGE_HEIGHT_MM = 70
# Width of the text column beside the QR code, in mm (see templates/pdf/badges.html).
TEXT_WIDTH_MM = 64
BAND_WIDTH_MM = BADGE_WIDTH_MM - 10
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
NO_TYPE_COLOR = "#e9ecef"
PT_TO_MM = 25.4 / 72
# Font sizes (pt) to try, largest first: a short name is read from across the room.
NAME_SIZES = (20, 18, 16, 14, 13, 12, 11, 10, 9)
ORG_SIZES = (10.5, 9.5, 8.5, 7.5, 7)


@dataclass(frozen=True)
class BadgeLayout:
    """How badges sit on paper: the page size and a grid of badges centred on it."""

    page_width_mm: float
    page_height_mm: float
    columns: int
    rows: int
    cut_guides: bool

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def margin_x_mm(self) -> float:
        return (self.page_width_mm - self.columns * BADGE_WIDTH_MM) / 2

    @property
    def margin_y_mm(self) -> float:
        return (self.page_height_mm - self.rows * BADGE_HEIGHT_MM) / 2


LAYOUTS = {
    # 2 x 4 badges of 100 x 70 mm on A4 (200 x 280 mm), dashed borders to cut along.
    "sheet": BadgeLayout(210, 297, columns=2, rows=4, cut_guides=True),
    # One badge per page, the page the size of the badge (card printers, PVC badge holders).
    "single": BadgeLayout(BADGE_WIDTH_MM, BADGE_HEIGHT_MM, columns=1, rows=1, cut_guides=False),
}


@dataclass(frozen=True)
class BadgeView:
    """What one badge shows, with font sizes chosen so that long texts fit."""

    name: str
    name_pt: float
    job_title: str
    job_title_pt: float
    organisation: str
    organisation_pt: float
    country: str
    participant_type: str
    participant_type_pt: float
    band_color: str
    band_text_color: str
    qr_data_uri: str
    short_code: str  # printed under the QR code, typed at the desk when it will not scan


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=BADGE_SALT)


def badge_code(registration: Registration) -> str:
    """The signed, URL-safe code printed as a QR code on the delegate's badge."""
    return _serializer().dumps([registration.event_id, registration.id])


def _read_code(code: str) -> tuple[int, int]:
    try:
        payload = _serializer().loads(code.strip())
    except BadSignature:
        raise DomainError(_("This code is not valid."), field="code") from None
    if (
        not isinstance(payload, list)
        or len(payload) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in payload)
    ):
        raise DomainError(_("This code is not valid."), field="code")
    return payload[0], payload[1]


def find_badge(event: Event, code: str) -> Registration:
    """The approved registration of this event that a badge code names (the QR code's, or
    the short one printed under it), or DomainError."""
    if checkin_lookup.looks_short(code):
        registration_id = checkin_lookup.registration_id_of(event, code)
    else:
        event_id, registration_id = _read_code(code)
        if event_id != event.id:
            raise DomainError(_("This badge belongs to another event."), field="code")
    return approved_registration(event, registration_id)


def approved_registration(event: Event, registration_id: int) -> Registration:
    """The approved registration of this event with this id, or DomainError."""
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        raise DomainError(_("This registration no longer exists."), field="code")
    if registration.status != RegistrationStatus.APPROVED:
        raise DomainError(_("This registration is not approved."), field="code")
    return registration


def checkin(event: Event, code: str, now: datetime | None = None) -> Registration:
    """Check a delegate in from their badge code; a second scan keeps the first time."""
    return check_in(event, find_badge(event, code), now)


def check_in_approved(
    event: Event, registration: Registration, now: datetime | None = None
) -> Registration:
    """Check in a delegate chosen on a page (by name, or on the desk), if approved."""
    return check_in(event, approved_registration(event, registration.id), now)


def check_in(event: Event, registration: Registration, now: datetime | None = None) -> Registration:
    """Check an approved delegate in (found by code, by name, or from the desk); idempotent:
    the first time stays."""
    now = now or utcnow()
    # One conditional UPDATE, so two desks scanning the same badge cannot move the first time.
    first = db.session.execute(
        sa.update(Registration)
        .where(Registration.id == registration.id, Registration.checked_in_at.is_(None))
        .values(checked_in_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.flush()
    db.session.refresh(registration)
    if first:  # a second scan changes nothing, so it is not logged
        audit.record(event, "registration.checked_in", audit.person(registration))
    return registration


def checkin_counts(event: Event) -> tuple[int, int]:
    """(approved delegates checked in, approved delegates) of the event."""
    approved = sa.and_(
        Registration.event_id == event.id, Registration.status == RegistrationStatus.APPROVED
    )
    total = db.session.scalar(sa.select(sa.func.count()).where(approved)) or 0
    arrived = (
        db.session.scalar(
            sa.select(sa.func.count()).where(approved, Registration.checked_in_at.is_not(None))
        )
        or 0
    )
    return arrived, total


def approved_registrations(event: Event, *where: sa.ColumnElement[bool]) -> list[Registration]:
    """The event's approved registrations (those also matching `where`), by delegate name
    (accents ignored)."""
    registrations = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.APPROVED,
            *where,
        )
        .options(
            selectinload(Registration.user),
            selectinload(Registration.organisation),
            selectinload(Registration.participant_type),
        )
    ).all()
    return sorted(registrations, key=lambda r: (plain(r.user.name or ""), r.id))


# Advance widths of DejaVu Sans and DejaVu Sans Bold, in thousandths of an em, for _GLYPHS.
_GLYPHS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-()'&/:;\"!?+@"
_ADVANCES = {
    False: (
        "684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 695 635 611 732 684 "
        "989 685 611 685 613 635 550 635 615 352 635 634 278 278 579 278 974 634 612 635 635 411 "
        "521 392 634 592 818 592 592 525 636 636 636 636 636 636 636 636 636 636 318 318 318 361 "
        "390 390 275 780 337 337 337 460 401 531 838 1000"
    ),
    True: (
        "774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 770 720 682 812 774 "
        "1103 771 724 725 675 716 593 716 678 435 716 712 343 343 665 343 1042 712 687 716 716 493 "
        "595 478 712 652 924 645 652 582 696 696 696 696 696 696 696 696 696 696 348 380 380 415 "
        "457 457 306 872 365 400 400 521 456 580 838 1000"
    ),
}
_EM = {
    bold: dict(zip(_GLYPHS, (int(n) / 1000 for n in widths.split()), strict=True))
    for bold, widths in _ADVANCES.items()
}
_UNKNOWN_EM = 0.9  # other scripts and symbols: assume wide rather than overflow


def text_width_em(text: str, bold: bool = False) -> float:
    """The width of a line of text in DejaVu Sans, in em; accented letters as their base."""
    widths = _EM[bold]
    total = 0.0
    for char in text:
        base = unicodedata.normalize("NFKD", char)[:1] or char
        total += widths.get(char, widths.get(base, _UNKNOWN_EM))
    return total


def _line_count(text: str, width_em: float, bold: bool) -> int | None:
    """Lines the text takes when wrapped at spaces and after hyphens; None if a piece is wider."""
    lines, line = 1, 0.0
    for word in text.split():
        for i, piece in enumerate(re.findall(r"[^-]+-?|-", word)):
            glue = 0.0 if i else text_width_em(" ", bold)  # inside a word, no space to add
            piece_em = text_width_em(piece, bold)
            if piece_em > width_em:
                return None
            if line and line + glue + piece_em <= width_em:
                line += glue + piece_em
            elif line:
                lines, line = lines + 1, piece_em
            else:
                line = piece_em
    return lines


def fit_font_size(
    text: str,
    width_mm: float,
    height_mm: float,
    sizes: tuple[float, ...],
    bold: bool = False,
    line_height: float = 1.2,
) -> float:
    """The largest of `sizes` (pt) at which `text`, wrapped to `width_mm`, fits `height_mm`."""
    for size in sizes:
        em_mm = size * PT_TO_MM
        # 4 % to spare for kerning and for a fallback font's slightly wider glyphs.
        lines = _line_count(text, width_mm * 0.96 / em_mm, bold)
        if lines is not None and lines * size * line_height * PT_TO_MM <= height_mm:
            return size
    return sizes[-1]  # the template still breaks inside words rather than overflow


def readable_text_color(background: str) -> str:
    """Black or white, whichever contrasts more with the background (WCAG luminance)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(background[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): equal at L ~ 0.179.
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def badge_qr(registration: Registration) -> str:
    """The badge's QR code as a data: URL, for the delegate's own phone (no request made).

    Vector SVG: a browser scales it sharp to any screen (printed badges use core.pdf.printed_qr).
    """
    return segno.make(badge_code(registration), error="m", micro=False).svg_data_uri(
        border=2, omitsize=True
    )


def badge_view(registration: Registration, language: str) -> BadgeView:
    """What the badge of one registration shows."""
    organisation = registration.organisation
    ptype = registration.participant_type
    color = ptype.color if ptype and COLOR_RE.match(ptype.color or "") else None
    band = color or NO_TYPE_COLOR
    name = registration.user.name or ""  # never print an e-mail address on a badge
    org_name = organisation.name if organisation else ""
    return BadgeView(
        name=name,
        name_pt=fit_font_size(name, TEXT_WIDTH_MM, 16, NAME_SIZES, bold=True, line_height=1.12),
        job_title=registration.job_title,
        job_title_pt=fit_font_size(registration.job_title, TEXT_WIDTH_MM, 8.2, (9.5, 8.5, 7.5)),
        organisation=org_name,
        organisation_pt=fit_font_size(org_name, TEXT_WIDTH_MM, 9.5, ORG_SIZES, bold=True),
        country=country_name(organisation.country, language) if organisation else "",
        participant_type=ptype.label(language) if ptype else "",
        participant_type_pt=fit_font_size(
            ptype.label(language).upper() if ptype else "",
            BAND_WIDTH_MM - 4,
            6.5,
            (14, 12, 10, 8),
            bold=True,
        ),
        band_color=band,
        band_text_color=readable_text_color(band),
        qr_data_uri=printed_qr(badge_code(registration)),
        short_code=checkin_lookup.short_code(registration),
    )


BADGE_CHUNK = 48  # badges per rendering (6 A4 sheets): progress moves, memory stays small


def write_badge_pdf(
    target: Path,
    event: Event,
    registrations: Sequence[Registration],
    layout: str = "sheet",
    progress: Callable[[int, int], None] | None = None,
    chunk: int = BADGE_CHUNK,
) -> None:
    """Print-ready badges at `target`, in the event's main language: 'sheet' (8 per A4) or
    'single'.

    Rendered `chunk` badges at a time (a whole number of sheets, so no sheet is half empty
    before the last), reporting progress(done, total) after each, each chunk merged into the
    file as it is made (memory flat in the number of badges)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown badge layout {layout!r}")
    per_page = LAYOUTS[layout].per_page
    chunk = max(per_page, chunk // per_page * per_page)
    total = len(registrations)

    def parts() -> Iterator[str]:
        for start in range(0, max(total, 1), chunk):
            part = registrations[start : start + chunk]
            yield _badges_html(event, part, layout)
            if progress is not None:
                progress(start + len(part), total)

    write_merged(target, parts())


def badge_pdf(
    event: Event,
    registrations: Sequence[Registration],
    layout: str = "sheet",
    progress: Callable[[int, int], None] | None = None,
    chunk: int = BADGE_CHUNK,
) -> bytes:
    """write_badge_pdf's file as bytes (the badges page for a few delegates, tests)."""
    return as_bytes(
        lambda target: write_badge_pdf(target, event, registrations, layout, progress, chunk)
    )


def _badges_html(event: Event, registrations: Sequence[Registration], layout: str) -> str:
    with force_locale(event.main_language):
        language = get_locale().language
        dates = format_interval(event.start_date, event.end_date, "yMMMMd", locale=get_locale())
        return render_template(
            "registration/pdf/badges.html",
            event=event,
            dates=dates,
            event_name_pt=fit_font_size(event.name, BAND_WIDTH_MM, 4, (9, 8, 7, 6), bold=True),
            badges=[badge_view(r, language) for r in registrations],
            layout=LAYOUTS[layout],
            badge_width_mm=BADGE_WIDTH_MM,
            badge_height_mm=BADGE_HEIGHT_MM,
            text_width_mm=TEXT_WIDTH_MM,
            language=language,
        )
