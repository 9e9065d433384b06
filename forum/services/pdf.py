"""PDF rendering with WeasyPrint, fetching nothing but inline data: URLs."""

from urllib.request import DataHandler, Request

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


def safe_url_fetcher(url: str) -> URLFetcherResponse:
    """Resolve a data: URL; refuse every other URL (file:, http:, ...) with ValueError."""
    if not url.lower().startswith("data:"):
        # User text reaches our templates: never let it read local files or probe the network.
        raise ValueError(f"PDF resources must be inline data: URLs, not {url[:60]!r}")
    response = DataHandler().data_open(Request(url))
    return URLFetcherResponse(url, response.read(), dict(response.headers))


class DataOnlyURLFetcher(URLFetcher):
    """WeasyPrint's fetcher interface around safe_url_fetcher; a refusal only skips the resource."""

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        return safe_url_fetcher(url)


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """Render trusted template output (user text already escaped) to PDF bytes."""
    document = HTML(string=html, base_url=base_url, url_fetcher=DataOnlyURLFetcher())
    return document.write_pdf()
