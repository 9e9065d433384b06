"""Bulk PDFs at scale: all agendas (one PDF, ZIP), badges and table signs, time and peak memory.

    .venv/bin/python benchmarks/bulk_pdf_bench.py [--delegates 300 3000] [--folder /tmp/x]

Each size is the demo Peru forum grown to that many approved delegates (kept in --folder as
bench-<n>.sqlite3, made once and reused). Every measure runs in its own child process; its
peak memory is the largest sum of proportional set sizes over it and its descendants
(sampled every 0.1 s from /proc: renders run in children of a forkserver). "before" is the way the
documents were made until now (every chunk's rendered pages held until one write at the
end, bytes returned),
"after" is what the jobs run now (chunks written to temporary files and appended to the job's
file as each is rendered, up to two chunks rendered at once, ZIP entries written as each
agenda is made). Besides the time, the CPU seconds of the whole work (this process, the
forkserver and every render child): what a loaded machine does not change; with --split, those
of this process (HTML, QR codes, merging) apart from the renders', and its own peak memory.
One markdown table. To compare with older code, run this file from a copy of that code.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from multiprocessing import forkserver
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.pdf_bench import bench_config, prepare, row  # noqa: E402
from forum import create_app  # noqa: E402
from forum.core.pdf import html_document, render_pdf  # noqa: E402
from forum.documents.services import pdfs as documents  # noqa: E402
from forum.documents.services import signage  # noqa: E402
from forum.events.models import Event  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.registration.services import badges  # noqa: E402

SLUG = "foro-inversiones-peru-2023"
SPLIT = "--split" in sys.argv


def _before_agendas_pdf(event, registrations, out: Path) -> None:
    documents_ = []
    for start in range(0, len(registrations), documents.BULK_CHUNK):
        part = registrations[start : start + documents.BULK_CHUNK]
        for locale, run in documents._by_language(part):
            html = documents.agendas_html(event, run, documents.DEFAULTS, bulk=True, locale=locale)
            documents_.append(html_document(html).render())
    pages = [page for document in documents_ for page in document.pages]
    out.write_bytes(documents_[0].copy(pages).write_pdf())


def _before_agendas_zip(event, registrations, out: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = documents.agenda_file_names(registrations)
        for registration, name in zip(registrations, names, strict=True):
            html = documents.agendas_html(event, [registration], documents.DEFAULTS, bulk=False)
            archive.writestr(name, render_pdf(html))
    out.write_bytes(buffer.getvalue())


def _before_badges(event, registrations, out: Path) -> None:
    documents_ = []
    for start in range(0, len(registrations), badges.BADGE_CHUNK):
        part = registrations[start : start + badges.BADGE_CHUNK]
        documents_.append(html_document(badges._badges_html(event, part, "sheet")).render())
    pages = [page for document in documents_ for page in document.pages]
    out.write_bytes(documents_[0].copy(pages).write_pdf())


def _before_signage(event, registrations, out: Path) -> None:
    signs = signage.table_signs(event)
    html = documents._render("documents/pdf/signage.html", event, documents.DEFAULTS, signs=signs)
    out.write_bytes(render_pdf(html))


def _after(name: str):
    def run(event, registrations, out: Path) -> None:
        if name == "agendas":
            documents.write_agendas_pdf(out, event, registrations)
        elif name == "agendas_zip":
            documents.write_agendas_zip(out, event, registrations)
        elif name == "badges":
            badges.write_badge_pdf(out, event, registrations, layout="sheet")
        else:
            signage.write_signage_pdf(out, event)

    return run


MEASURES = {
    ("before", kind): func
    for kind, func in (
        ("agendas", _before_agendas_pdf),
        ("agendas_zip", _before_agendas_zip),
        ("badges", _before_badges),
        ("signage", _before_signage),
    )
} | {("after", kind): _after(kind) for kind in ("agendas", "agendas_zip", "badges", "signage")}


def child(database: str, way: str, kind: str) -> None:
    """One measure in this process: prints its seconds and output size as JSON."""
    app = create_app(bench_config(database))
    with app.app_context():
        event = db.session.scalar(db.select(Event).where(Event.slug == SLUG))
        registrations = badges.approved_registrations(event)
        out = Path(tempfile.mkdtemp(prefix="bulk-pdf-")) / f"{kind}.out"
        started = time.perf_counter()
        MEASURES[(way, kind)](event, registrations, out)
        seconds = time.perf_counter() - started
        parent, render = sum(os.times()[:4]), forkserver_cpu()
        figures = {"seconds": seconds, "cpu": parent + render, "parent_cpu": parent}
        print(json.dumps(figures | {"render_cpu": render, "bytes": out.stat().st_size}))
        out.unlink()


def forkserver_cpu() -> float:
    """CPU seconds of the PDF forkserver and of the render children it has reaped (every
    render this process waited for, and the render server): the work done, whatever the
    load on the machine."""
    server = sys.modules.get("forum.core.pdf_server")  # the long-lived render server, if any:
    if server is not None:  # ended, it is waited for by the forkserver and counted below
        server.SERVER.stop()
    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(ticks) for ticks in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def pss(pid: int) -> int:
    """Proportional set size of one process in bytes (0 when it has ended)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_pss(root: int) -> int:
    """Proportional set size in bytes of a process and all its descendants (the forkserver
    and the children that render), from /proc: pages a fork shares are counted once, not in
    every process as resident sizes would."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += pss(pid)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def measure(database: str, way: str, kind: str, timeout: int) -> tuple[str, str, str]:
    """(time, peak memory of the process tree, size) of one measure in a child process; with
    --split, the CPU and peak memory of the process that builds the HTML and merges (the
    parent) apart from those of the renders."""
    command = [sys.executable, __file__, "--child", way, kind, "--database", database]
    peak = parent_peak = 0
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(command, stdout=output, text=True)
        started = time.monotonic()
        while process.poll() is None:
            peak = max(peak, tree_pss(process.pid))
            parent_peak = max(parent_peak, pss(process.pid))
            if time.monotonic() - started > timeout:
                process.kill()
                process.wait()
                return f"> {timeout} s (stopped)", "", ""
            time.sleep(0.1)
        if process.returncode:
            return f"failed ({process.returncode})", "", ""
        output.seek(0)
        figures = json.loads(output.read().strip().splitlines()[-1])
    cpu = f"{figures['cpu']:.0f} s CPU"
    memory = f"{peak / 2**20:.0f} MB"
    if SPLIT:
        cpu += f": {figures['parent_cpu']:.0f} parent + {figures['render_cpu']:.0f} renders"
        memory += f" (parent {parent_peak / 2**20:.0f} MB)"
    return (
        f"{figures['seconds']:.1f} s ({cpu})",
        memory,
        f"{figures['bytes'] / 1e6:.1f} MB",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--folder", default=tempfile.gettempdir())
    parser.add_argument(
        "--kinds", nargs="+", default=["agendas", "agendas_zip", "badges", "signage"]
    )
    parser.add_argument("--ways", nargs="+", default=["before", "after"])
    parser.add_argument("--timeout", type=int, default=900, help="seconds per measure")
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument(
        "--split", action="store_true", help="CPU and memory of the parent apart from the renders"
    )
    parser.add_argument("--child", nargs=2, metavar=("WAY", "KIND"), help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.database, *args.child)
        return
    databases = {}
    for size in args.delegates:
        path = Path(args.folder) / f"bench-{size}.sqlite3"
        url = f"sqlite:///{path}"
        if not path.exists():
            _event_id, _email, summary = prepare(create_app(bench_config(url)), None, size)
            print(summary)
        databases[size] = url
    if args.prepare_only:
        return
    ways = [f"{way}: time / peak memory (PSS) / size" for way in args.ways]
    print(row(["document", "delegates", *ways]))
    print(row(["---"] * (2 + len(args.ways))))
    for kind in args.kinds:
        for size, url in databases.items():
            cells = []
            for way in args.ways:
                seconds, peak, size_mb = measure(url, way, kind, args.timeout)
                cells.append(f"{seconds} / {peak} / {size_mb}")
            print(row([kind, size, *cells]), flush=True)


if __name__ == "__main__":
    main()
