"""Printed documents (WeasyPrint): the programme and personal agendas (table signs: signage.py).

Each document is a Jinja template under templates/pdf/ rendered in its reader's language
(a delegate's agenda in the delegate's, the programme in the viewer's; signage in the
event's main language) and the event's zone; user text reaches it only through
autoescaping, and the PDF renderer fetches nothing but data: URLs and the app's static
files (forum.core.pdf).
"""

import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from babel.dates import format_interval
from babel.numbers import format_decimal, get_currency_precision
from flask import render_template
from flask_babel import force_locale, get_locale
from sqlalchemy.orm import selectinload

from forum.accounts.services import user_locale
from forum.core.pdf import as_bytes, printed_qr, render_pdf, write_merged
from forum.core.pdf_cache import render_pdf_cached
from forum.core.timerange import to_local
from forum.documents.services.agenda import agendas_for
from forum.events.models import Event, ProgrammeSession
from forum.events.services.links import session_links
from forum.extensions import db
from forum.meetings.services.agenda import person
from forum.projects.models import Pitch, Project, ProjectStatus
from forum.registration.models import Registration

Progress = Callable[[int, int], None]
PAGE_SIZES = ("A4", "A5", "letter")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class DocumentOptions:
    """How the printed documents look and what they include."""

    page_size: str = "A4"
    session_descriptions: bool = True  # the programme prints each session's description
    pitch_catalogue: bool = True  # the programme ends with the projects pitched
    badge_qr: bool = True  # agendas carry the QR code of the delegate's badge

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:  # it goes into CSS: only known values
            raise ValueError(f"unknown page size {self.page_size!r}")


DEFAULTS = DocumentOptions()


@dataclass(frozen=True)
class TimeSlot:
    """Programme sessions that start at the same time (parallel sessions), by room."""

    starts_at: datetime
    sessions: tuple[ProgrammeSession, ...]


@dataclass(frozen=True)
class PitchEntry:
    """A project in the pitch catalogue."""

    pitch: Pitch
    project: Project
    amount: str  # formatted in the event's language, "" when not given


def format_amount(minor_units: int | None, currency: str) -> str:
    """An amount in minor units as '2,500,000 USD' in the current locale; '' when missing."""
    if minor_units is None:
        return ""
    value = Decimal(minor_units).scaleb(-get_currency_precision(currency))
    number = format_decimal(value, locale=get_locale(), decimal_quantization=False)
    return f"{number}\N{NO-BREAK SPACE}{currency}"


def slug(text: str, max_length: int = 60) -> str:
    """ASCII words joined by hyphens: 'Ñusta Quispe' -> 'nusta-quispe'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")


def css_color(value: str, default: str = "#1b6ca8") -> str:
    """A colour safe to put in a style attribute: '#rrggbb', or the default."""
    return value if COLOR_RE.match(value or "") else default


def venue_and_city(event: Event) -> str:
    """'Venue · City'; the city is left out when the venue's address ends with it ('…, Lima')."""
    venue, city = (event.venue or "").strip(), (event.city or "").strip()
    if city and "," in venue and venue.rsplit(",", 1)[1].strip().casefold() == city.casefold():
        city = ""
    return " · ".join(part for part in (venue, city) if part)


def render_document(
    template: str, event: Event, options: DocumentOptions, locale: str | None = None, **context
) -> str:
    """Template output in `locale` (texts, dates, country names); the event's main language
    when no reader is known."""
    with force_locale(locale or event.main_language):
        locale = get_locale()
        dates = format_interval(event.start_date, event.end_date, "yMMMMd", locale=locale)
        return render_template(
            template,
            event=event,
            options=options,
            language=locale.language,
            dates=dates,
            place=venue_and_city(event),
            css_color=css_color,
            **context,
        )


def _programme_days(event: Event) -> list[tuple[date, list[TimeSlot]]]:
    sessions = db.session.scalars(
        sa.select(ProgrammeSession)
        .where(ProgrammeSession.event_id == event.id)
        .options(
            selectinload(ProgrammeSession.room),
            selectinload(ProgrammeSession.track),
            selectinload(ProgrammeSession.speakers),
        )
    ).all()
    by_start: dict[date, dict[datetime, list[ProgrammeSession]]] = defaultdict(dict)
    for session in sessions:
        day = to_local(session.starts_at, event.tz).date()
        by_start[day].setdefault(session.starts_at, []).append(session)
    return [
        (
            day,
            [
                TimeSlot(start, tuple(sorted(group, key=_by_room)))
                for start, group in sorted(starts.items())
            ],
        )
        for day, starts in sorted(by_start.items())
    ]


def _by_room(session: ProgrammeSession) -> tuple:
    return (session.room.name.casefold() if session.room else "", session.ends_at, session.id)


def _pitch_entries(event: Event) -> list[PitchEntry]:
    pitches = db.session.scalars(
        sa.select(Pitch)
        .join(Project, Pitch.project_id == Project.id)
        .where(Project.event_id == event.id, Project.status == ProjectStatus.ACCEPTED)
        .options(
            selectinload(Pitch.project).selectinload(Project.organisation),
            selectinload(Pitch.session).selectinload(ProgrammeSession.room),
        )
        .order_by(Pitch.starts_at, Pitch.position, Pitch.id)
    ).all()
    return [
        PitchEntry(p, p.project, format_amount(p.project.amount_sought, p.project.currency))
        for p in pitches
    ]


def programme_html(
    event: Event, options: DocumentOptions = DEFAULTS, locale: str | None = None
) -> str:
    """The printed programme's HTML (what WeasyPrint turns into programme_pdf)."""
    with force_locale(locale or event.main_language):  # amounts in the reader's language
        pitches = _pitch_entries(event) if options.pitch_catalogue else []
    return render_document(
        "documents/pdf/programme.html",
        event,
        options,
        locale,
        days=_programme_days(event),
        pitches=pitches,
        links=session_links(event.sessions, None),  # printed for anyone: no meeting room
    )


def programme_pdf(
    event: Event, options: DocumentOptions = DEFAULTS, locale: str | None = None
) -> bytes:
    """The printed programme in `locale` (the viewer's language; default the event's main one):
    cover, one section per day, the pitch catalogue; A4 by default."""
    return render_pdf(programme_html(event, options, locale))


def agendas_html(
    event: Event,
    registrations: Sequence[Registration],
    options: DocumentOptions,
    bulk: bool,
    locale: str | None = None,
) -> str:
    """The HTML of these delegates' agendas, one after the other (bulk: no page numbers),
    in `locale`, or in the first delegate's language when not given."""
    if locale is None and registrations:
        locale = user_locale(registrations[0].user)
    agendas = agendas_for(event, registrations)
    qr_codes = {a.registration_id: printed_qr(a.badge_code) for a in agendas if options.badge_qr}
    return render_document(
        "documents/pdf/agenda.html",
        event,
        options,
        locale,
        agendas=agendas,
        qr_codes=qr_codes,
        bulk=bulk,
        # each delegate's own zone: their clock is printed beside the event's
        reader_zones={r.id: r.user.timezone for r in registrations if r.user is not None},
    )


def agenda_pdf(registration: Registration, options: DocumentOptions = DEFAULTS) -> bytes:
    """A delegate's personal agenda, in the delegate's language: sessions, meetings, pitches
    and the badge's QR code."""
    # kept by the hash of its HTML: the same agenda is printed once, a changed one anew
    return render_pdf_cached(agendas_html(registration.event, [registration], options, bulk=False))


def _by_language(registrations: Sequence[Registration]) -> list[tuple[str, list[Registration]]]:
    """Runs of consecutive delegates who read the same language, in the given order."""
    runs: list[tuple[str, list[Registration]]] = []
    for registration in registrations:
        locale = user_locale(registration.user)
        if runs and runs[-1][0] == locale:
            runs[-1][1].append(registration)
        else:
            runs.append((locale, [registration]))
    return runs


# Delegates per WeasyPrint document in bulk runs: progress is reported after each chunk,
# and the chunks' pages are joined into one PDF (benchmarks/pdf_bench.py compares sizes).
BULK_CHUNK = 25


def write_agendas_pdf(
    target: Path,
    event: Event,
    registrations: Sequence[Registration],
    progress: Progress | None = None,
    options: DocumentOptions = DEFAULTS,
    chunk: int = BULK_CHUNK,
) -> None:
    """All these delegates' agendas in one PDF at `target`, each delegate starting on a new
    page; rendered `chunk` delegates at a time and merged (memory flat in the delegates)."""

    def parts() -> Iterator[str]:
        total = len(registrations)
        if not total:
            yield agendas_html(event, [], options, bulk=True)
        for start in range(0, total, chunk):
            part = registrations[start : start + chunk]
            # Each delegate's pages in that delegate's language: one document per language run.
            for locale, run in _by_language(part):
                yield agendas_html(event, run, options, bulk=True, locale=locale)
            if progress is not None:
                progress(start + len(part), total)

    write_merged(target, parts())


def agendas_pdf(
    event: Event,
    registrations: Sequence[Registration],
    progress: Progress | None = None,
    options: DocumentOptions = DEFAULTS,
    chunk: int = BULK_CHUNK,
) -> bytes:
    """write_agendas_pdf's file as bytes (the command line, tests)."""
    return as_bytes(
        lambda target: write_agendas_pdf(target, event, registrations, progress, options, chunk)
    )


def agenda_file_names(registrations: Sequence[Registration]) -> list[str]:
    """One file name per delegate ('agenda-ana-quispe.pdf'), slugified and unique."""
    names: list[str] = []
    taken: set[str] = set()
    for registration in registrations:
        base = f"agenda-{slug(person(registration).name) or registration.id}"
        name, n = f"{base}.pdf", 2
        while name in taken:
            name, n = f"{base}-{n}.pdf", n + 1
        taken.add(name)
        names.append(name)
    return names


def write_agendas_zip(
    target: Path,
    event: Event,
    registrations: Sequence[Registration],
    progress: Progress | None = None,
    options: DocumentOptions = DEFAULTS,
) -> None:
    """A ZIP at `target` of one agenda PDF per delegate, each entry written as it is made."""
    total = len(registrations)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        names = agenda_file_names(registrations)
        for done, (registration, name) in enumerate(zip(registrations, names, strict=True), 1):
            html = agendas_html(event, [registration], options, bulk=False)
            archive.writestr(name, render_pdf(html))
            if progress is not None:
                progress(done, total)


def agendas_zip(
    event: Event,
    registrations: Sequence[Registration],
    progress: Progress | None = None,
    options: DocumentOptions = DEFAULTS,
) -> bytes:
    """write_agendas_zip's file as bytes (the command line, tests)."""
    return as_bytes(
        lambda target: write_agendas_zip(target, event, registrations, progress, options)
    )
