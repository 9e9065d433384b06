"""PDF rendering with WeasyPrint, fetching nothing but data: URLs and the app's static files.

Templates name a static file as `static:<path under forum/static>` (e.g. `static:forum.css`);
every other URL (file:, http:, https:, relative paths...) is refused, and nothing is ever
fetched over the network, so there are no redirects to follow either.

Bounded work: a long unbroken word (20,000 characters pasted into a description) costs
WeasyPrint time that grows with the square of its length when the CSS lets it break anywhere
(4.6 s at 20,000, 0.66 s at 8,000); render_pdf first gives such runs a break opportunity (a
zero-width space) every WORD_PIECE characters, so that they cost what ordinary words do
(0.15 s), and refuses HTML over MAX_HTML with DocumentTooLarge. Bulk documents are rendered
in chunks, each written to a temporary file and appended to the target file as it comes
(write_merged, forum.core.pdf_merge), so that their memory does not grow with the number of
delegates; up to RENDER_WORKERS chunks are rendered at once, each in its own bounded child (one
per core: WeasyPrint is single-threaded Python, and the time of a bulk run is the time of its
layout).
"""

import logging
import mimetypes
import multiprocessing
import os
import re
import resource
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote
from urllib.request import DataHandler, Request

import segno
from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from forum.core.errors import DomainError
from forum.core.pdf_merge import PdfAppender
from forum.core.pdf_ua import PrintedHTML

log = logging.getLogger(__name__)
STATIC_SCHEME = "static:"
LONG_WORD = 120  # characters without a break opportunity before render_pdf adds some
WORD_PIECE = 60  # characters between two added break opportunities
MAX_HTML = 8_000_000  # characters of one document's HTML (a catalogue of 1,000 projects: ~3 MB)
RENDER_SECONDS = 25  # one document (a bulk run renders a few delegates per document)
RENDER_MEMORY = 2 * 1024**3  # bytes of address space for the child that renders one
RENDER_WORKERS = 2  # children rendering the parts of one bulk document at once
OUT_OF_MEMORY = 75  # the child's exit code when it ran out of its memory
MEMORY_SLACK = 64 * 1024**2  # bytes short of the limit at which a failed render ran out of it
# Text between tags (style sheets left alone), and in it a run without spaces or entities.
_TEXT_RE = re.compile(r"(<style.*?</style>)|>([^<]+)", re.DOTALL | re.IGNORECASE)
_RUN_RE = re.compile(rf"[^\s&<]{{{LONG_WORD},}}")


class DocumentTooLarge(DomainError):
    """A document past the bounds a render may take (size, time, memory)."""

    def __init__(self) -> None:
        super().__init__(str(too_large_message()))


def too_large_message():
    """What the reader is told (forum.web.error_pages shows it instead of a 500)."""
    return _l(
        "This document could not be made: it is too long or too complex to print. "
        "Shorten the longest texts (descriptions, names) and try again, or tell the organizers."
    )


@lru_cache(maxsize=512)  # a delegate's agenda, downloaded again, asks for the same code
def printed_qr(code: str) -> str:
    """A QR code for a printed document: a data: URL of a PNG with one pixel per module.

    Templates draw it unsmoothed (`image-rendering: pixelated`, a PDF image without
    /Interpolate), so it prints as sharp as a vector one. WeasyPrint draws an SVG QR as one path
    of hundreds of pieces in Python: the bulk agendas spent about a tenth of their CPU time on
    it (4.3 CPU s per 100 agendas with SVG, 3.9 with this PNG; benchmarks/bulk_pdf_bench.py).
    """
    return segno.make(code, error="m", micro=False).png_data_uri(scale=1, border=2)


def static_file(url: str, folder: Path) -> Path:
    """The file a `static:` URL names inside `folder`; ValueError if it points anywhere else."""
    relative = unquote(url[len(STATIC_SCHEME) :].split("?", 1)[0].split("#", 1)[0])
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or "\\" in relative or "\0" in relative:
        raise ValueError(f"not a static file: {url[:60]!r}")
    if any(part in ("..", ".") for part in parts):
        raise ValueError(f"not a static file: {url[:60]!r}")
    root = folder.resolve()
    path = root.joinpath(*parts).resolve()  # a symlink out of the folder fails the next test
    if not path.is_relative_to(root) or not path.is_file():
        raise ValueError(f"not a static file: {url[:60]!r}")
    return path


def _static_folder() -> Path | None:
    if not has_app_context() or not current_app.static_folder:
        return None
    return Path(current_app.static_folder)


def safe_url_fetcher(url: str, folder: Path | None = None) -> URLFetcherResponse:
    """Resolve a data: or static: URL (static files from `folder`, default the app's static
    folder); refuse any other (file:, http:, ...) with ValueError."""
    lowered = url.lower()
    if lowered.startswith("data:"):
        response = DataHandler().data_open(Request(url))
        return URLFetcherResponse(url, response.read(), dict(response.headers))
    folder = folder or _static_folder()
    if lowered.startswith(STATIC_SCHEME) and folder is not None:
        path = static_file(url, folder)
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})
    # User text reaches our templates: never let it read local files or probe the network.
    raise ValueError(f"PDF resources must be data: or static: URLs, not {url[:60]!r}")


class RestrictedURLFetcher(URLFetcher):
    """WeasyPrint's fetcher interface around safe_url_fetcher; a refusal only skips the resource."""

    def __init__(self, folder: Path | None = None, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.folder = folder

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        return safe_url_fetcher(url, self.folder)


def html_document(
    html: str, base_url: str | None = None, folder: Path | None = None
) -> PrintedHTML:
    """A WeasyPrint document for trusted template output, with the restricted fetcher (and the
    user-agent style sheet of forum.core.pdf_ua)."""
    return PrintedHTML(string=html, base_url=base_url, url_fetcher=RestrictedURLFetcher(folder))


@lru_cache(maxsize=1)
def shared_font_config() -> FontConfiguration:
    """One font configuration for every document a render process prints: fontconfig and
    Pango stay warm (a new one per document cost an agenda ~20 ms of its ~95). Our templates
    declare no @font-face, so a shared one prints the same bytes as a fresh one."""
    return FontConfiguration()


def _breakable_run(match: re.Match) -> str:
    run = match.group(0)
    return "\u200b".join(run[i : i + WORD_PIECE] for i in range(0, len(run), WORD_PIECE))


def _breakable_text(match: re.Match) -> str:
    if match.group(1):  # a style sheet: as written
        return match.group(0)
    return ">" + _RUN_RE.sub(_breakable_run, match.group(2))


def bounded_html(html: str) -> str:
    """The HTML with a break opportunity in every run of text over LONG_WORD characters;
    DocumentTooLarge when it is over MAX_HTML characters."""
    if len(html) > MAX_HTML:
        raise DocumentTooLarge()
    return _TEXT_RE.sub(_breakable_text, html)


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """Render trusted template output (user text already escaped) to PDF bytes, within the
    time and memory bounds (DocumentTooLarge past them)."""
    with tempfile.TemporaryDirectory(prefix="foro-pdf-") as folder:
        target = Path(folder) / "document.pdf"
        render_bounded(html, target, base_url)
        return target.read_bytes()


def render_bounded(
    html: str, target: Path, base_url: str | None = None, seconds: float | None = None
) -> None:
    """Render the HTML to a PDF file at `target` in a child process limited to RENDER_MEMORY
    bytes of address space and stopped after RENDER_SECONDS (or `seconds`, in a job): a
    pathological document costs the reader a clear message (DocumentTooLarge), never the
    worker's memory or its life.

    The document goes to this process's long-lived render server (forum.core.pdf_server),
    or, while that one renders another thread's document, to a child of its own. Both are
    forked from a forkserver started once per process (single-threaded, fonts loaded: they
    start warm), never from this process, whose other threads may hold locks a fork would
    copy."""
    from forum.core.pdf_server import render_served

    if not render_served(bounded_html(html), target, base_url, seconds):
        start_render(html, target, base_url, seconds).finish()


@dataclass
class Render:
    """A document being rendered by its own child process (start_render); finish() waits."""

    child: multiprocessing.process.BaseProcess
    target: Path
    deadline: float  # time.monotonic() past which the child is stopped

    def finish(self) -> None:
        """Wait for the file at `target`; DocumentTooLarge past the bounds, RuntimeError when
        the render failed otherwise."""
        self.child.join(max(self.deadline - time.monotonic(), 0))
        if self.child.is_alive():
            self.stop()
            raise DocumentTooLarge()
        # Out of its memory, the child ends with MemoryError, or is ended by a signal when
        # the C libraries fail first (GLib aborts when it cannot allocate).
        if self.child.exitcode == OUT_OF_MEMORY or self.child.exitcode < 0:
            log.warning("PDF render ended with exit code %s", self.child.exitcode)
            raise DocumentTooLarge()
        if self.child.exitcode != 0:
            error = self.target.with_name(self.target.name + ".error")
            message = error.read_text() if error.exists() else f"exit code {self.child.exitcode}"
            error.unlink(missing_ok=True)
            raise RuntimeError(f"PDF rendering failed: {message}")

    def stop(self) -> None:
        """End the child now (a bulk run that failed elsewhere)."""
        if self.child.is_alive():
            self.child.kill()
        self.child.join()


def start_render(
    html: str, target: Path, base_url: str | None = None, seconds: float | None = None
) -> Render:
    """render_bounded's child started and not waited for: a bulk run renders its next part
    while this one is still being rendered."""
    html = bounded_html(html)
    child = _forkserver().Process(
        target=_render_child,
        args=(html, str(target), base_url, _static_folder(), RENDER_MEMORY),
        daemon=True,
    )
    started = time.monotonic()
    child.start()
    return Render(child, target, started + (seconds or RENDER_SECONDS))


def _forkserver():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["forum.core.pdf_warm"])  # WeasyPrint loaded and warm, once
    return context


def _render_child(
    html: str, target: str, base_url: str | None, folder: Path | None, memory: int
) -> None:
    """In the child: the address space capped, the document written to `target`.

    Past its memory, what fails first depends on the state of the heap the child was forked
    with: a MemoryError, GLib aborting, a library turning the MemoryError into another error
    (zlib's own, an index error on a NULL cffi gave back), or an allocation that fails
    silently (HarfBuzz hands back empty objects) and a "successful" PDF with text missing.
    So whether the render ran out of memory is told from the peak of the address space
    (reached_memory), whatever happened, and such a file is never used. Only the soft limit
    is lowered, so that the child lifts it again before it writes down why it failed (which
    needs memory too)."""
    fonts = shared_font_config()  # the forkserver's, warm (made before the bound, if not)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    bound = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (bound, hard))
    try:
        html_document(html, base_url, folder).write_pdf(target=target, font_config=fonts)
    except BaseException as error:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        if isinstance(error, MemoryError) or reached_memory(memory):
            os._exit(OUT_OF_MEMORY)
        Path(target + ".error").write_text(f"{type(error).__name__}: {error}"[:1000])
        os._exit(1)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    if reached_memory(memory):
        os._exit(OUT_OF_MEMORY)


def reached_memory(memory: int) -> bool:
    """Whether this process's address space grew to within MEMORY_SLACK of `memory` bytes
    (an allocation past the limit failed), from /proc/self/status (VmPeak)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return False
    match = re.search(r"^VmPeak:\s+(\d+) kB", status, re.MULTILINE)
    return match is not None and int(match.group(1)) * 1024 >= memory - MEMORY_SLACK


def render_workers() -> int:
    """Children a bulk run renders in at once: one per core this process may use, at most
    RENDER_WORKERS (each child is bounded by RENDER_MEMORY on its own)."""
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    cores = len(usable) if usable is not None else os.cpu_count() or 1
    return max(1, min(RENDER_WORKERS, cores))


class MergedPdf:
    """One PDF at `target` made of several rendered documents, their pages in order.

        with MergedPdf(path) as merged:
            for html in parts:
                merged.add(html)

    Up to `workers` parts are rendered at once, each by its own bounded child into its own
    temporary file (add() returns as soon as the part's child has started, so the caller
    prepares the next part meanwhile); the finished parts are appended in the order they
    were added to a temporary file by a PdfAppender (forum.core.pdf_merge), which writes
    each part's pages as they come: what is held does not grow with the pages. The file
    becomes `target` at the end; nothing is written there when the block raises, and the
    children still rendering are ended."""

    def __init__(self, target: Path, workers: int | None = None) -> None:
        self.target = target
        self.workers = workers or render_workers()
        self.folder = tempfile.TemporaryDirectory(prefix="foro-pdf-")
        self.merged = Path(self.folder.name) / "merged.pdf"
        self.out = open(self.merged, "wb")  # noqa: SIM115  # closed by __exit__
        self.appender = PdfAppender(self.out)
        self.rendering: deque[Render] = deque()
        self.added = 0

    @property
    def pages(self) -> int:
        """Pages of every part added so far (waits for the parts still being rendered)."""
        self.flush()
        return len(self.appender.pages)

    def add(self, html: str) -> None:
        while len(self.rendering) >= self.workers:
            self._append_oldest()
        part = Path(self.folder.name) / f"part-{self.added}.pdf"
        self.added += 1
        self.rendering.append(start_render(html, part))

    def flush(self) -> None:
        """Wait for every part added and append its pages."""
        while self.rendering:
            self._append_oldest()

    def _append_oldest(self) -> None:
        render = self.rendering.popleft()
        try:
            render.finish()
            self.appender.append(render.target)
        finally:
            render.target.unlink(missing_ok=True)

    def __enter__(self) -> "MergedPdf":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        try:
            if error is None:
                self.flush()
                self.appender.close()
                self.out.close()
                shutil.move(self.merged, self.target)
        finally:
            for render in self.rendering:
                render.stop()
            self.rendering.clear()
            self.out.close()
            self.folder.cleanup()


def as_bytes(write: Callable[[Path], None]) -> bytes:
    """The file a writer makes, as bytes (for callers that send or test a small document)."""
    with tempfile.TemporaryDirectory(prefix="foro-document-") as folder:
        target = Path(folder) / "document"
        write(target)
        return target.read_bytes()


def write_merged(target: Path, parts: Iterable[str]) -> int:
    """Each HTML of `parts` rendered as its own document, all pages in one PDF at `target`
    (see MergedPdf); returns the number of pages."""
    with MergedPdf(target) as merged:
        for html in parts:
            merged.add(html)
    return merged.pages


def start_renderer() -> None:
    """Start this process's PDF forkserver and render server now (gunicorn calls it in each
    new worker), so that the first document a worker renders does not wait the second or so
    it takes to load."""
    from multiprocessing import forkserver

    from forum.core.pdf_server import SERVER

    _forkserver()
    forkserver.ensure_running()
    SERVER.start()
