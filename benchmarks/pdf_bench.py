"""PDF benchmark on the demo Peru forum: programme, personal agendas, 300 agendas in bulk.

Also times the two iCal feeds the PDFs go with (a delegate's agenda, a 200-session
programme), so that one run prints every document figure side by side.

    .venv/bin/python benchmarks/pdf_bench.py [--delegates 300] [--database sqlite:///copy.db]

Without --database the demo fora are loaded into a fresh SQLite file in a temporary folder;
either way generated delegates (with seats and meetings in free slots) are added until the
forum has --delegates approved delegates. Prints one markdown table of figures.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from weasyprint import HTML  # noqa: E402

from config import Config  # noqa: E402
from forum import create_app  # noqa: E402
from forum.accounts.models import User
from forum.documents.services import pdfs as documents  # noqa: E402
from forum.documents.services.agenda import agenda_of  # noqa: E402
from forum.events.models import Event, ProgrammeSession, SessionKind
from forum.extensions import db  # noqa: E402
from forum.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    RequestStatus,
)
from forum.registration.models import (
    Organisation,
    OrganisationType,
    Registration,
    RegistrationStatus,
    SeatStatus,
    SessionSeat,
)
from forum.registration.services.badges import approved_registrations  # noqa: E402

SLUG = "foro-inversiones-peru-2023"
PASSWORD = "foro-demo-2024"
FIRST = [
    "Ñusta", "Killa", "Yupanqui", "Rosa", "Wilfredo", "Edwin", "Maribel", "Teófilo", "Ángela",
    "Justina", "Nicanor",
]  # fmt: skip
LAST = [
    "Quispe", "Mamani", "Huamán", "Ccahuana", "Condori", "Apaza", "Chambi", "Turpo", "Ccori",
    "Yupanqui", "Huayhua",
]  # fmt: skip
ORGS = [
    "Cooperativa Agraria Cafetalera {n} de Jaén",
    "Asociación de Productores de Cacao {n} de San Ignacio",
    "Red de Ganaderos Lecheros {n} de Otuzco",
    "Asociación de Productores de Palta Orgánica {n} de Huancavelica",
]


def bench_config(url: str) -> type:
    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = url
        WTF_CSRF_ENABLED = False
        RATELIMIT_ENABLED = False
        BABEL_DEFAULT_LOCALE = "es"

    return BenchConfig


def timed(func: Callable[[], object]) -> float:
    gc.collect()  # the garbage of one rendering must not be charged to the next
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def median_of(func: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(func) for _ in range(runs))


def medians_side_by_side(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Medians of two measures taken in turns (ABBA...), so load on the machine hits both."""
    times: tuple[list[float], list[float]] = ([], [])
    for n in range(runs):
        order = (0, 1) if n % 2 == 0 else (1, 0)
        for which in order:
            times[which].append(timed((first, second)[which]))
    return statistics.median(times[0]), statistics.median(times[1])


def add_delegates(event: Event, wanted: int, seed: int = 7) -> int:
    """Approved generated delegates until the event has `wanted`, with seats and meetings."""
    rng = random.Random(seed)
    have = len(approved_registrations(event))
    if have >= wanted:
        return 0
    sessions = db.session.scalars(
        sa.select(ProgrammeSession).where(
            ProgrammeSession.event_id == event.id,
            ProgrammeSession.kind.in_([SessionKind.WORKSHOP, SessionKind.PANEL]),
        )
    ).all()
    new = []
    for n in range(wanted - have):
        name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
        organisation = Organisation(
            name=rng.choice(ORGS).format(n=n + 1),
            type=OrganisationType.PRODUCER_ORGANISATION,
            country="PE",
            region="Cajamarca",
        )
        user = User(email=f"bench-{n}@{event.slug}.example", name=name, locale="es")
        registration = Registration(
            event=event,
            user=user,
            organisation=organisation,
            status=RegistrationStatus.APPROVED,
            job_title="Presidente del consejo de administración",
        )
        db.session.add(registration)
        new.append(registration)
    db.session.flush()
    for registration in new:
        for session in rng.sample(sessions, k=min(2, len(sessions))):
            db.session.add(
                SessionSeat(
                    session_id=session.id,
                    registration_id=registration.id,
                    status=SeatStatus.SEATED,
                )
            )
    _add_meetings(event, new, rng)
    db.session.commit()
    return len(new)


def _add_meetings(event: Event, delegates: list[Registration], rng: random.Random) -> None:
    """Pair generated delegates in free (slot, table) places, one meeting per slot each."""
    slots = db.session.scalars(sa.select(MeetingSlot).where(MeetingSlot.event_id == event.id)).all()
    tables = db.session.scalars(
        sa.select(MeetingTable).where(MeetingTable.event_id == event.id)
    ).all()
    taken = set(db.session.execute(sa.select(Meeting.slot_id, Meeting.table_id)).all())
    free = [(s, t) for s in slots for t in tables if (s.id, t.id) not in taken]
    rng.shuffle(free)
    busy: set[tuple[int, int]] = set()
    pairs = list(zip(delegates[::2], delegates[1::2], strict=False))
    for (a, b), (slot, table) in zip(itertools.cycle(pairs), free, strict=False):
        if (a.id, slot.id) in busy or (b.id, slot.id) in busy:
            continue
        busy |= {(a.id, slot.id), (b.id, slot.id)}
        request = MeetingRequest(
            event_id=event.id,
            requester_id=a.id,
            recipient_id=b.id,
            kind=MeetingKind.B2B,
            status=RequestStatus.ACCEPTED,
        )
        meeting = Meeting(
            event_id=event.id,
            request=request,
            slot=slot,
            table=table,
            status=MeetingStatus.PUBLISHED,
        )
        for person in (a, b):
            meeting.participants.append(
                MeetingParticipant(registration_id=person.id, slot_id=slot.id)
            )
        db.session.add(meeting)


def add_large_programme(sessions: int = 200) -> str:
    """A generated five-day event with `sessions` sessions in four rooms, two speakers each."""
    from datetime import UTC, date, datetime, timedelta

    from forum.events.models import EventStatus, Room, SessionSpeaker

    event = Event(
        slug="programa-grande",
        name="Foro de Inversiones Mano de la Mano: programa grande",
        series="Mano de la Mano",
        city="Lima",
        country="PE",
        venue="Cámara de Comercio de Lima",
        timezone="America/Lima",
        start_date=date(2024, 6, 3),
        end_date=date(2024, 6, 7),
        status=EventStatus.PUBLISHED,
        language_codes="es,en",
    )
    rooms = [Room(event=event, name=f"Sala {letter}") for letter in "ABCD"]
    db.session.add_all([event, *rooms])
    per_day = sessions // 5
    for n in range(sessions):
        day, slot = divmod(n, per_day)
        start = datetime(2024, 6, 3, 13, 0, tzinfo=UTC) + timedelta(
            days=day, minutes=45 * (slot // 4)
        )
        session = ProgrammeSession(
            event=event,
            title=f"Mesa temática {n + 1}: café, cacao y lácteos en la sierra y la selva del Perú",
            description="Experiencias de organizaciones de productores, gobiernos regionales y "
            "cooperación internacional; lecciones para escalar la inversión.",
            kind=SessionKind.PANEL,
            starts_at=start,
            ends_at=start + timedelta(minutes=40),
            room=rooms[n % 4],
        )
        session.speakers = [
            SessionSpeaker(name="María Ñahui Quispe", role="Ponente", organisation="MIDAGRI"),
            SessionSpeaker(name="José Pérez Huamán", role="Moderador", organisation="FAO Perú"),
        ]
        db.session.add(session)
    db.session.commit()
    return event.slug


def row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def prepare(app, database: str | None, wanted: int) -> tuple[int, str, str]:
    """The demo loaded and grown to `wanted` delegates: (event id, busiest e-mail, summary)."""
    with app.app_context():
        if not database:
            from forum.demo.loader import load_demo

            db.create_all()
            load_demo(PASSWORD, echo=lambda _line: None)
        event = db.session.scalar(sa.select(Event).where(Event.slug == SLUG))
        added = add_delegates(event, wanted)
        registrations = approved_registrations(event)
        busiest = max(registrations, key=lambda r: sum(1 for _ in agenda_of(r).entries))
        busiest.user.set_password(PASSWORD)
        db.session.commit()
        if db.session.scalar(sa.select(Event).where(Event.slug == "programa-grande")) is None:
            add_large_programme()
        summary = (
            f"{SLUG}: {len(event.sessions)} sessions, {len(registrations)} approved delegates "
            f"({added} generated); busiest agenda: {busiest.user.name}"
        )
        return event.id, busiest.user.email, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLAlchemy URL of a demo database to use as is")
    parser.add_argument("--delegates", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7, help="runs per median")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="foro-pdf-bench-")
    app = create_app(bench_config(args.database or f"sqlite:///{folder}/bench.sqlite3"))
    event_id, email, summary = prepare(app, args.database, args.delegates)
    print(f"{summary}; {os.cpu_count()} CPUs\n")

    def with_event(work: Callable[[Event], object]) -> Callable[[], object]:
        def run() -> object:
            with app.app_context():
                return work(db.session.get(Event, event_id))

        return run

    programme_html = with_event(documents.programme_html)()
    client = app.test_client()  # requests outside any app context: each gets its own, as served
    programme_url = f"/events/{SLUG}/programme.pdf"
    client.get(programme_url)  # warm fonts and templates, as in a running server
    results: list[list[object]] = []
    alone, endpoint = medians_side_by_side(
        lambda: HTML(string=programme_html).write_pdf(),
        lambda: client.get(programme_url),
        args.runs,
    )
    ratio = endpoint / alone
    results.append(["programme: WeasyPrint alone on its HTML (median)", f"{alone:.3f} s", ""])
    results.append(
        [
            "programme: GET programme.pdf (median)",
            f"{endpoint:.3f} s",
            f"{ratio:.2f}× ({'ok' if ratio <= 1.2 else 'over'} ≤ 1.2×)",
        ]
    )

    large_url = "/events/programa-grande/programme.pdf"
    large_html = with_event(lambda _e: documents.programme_html(_large_event()))()
    alone, endpoint = medians_side_by_side(
        lambda: HTML(string=large_html).write_pdf(), lambda: client.get(large_url), 3
    )
    ratio = endpoint / alone
    results.append(["programme of 200 sessions: WeasyPrint alone (median)", f"{alone:.3f} s", ""])
    results.append(
        [
            "programme of 200 sessions: GET programme.pdf (median)",
            f"{endpoint:.3f} s",
            f"{ratio:.2f}× ({'ok' if ratio <= 1.2 else 'over'} ≤ 1.2×)",
        ]
    )

    client.post("/login", data={"email": email, "password": PASSWORD})
    agenda_url = f"/events/{SLUG}/me/agenda.pdf"
    assert client.get(agenda_url).status_code == 200
    agenda_endpoint = median_of(lambda: client.get(agenda_url), args.runs)

    def agenda_times(event: Event) -> list[float]:
        registrations = approved_registrations(event)
        sample = registrations[:: max(1, len(registrations) // 25)]
        return [timed(lambda r=r: documents.agenda_pdf(r)) for r in sample]

    times = with_event(agenda_times)()
    agenda_median = statistics.median(times)
    results.append(
        [
            f"agenda_pdf, every n-th delegate ({len(times)}) (median)",
            f"{agenda_median:.3f} s",
            f"{'ok' if agenda_median <= 0.5 else 'over'} ≤ 0.5 s",
        ]
    )
    results.append(
        [
            "GET me/agenda.pdf, busiest delegate (median)",
            f"{agenda_endpoint:.3f} s",
            f"{'ok' if agenda_endpoint <= 0.5 else 'over'} ≤ 0.5 s",
        ]
    )

    # The iCal feeds next to the PDFs (benchmarks/ical_bench.py measures them in detail):
    # the busiest delegate's agenda and the 200-session programme, as served.
    feeds = [
        ("iCal: GET me/agenda.ics, busiest delegate", f"/events/{SLUG}/me/agenda.ics", 20),
        ("iCal: GET programme.ics, 200 sessions", "/events/programa-grande/programme.ics", 100),
    ]
    for label, url, goal_ms in feeds:
        assert client.get(url).status_code == 200
        ms = median_of(lambda url=url: client.get(url), max(args.runs, 21)) * 1000
        verdict = f"{'ok' if ms <= goal_ms else 'over'} ≤ {goal_ms} ms"
        results.append([f"{label} (median)", f"{ms:.1f} ms", verdict])

    def everyone(build: Callable[..., bytes], **options) -> Callable[[Event], bytes]:
        return lambda event: build(event, approved_registrations(event), **options)

    runs = [
        ("one PDF, one HTML for all", everyone(documents.agendas_pdf, chunk=10_000)),
        (
            f"one PDF, chunks of {documents.BULK_CHUNK} joined (default)",
            everyone(documents.agendas_pdf),
        ),
        ("one PDF, a document per delegate joined", everyone(documents.agendas_pdf, chunk=1)),
        ("ZIP, a PDF per delegate", everyone(documents.agendas_zip)),
    ]
    for label, work in runs:
        seconds = timed(with_event(work))
        verdict = f"{'ok' if seconds <= 60 else 'over'} ≤ 60 s"
        results.append([f"{args.delegates} agendas: {label}", f"{seconds:.1f} s", verdict])

    print(row(["measure", "time", "goal"]))
    print(row(["---", "---", "---"]))
    for cells in results:
        print(row(cells))


def _large_event() -> Event:
    return db.session.scalar(sa.select(Event).where(Event.slug == "programa-grande"))


if __name__ == "__main__":
    main()
