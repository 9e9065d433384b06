"""iCal benchmark: a delegate's feed and a 200-session programme, through the Flask test client.

Builds the data with the models on a temporary SQLite database and prints median and 90th
percentile times of whole requests (routing, queries, rendering), next to the goals.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werkzeug.security import generate_password_hash  # noqa: E402

from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.accounts.models import User
from forum.documents.services import calendars  # noqa: E402
from forum.documents.services.ical import _vevent_lines, render_calendar  # noqa: E402
from forum.events.models import (
    Event,
    EventStatus,
    ProgrammeSession,
    Room,
    SessionKind,
    SessionSpeaker,
    Track,
)
from forum.extensions import db  # noqa: E402
from forum.meetings.models import (
    Meeting,
    MeetingBlock,
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

PASSWORD = "benchmark password"
START = datetime(2023, 10, 16, 6, 30, tzinfo=UTC)  # 08:30 in Rome
GOALS_MS = {"personal": 20.0, "programme": 100.0}


def _config(folder: str) -> type:
    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.sqlite3"
        RATELIMIT_ENABLED = False

    return BenchConfig


def _user(n: int, name: str, password_hash: str) -> User:
    return User(email=f"d{n}@bench.example", name=name, locale="en", password_hash=password_hash)


def build(sessions: int, meetings: int, seats: int) -> tuple[Event, Registration]:
    """An event with `sessions` sessions; one delegate with `seats` seats and `meetings`."""
    event = Event(
        slug="bench", name="Hand-in-Hand Investment Forum 2023", timezone="Europe/Rome",
        start_date=date(2023, 10, 16), end_date=date(2023, 10, 20), status=EventStatus.PUBLISHED,
    )  # fmt: skip
    rooms = [Room(event=event, name=f"Sala {n}", floor="Piano 1") for n in range(10)]
    tracks = [
        Track(event=event, name_es=f"Tema {n}, café y cacao", name_en=f"Theme {n}, cocoa")
        for n in range(5)
    ]
    db.session.add_all([event, *rooms, *tracks])
    programme = []
    for n in range(sessions):
        start = START + timedelta(days=n % 5, minutes=30 * (n // 50)) + timedelta(hours=n % 10)
        session = ProgrammeSession(
            event=event, title=f"Sesión {n}: inversión, cooperación; café 🌱",
            description="Jaén y San Ignacio: agroforestería, unas 14 000 ha.\nSegunda línea.",
            kind=SessionKind.PANEL, starts_at=start, ends_at=start + timedelta(minutes=45),
            room=rooms[n % 10], track=tracks[n % 5], stream_url="https://stream.example/s",
            speakers=[
                SessionSpeaker(name=f"Ponente {n}-{k}", organisation="Agro Rural", role="Directora",
                               position=k)
                for k in range(3)
            ],
        )  # fmt: skip
        programme.append(session)
    db.session.add_all(programme)
    password_hash = generate_password_hash(PASSWORD)
    coop = Organisation(name="Cooperativa San Ignacio", type=OrganisationType.PRODUCER_ORGANISATION,
                        country="PE")  # fmt: skip
    bank = Organisation(name="Banca Etica", type=OrganisationType.INVESTOR, country="IT")
    me = Registration(event=event, user=_user(0, "Ana Quispe", password_hash), organisation=coop,
                      status=RegistrationStatus.APPROVED)  # fmt: skip
    db.session.add(me)
    for session in programme[:seats]:
        db.session.add(SessionSeat(session=session, registration=me, status=SeatStatus.SEATED))
    block_session = ProgrammeSession(
        event=event, title="B2B", kind=SessionKind.B2B, starts_at=START + timedelta(days=1),
        ends_at=START + timedelta(days=1, minutes=25 * meetings),
    )  # fmt: skip
    block = MeetingBlock(event=event, session=block_session)
    db.session.add_all([block_session, block])
    db.session.flush()
    for n in range(meetings):
        starts = block_session.starts_at + timedelta(minutes=25 * n)
        slot = MeetingSlot(block=block, event_id=event.id, starts_at=starts,
                           ends_at=starts + timedelta(minutes=20))  # fmt: skip
        table = MeetingTable(event_id=event.id, number=n + 1, room=rooms[0], is_virtual=n % 3 == 0,
                             video_url="https://meet.example/t" if n % 3 == 0 else "")  # fmt: skip
        other = Registration(event=event, user=_user(n + 1, f"Inversor {n}", password_hash),
                             organisation=bank, status=RegistrationStatus.APPROVED)  # fmt: skip
        db.session.add_all([slot, table, other])
        db.session.flush()
        request = MeetingRequest(event_id=event.id, requester_id=other.id, recipient_id=me.id,
                                 kind=MeetingKind.B2B, status=RequestStatus.ACCEPTED)  # fmt: skip
        meeting = Meeting(
            event_id=event.id, request=request, slot=slot, table=table,
            status=MeetingStatus.PUBLISHED,
            participants=[MeetingParticipant(registration_id=r.id, slot_id=slot.id)
                          for r in (me, other)],
        )  # fmt: skip
        db.session.add(meeting)
    db.session.commit()
    return event, me


def _timed(get: Callable[[], object], repeat: int, cold: bool = False) -> list[float]:
    """Milliseconds per call; `cold` empties the VEVENT cache first, as after every change."""
    times = []
    for _ in range(repeat):
        if cold:
            _vevent_lines.cache_clear()
        started = time.perf_counter()
        response = get()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def _cold_render(*args: object) -> bytes:
    _vevent_lines.cache_clear()
    return render_calendar(*args)


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _report(label: str, times: list[float], goal: float | None, events: int) -> None:
    median = statistics.median(times)
    p90 = statistics.quantiles(times, n=10)[-1]
    verdict = "-" if goal is None else ("ok" if median <= goal else "OVER")
    goal_text = "-" if goal is None else f"≤ {goal:.0f}"
    print(_row([label, events, f"{median:.1f}", f"{p90:.1f}", goal_text, verdict]), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--meetings", type=int, default=12)
    parser.add_argument("--seats", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="foro-ical-bench-") as folder:
        app = create_app(_config(folder))
        with app.app_context():
            db.create_all()
            event, me = build(args.sessions, args.meetings, args.seats)
            token = calendars.calendar_token(me).token
            email = me.user.email
            site = calendars.Site(host="localhost", base_url="http://localhost/")
            personal = len(calendars.personal_entries(me, site))
            programme = len(calendars.programme_entries(event, site))
        client = app.test_client()
        logged_in = client.post("/login", data={"email": email, "password": PASSWORD})
        assert logged_in.status_code == 302, "login failed"
        anonymous = app.test_client()
        feed = f"/events/bench/calendar/{token}.ics"
        urls = {
            "personal feed /calendar/<token>.ics": (anonymous, feed),
            "personal download /me/agenda.ics": (client, "/events/bench/me/agenda.ics"),
            "programme /programme.ics": (anonymous, "/events/bench/programme.ics"),
        }
        for who, url in urls.values():  # warm up: imports, template and zone caches
            _timed(lambda who=who, url=url: who.get(url), 3)
        head = ["request (Flask test client)", "VEVENTs", "median ms", "p90 ms", "goal ms", ""]
        print(_row(head))
        print(_row(["---"] * len(head)))
        for cold in (False, True):
            for label, (who, url) in urls.items():
                kind = "programme" if "programme" in label else "personal"
                events = programme if kind == "programme" else personal
                times = _timed(lambda w=who, u=url: w.get(u), args.repeat, cold)
                shown = f"{label}, cold (VEVENTs rendered afresh)" if cold else label
                _report(shown, times, GOALS_MS[kind], events)
        with app.app_context(), app.test_request_context():
            event = db.session.get(Event, event.id)
            me = db.session.get(Registration, me.id)
            days = calendars.event_days(event)
            entries = calendars.programme_entries(event, site)
            parts = {
                "  of which: programme queries": lambda: calendars.programme_entries(event, site),
                "  of which: programme rendering, cold": lambda: _cold_render(
                    entries, event.name, event.timezone, days
                ),
                "  of which: personal queries": lambda: calendars.personal_entries(me, site),
            }
            for label, work in parts.items():
                times = []
                for _ in range(args.repeat):
                    db.session.expire_all()
                    started = time.perf_counter()
                    work()
                    times.append((time.perf_counter() - started) * 1000)
                _report(label, times, None, programme if "programme" in label else personal)


if __name__ == "__main__":
    main()
