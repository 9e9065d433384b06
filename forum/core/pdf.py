"""PDF rendering with WeasyPrint, fetching nothing but data: URLs and the app's static files.

Templates name a static file as `static:<path under forum/static>` (e.g. `static:forum.css`);
every other URL (file:, http:, https:, relative paths...) is refused, and nothing is ever
fetched over the network, so there are no redirects to follow either.
"""

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote
from urllib.request import DataHandler, Request

from flask import current_app, has_app_context
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_SCHEME = "static:"


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


def safe_url_fetcher(url: str) -> URLFetcherResponse:
    """Resolve a data: or static: URL; refuse any other (file:, http:, ...) with ValueError."""
    lowered = url.lower()
    if lowered.startswith("data:"):
        response = DataHandler().data_open(Request(url))
        return URLFetcherResponse(url, response.read(), dict(response.headers))
    folder = _static_folder()
    if lowered.startswith(STATIC_SCHEME) and folder is not None:
        path = static_file(url, folder)
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})
    # User text reaches our templates: never let it read local files or probe the network.
    raise ValueError(f"PDF resources must be data: or static: URLs, not {url[:60]!r}")


class RestrictedURLFetcher(URLFetcher):
    """WeasyPrint's fetcher interface around safe_url_fetcher; a refusal only skips the resource."""

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        return safe_url_fetcher(url)


def html_document(html: str, base_url: str | None = None) -> HTML:
    """A WeasyPrint document for trusted template output, with the restricted fetcher."""
    return HTML(string=html, base_url=base_url, url_fetcher=RestrictedURLFetcher())


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """Render trusted template output (user text already escaped) to PDF bytes."""
    return html_document(html, base_url).write_pdf()
