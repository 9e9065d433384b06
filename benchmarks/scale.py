"""Foro's pages on a 300- and a 3,000-delegate event side by side: median time, queries, size.

Builds both events in one throwaway database (benchmarks/scale_event.py: bulk inserts), then
GETs each page through the Flask test client as the role that sees it (organizer, delegate or
anonymous) and prints, per page and size, the median of --repeat runs in ms, the SQL
statements of one run and the response size in KB, beside the issue's target. A route this
version of Foro does not have prints "—", so the same script measures an older commit.

    .venv/bin/python benchmarks/scale.py [--sizes 300,3000] [--repeat 5] [--database-url URL]
        [--publish] [--schedule] [--bulk-pdf] [--pages outcomes,grid]

--publish times schedule.publish on the largest event (rolled back), --schedule the meeting
engine's preview on it, --bulk-pdf all agendas as one PDF in a child process (its peak RSS).
Without --database-url (or TEST_DATABASE_URL) it uses a SQLite file under /tmp.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from werkzeug.exceptions import MethodNotAllowed, NotFound  # noqa: E402

from benchmarks.scale_event import build  # noqa: E402
from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.events.models import Event, ProgrammeSession, SessionKind  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.meetings.models import Meeting  # noqa: E402
from forum.registration.models import Registration  # noqa: E402
from tests.factories import PASSWORD, create_event, create_user  # noqa: E402
from tests.factories.accounts import password_hash  # noqa: E402

PAGE, GRID, EXPORT = "≤ 300 ms", "≤ 500 ms, ≤ 300 KB", "≤ 2 s"
# (label, role, path, target); {slug}, {session}, {profile}, {meeting} filled per event
PAGES = (
    ("event page", "anonymous", "/events/{slug}/", PAGE),
    ("programme", "anonymous", "/events/{slug}/programme", PAGE),
    ("a session", "anonymous", "/events/{slug}/sessions/{session}", PAGE),
    ("directory, first page", "delegate", "/events/{slug}/delegates", PAGE),
    ("directory, search", "delegate", "/events/{slug}/delegates?q=cooperativa+7", PAGE),
    ("directory, filter", "delegate", "/events/{slug}/delegates?country=PE", PAGE),
    ("recommendations", "delegate", "/events/{slug}/meetings/recommendations", PAGE),
    ("a delegate profile", "delegate", "/events/{slug}/delegates/{profile}", PAGE),
    ("My meetings", "delegate", "/events/{slug}/meetings", PAGE),
    ("Today", "delegate", "/events/{slug}/today", PAGE),
    ("messages inbox", "delegate", "/events/{slug}/messages/", PAGE),
    ("catalogue", "delegate", "/events/{slug}/projects", PAGE),
    ("organizer dashboard", "organizer", "/events/{slug}/manage/", PAGE),
    ("desk (registrations)", "organizer", "/events/{slug}/manage/registrations", PAGE),
    ("check-in", "organizer", "/events/{slug}/manage/checkin", PAGE),
    ("outbox", "organizer", "/events/{slug}/manage/outbox", PAGE),
    ("organizer projects", "organizer", "/events/{slug}/manage/projects", PAGE),
    ("meetings grid", "organizer", "/events/{slug}/manage/meetings/grid", GRID),
    ("edit one meeting", "organizer", "/events/{slug}/manage/meetings/grid/{meeting}", GRID),
    ("meeting requests", "organizer", "/events/{slug}/manage/meetings/schedule", PAGE),
    ("outcomes", "organizer", "/events/{slug}/manage/meetings/outcomes", PAGE),
    ("audit log", "organizer", "/events/{slug}/manage/audit", PAGE),
    ("desk CSV export", "organizer", "/events/{slug}/manage/registrations.csv", EXPORT),
    ("desk XLSX export", "organizer", "/events/{slug}/manage/registrations.xlsx", EXPORT),
    ("meetings CSV export", "organizer", "/events/{slug}/manage/meetings.csv", EXPORT),
    ("meetings XLSX export", "organizer", "/events/{slug}/manage/meetings.xlsx", EXPORT),
    ("projects XLSX export", "organizer", "/events/{slug}/manage/projects.xlsx", EXPORT),
    ("interests XLSX export", "organizer", "/events/{slug}/manage/interests.xlsx", EXPORT),
    ("audit CSV export", "organizer", "/events/{slug}/manage/audit.csv", EXPORT),
    ("funder report XLSX", "organizer", "/events/{slug}/manage/report.xlsx", EXPORT),
    ("programme.ics", "anonymous", "/events/{slug}/programme.ics", PAGE),
    ("programme.pdf", "anonymous", "/events/{slug}/programme.pdf", "—"),
    ("catalogue.pdf", "delegate", "/events/{slug}/projects/catalogue.pdf", "—"),
)


def _config(url: str) -> type:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]

    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url
        RATELIMIT_ENABLED = False

    return BenchConfig


class Counter:
    """SQL statements run on the engine so far."""

    def __init__(self, engine) -> None:
        self.count = 0
        sa.event.listen(engine, "before_cursor_execute", self._note)

    def _note(self, *_args) -> None:
        self.count += 1


def _exists(app, path: str) -> bool:
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(path.split("?")[0], method="GET")
    except (NotFound, MethodNotAllowed):
        return False
    return True


PAGE_BUDGET_S = 15  # a page slower than this / --repeat gets fewer runs (noted in its cell)


def _measure(
    client, counter: Counter, path: str, repeat: int
) -> tuple[float, int, float, int, int]:
    """Median ms, statements of the last run, KB of the body, status, runs."""
    times, queries, size, status = [], 0, 0.0, 0
    started = time.perf_counter()
    client.get(path).get_data()  # warm-up: templates compiled, caches filled
    warm_up = time.perf_counter() - started
    repeat = max(1, min(repeat, int(PAGE_BUDGET_S / max(warm_up, 1e-3))))
    for _ in range(repeat):
        before = counter.count
        started = time.perf_counter()
        response = client.get(path)
        body = response.get_data()  # a streamed body is produced here
        times.append(time.perf_counter() - started)
        queries, size, status = counter.count - before, len(body) / 1024, response.status_code
    return statistics.median(times) * 1000, queries, size, status, repeat


def _clients(app, event, people: list[int], organizer) -> dict:
    organizer = db.session.merge(organizer)
    viewer = db.session.get(Registration, people[0])
    user = db.session.get(User, viewer.user_id)
    user.password_hash = password_hash()
    db.session.commit()
    clients = {"anonymous": app.test_client()}
    for role, email in (("organizer", organizer.email), ("delegate", user.email)):
        clients[role] = app.test_client()
        response = clients[role].post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code in (200, 302), (role, response.status_code)
    return clients


def _fields(event, people: list[int]) -> dict:
    talk = db.session.scalar(
        sa.select(sa.func.min(ProgrammeSession.id)).where(
            ProgrammeSession.event_id == event.id, ProgrammeSession.kind != SessionKind.B2B
        )
    )
    meeting = db.session.scalar(
        sa.select(sa.func.min(Meeting.id)).where(
            Meeting.event_id == event.id, Meeting.slot_id.is_not(None)
        )
    )
    return dict(slug=event.slug, session=talk, profile=people[1], meeting=meeting)


def _publish(event) -> float:
    """schedule.publish on the event with its meetings back to unannounced; rolled back."""
    from forum.meetings.models import MeetingStatus
    from forum.meetings.services import schedule

    db.session.execute(
        sa.update(Meeting)
        .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.PUBLISHED)
        .values(status=MeetingStatus.SCHEDULED)
    )
    event.schedule_published_at = None
    db.session.flush()
    started = time.perf_counter()
    schedule.publish(event)
    elapsed = time.perf_counter() - started
    db.session.rollback()
    return elapsed


def _schedule(event) -> float:
    from forum.meetings.services import schedule

    started = time.perf_counter()
    schedule.preview(event, "fill", time_limit=60)
    elapsed = time.perf_counter() - started
    db.session.rollback()
    return elapsed


BULK_CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from benchmarks.scale import _config
from forum import create_app
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration
from forum.documents.services import pdfs
app = create_app(_config({url!r}))
with app.app_context(), app.test_request_context():
    event = db.session.get(Event, {event_id})
    people = db.session.scalars(db.select(Registration).where(
        Registration.event_id == event.id).order_by(Registration.id)).all()
    started = time.perf_counter()
    if {what!r} == "badges":
        from forum.registration.services import badges
        pdf = badges.badge_pdf(event, badges.approved_registrations(event), layout="sheet")
    else:
        pdf = pdfs.agendas_pdf(event, people)
    elapsed = time.perf_counter() - started
    print(elapsed, len(pdf), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _bulk_pdf(url: str, event_id: int, what: str) -> str:
    """Agendas or badges of every delegate as one PDF, made in a child process: its peak RSS
    is that work's alone."""
    code = BULK_CHILD.format(root=str(Path(__file__).resolve().parent.parent), url=url,
                             event_id=event_id, what=what)  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode:
        return "failed: " + done.stderr.strip().splitlines()[-1]
    seconds, size, peak_kb = done.stdout.split()
    return (
        f"{float(seconds):.1f} s, {int(size) / 2**20:.1f} MB of PDF, peak RSS "
        f"{int(peak_kb) / 1024:.0f} MB (targets ≤ 60 s; agendas ≤ 500 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,3000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    parser.add_argument("--publish", action="store_true")
    parser.add_argument("--schedule", action="store_true")
    parser.add_argument("--bulk-pdf", action="store_true")
    parser.add_argument("--pages", default="", help="only pages whose label has one of these")
    args = parser.parse_args()
    wanted = [word for word in args.pages.split(",") if word]
    pages = [page for page in PAGES if not wanted or any(w in page[0] for w in wanted)]
    sizes = [int(size) for size in args.sizes.split(",")]
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='scale-bench-')}/bench.db"
    app = create_app(_config(url))
    results: dict[str, dict[int, str]] = {label: {} for label, *_rest in pages}
    extra: list[str] = []
    # Requests run outside any app context of ours: each gets its own, as in production
    # (a shared one would share flask.g, and with it the logged-in user, between clients).
    with app.app_context():
        db.drop_all()
        db.create_all()
        organizer = create_user(email="organizer@scale.example")
        counter = Counter(db.engine)
        engine = db.engine.dialect.name
    for size in sizes:
        with app.app_context():
            event = create_event([organizer], slug=f"scale-{size}", name=f"Scale {size}")
            started = time.perf_counter()
            people = build(event, size, prefix=f"s{size}-")
            extra.append(f"{size:,} delegates built in {time.perf_counter() - started:.1f} s")
            clients = _clients(app, event, people, organizer)
            fields = _fields(event, people)
            event_id = event.id
        for label, role, template, _target in pages:
            path = template.format(**fields)
            if not _exists(app, path):
                results[label][size] = "—"
                continue
            ms, queries, kb, status, runs = _measure(clients[role], counter, path, args.repeat)
            mark = "" if status == 200 else f" [{status}]"
            mark += "" if runs == args.repeat else f" ({runs} runs)"
            results[label][size] = f"{ms:,.0f} ms, {queries:,} q, {kb:,.0f} KB{mark}"
    with app.test_request_context():  # mails and labels are rendered in a language
        biggest = db.session.get(Event, event_id)
        if args.publish:
            extra.append(f"publish {sizes[-1]:,}: {_publish(biggest):.1f} s (target ≤ 15 s)")
        if args.schedule:
            extra.append(f"schedule preview {sizes[-1]:,}: {_schedule(biggest):.1f} s")
        if args.bulk_pdf:
            for what, name in (("agendas", "all agendas as one PDF"), ("badges", "badges")):
                extra.append(f"{name} {sizes[-1]:,}: {_bulk_pdf(url, event_id, what)}")
        db.session.remove()
        db.drop_all()
    heads = [f"{size:,}: median ms, queries, KB" for size in sizes]
    print(f"engine {engine}, median of {args.repeat} runs; " + "; ".join(extra[: len(sizes)]))
    print("| page | " + " | ".join(heads) + " | target |")
    print("|---|" + "---|" * len(sizes) + "---|")
    for label, *_rest, target in pages:
        cells = " | ".join(results[label].get(size, "") for size in sizes)
        print(f"| {label} | {cells} | {target} |")
    for line in extra[len(sizes) :]:
        print(line)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak RSS of this process: {peak} MB")


if __name__ == "__main__":
    main()
