"""A long-lived, warm render process per worker for the documents rendered one at a time.

Forking a child per document (forum.core.pdf.start_render) costs more than the render of a
small one: a personal agenda took ~185 ms of CPU in its child, of which ~95 ms were
WeasyPrint's own work and the rest the fork, the copy-on-write faults of a child that
touches most of its parent's heap, and the caches lost at its exit
(benchmarks/agenda_pdf_cpu.py). So each process keeps one render server, forked once from
the PDF forkserver, and sends it the documents one after the other through a pipe; it keeps
its font configuration (fontconfig and Pango's caches) from one document to the next, and
the style sheet our documents share (_pdf_document.html's, with the document's own rules:
a handful of texts in all), parsed once instead of once per document (see _shared_style).

The bounds stay those of a child per document:
- time: the caller waits at most RENDER_SECONDS (or `seconds`) for the answer, then kills
  the server (DocumentTooLarge; the next document starts a new one);
- memory: the server lowers its address space to the job's bound while it renders, and a
  render that reached it (forum.core.pdf.reached_memory) is never used; the server then
  ends. Its address space only grows, so a server that had rendered documents before
  hands such a document back to be rendered once more by a new one, whose bound is the
  same as a child's: only what fails there too is DocumentTooLarge;
- a server ends after MAX_DOCUMENTS documents, after any failed render, and when its
  address space is past half of the bound (the next document always has the other half),
  so that a slow leak or a fragmented heap cannot grow forever.
A second thread of the same process that renders while the server is busy gets a child of
its own, as before.
"""

import logging
import os
import re
import resource
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing.connection import Connection
from pathlib import Path

from weasyprint import CSS

from forum.core import pdf

log = logging.getLogger(__name__)
MAX_DOCUMENTS = 200  # documents a server renders before it ends and another one starts
OK, LAST, FAILED, OUT_OF_MEMORY = "ok", "last", "failed", "memory"


@dataclass
class Job:
    """One document for the server (its HTML already bounded: forum.core.pdf.bounded_html)."""

    html: str
    target: str
    base_url: str | None
    folder: Path | None
    memory: int  # bytes of address space the render may reach


class RenderServer:
    """The render process of this process (started on first use); render() is thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process = None
        self.connection: Connection | None = None
        self.documents = 0  # rendered by the current process
        self.owner = os.getpid()

    def start(self) -> None:
        """The server running (a new one when the last one ended)."""
        if self.owner != os.getpid():  # inherited through a fork (an RQ job's work horse):
            self.process = self.connection = None  # the parent's server, not to be shared
            self.owner = os.getpid()
        if self.process is not None and self.process.is_alive():
            return
        self._forget()
        context = pdf._forkserver()
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, MAX_DOCUMENTS), daemon=True)
        process.start()
        theirs.close()
        self.process, self.connection, self.documents = process, ours, 0

    def render(self, job: Job, seconds: float) -> bool:
        """Render `job` within `seconds`: True when written; False when the server was busy
        (the caller renders it another way). DocumentTooLarge past the bounds, RuntimeError
        when the render failed otherwise."""
        if not self.lock.acquire(blocking=False):
            return False
        try:
            deadline = time.monotonic() + seconds
            self.start()
            used = self.documents
            answer, message = self._send(job, deadline)
            if answer == OUT_OF_MEMORY and used:  # maybe the server's own growth
                log.info("PDF render server ran out of memory after %s documents", used)
                self.start()
                answer, message = self._send(job, deadline)
            if answer == OUT_OF_MEMORY:
                raise pdf.DocumentTooLarge()
            if answer == FAILED:
                raise RuntimeError(f"PDF rendering failed: {message}")
            return True
        finally:
            self.lock.release()

    def _send(self, job: Job, deadline: float) -> tuple[str, str]:
        try:
            self.connection.send(job)
            if not self.connection.poll(max(deadline - time.monotonic(), 0)):
                self.stop()
                raise pdf.DocumentTooLarge()
            answer, message = self.connection.recv()
        except (EOFError, OSError):  # ended by a signal (GLib aborts when out of memory)
            self.process.join(5)
            log.warning("PDF render server ended with exit code %s", self.process.exitcode)
            self._forget()
            return OUT_OF_MEMORY, ""
        except BaseException:  # interrupted while it renders: its answer would come late
            self.stop()
            raise
        if answer == OK:
            self.documents += 1
        else:  # it ends after its last document and after a failure
            self.process.join(5)
            self._forget()
        return (OK if answer == LAST else answer), message

    def stop(self) -> None:
        """End the server now."""
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()
        self._forget()

    def _forget(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.process, self.connection, self.documents = None, None, 0


SERVER = RenderServer()


def render_served(
    html: str, target: Path, base_url: str | None = None, seconds: float | None = None
) -> bool:
    """Render bounded HTML to `target` by this process's render server (see the module);
    False when the server is busy with another thread's document."""
    job = Job(html, str(target), base_url, pdf._static_folder(), pdf.RENDER_MEMORY)
    return SERVER.render(job, seconds or pdf.RENDER_SECONDS)


def _serve(connection: Connection, documents: int) -> None:
    """In the server: render each job sent, answer, end when told (EOF) or when it should
    (after `documents` documents at most)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    for done in range(1, documents + 1):
        try:
            job: Job = connection.recv()
        except EOFError:  # the process that started it ended or let it go
            os._exit(0)
        answer, message = _render(job, soft, hard)
        if answer == OK and (done == documents or _address_space() > job.memory // 2):
            answer = LAST
        connection.send((answer, message))
        if answer != OK:
            os._exit(0)


def _render(job: Job, soft: int, hard: int) -> tuple[str, str]:
    """One document, within the job's memory (the rules of forum.core.pdf._render_child)."""
    fonts = pdf.shared_font_config()  # the forkserver's, warm
    bound = job.memory if hard == resource.RLIM_INFINITY else min(job.memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (bound, hard))
    try:
        html, sheets = _shared_style(job.html, job.base_url, job.folder)
        document = pdf.html_document(html, job.base_url, job.folder)
        document.write_pdf(target=job.target, font_config=fonts, stylesheets=sheets)
        error = None
    except BaseException as failure:  # noqa: BLE001  # told to the caller, whatever it is
        error = failure
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    if isinstance(error, MemoryError) or pdf.reached_memory(job.memory):
        Path(job.target).unlink(missing_ok=True)
        return OUT_OF_MEMORY, ""
    if error is not None:
        Path(job.target).unlink(missing_ok=True)
        return FAILED, f"{type(error).__name__}: {error}"[:1000]
    return OK, ""


_STYLE_RE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _shared_style(html: str, base_url: str | None, folder: Path | None) -> tuple[str, list]:
    """The HTML without its style sheet, and that sheet parsed (once per server for each
    text: _parsed_style), when the document has one `<style>` in its head and no other style
    sheet; else the HTML as it is and no sheet.

    WeasyPrint reads a sheet given apart as the user's, not the author's: between the
    user-agent sheet and the author's rules. With the document's only sheet moved there, no
    author rule is left but `style` attributes, which won over the sheet's rules before
    (specificity) as they do now (origin): the same cascade, and the same PDF, byte for
    byte (tests/documents/test_pdf_server.py). User text never reaches a sheet (escaped,
    `<style` cannot appear in it)."""
    match = _STYLE_RE.search(html)
    body = html.find("<body")
    if (
        match is None
        or html.count("<style") != 1
        or "<link" in html
        or not (0 <= match.end() <= body)
    ):
        return html, []
    sheet = _parsed_style(match.group(1), base_url, folder)
    return html[: match.start()] + html[match.end() :], [sheet]


@lru_cache(maxsize=16)
def _parsed_style(text: str, base_url: str | None, folder: Path | None) -> CSS:
    return CSS(
        string=text,
        base_url=base_url,
        url_fetcher=pdf.RestrictedURLFetcher(folder),
        font_config=pdf.shared_font_config(),
    )


def _address_space() -> int:
    """Bytes of this process's address space now (VmSize), 0 when unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0
