"""Pages need no 'unsafe-inline': no style attribute, <style> or inline <script> in them.

The Content-Security-Policy (forum/web/security_headers.py) refuses all three; a page that
used one would lose its look or its behaviour without an error on the server. PDF sources
are not served as HTML, so they may keep their @page style.
"""

import re
from pathlib import Path

import pytest

from forum.reports import charts
from tests.reports.world import build_world

TEMPLATES = Path(__file__).parents[2] / "templates"
STATIC = Path(__file__).parents[2] / "forum" / "static"
PAGES = sorted(
    path
    for path in TEMPLATES.rglob("*.html")
    if "pdf" not in path.relative_to(TEMPLATES).parts and not path.name.startswith("_pdf")
)
INLINE = {
    "style attribute": re.compile(r"<[a-zA-Z][^<>]*\sstyle\s*="),
    "style element": re.compile(r"<style\b"),
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>"),
    "event handler attribute": re.compile(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=\s*[\"']"),
    "javascript: link": re.compile(r"javascript:", re.I),
}


def test_the_walk_finds_the_pages():
    assert len(PAGES) > 80
    assert TEMPLATES / "base.html" in PAGES
    assert not any("pdf" in str(path.relative_to(TEMPLATES)) for path in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_page_template_needs_unsafe_inline(page):
    text = page.read_text()
    found = [kind for kind, pattern in INLINE.items() if pattern.search(text)]
    assert found == []


def test_the_charts_stylesheet_is_what_pygal_writes(app):
    with app.test_request_context():
        expected = charts.page_stylesheet()
    assert (STATIC / charts.STYLESHEET).read_text() == expected, (
        "regenerate forum/static/css/charts.css with forum.reports.charts.page_stylesheet()"
    )
    assert "#chart-" not in expected and ".pygal-chart .color-6" in expected


def test_a_chart_in_a_page_has_no_inline_style(app):
    with app.test_request_context():
        svg = str(charts.bars([("Perú", 3), ("Chile", 1)], "Delegates"))
        page = str(charts.for_page(charts.bars([("Perú", 3), ("Chile", 1)], "Delegates")))
    assert "<style" in svg  # the PDF's chart keeps it
    assert "<style" not in page and " style=" not in page
    assert 'class="pygal-chart"' in page and page.count("<rect") == svg.count("<rect")


def test_the_dashboard_with_its_charts_has_no_inline_style(client, db, login):
    world = build_world()
    login(world.organizer)
    response = client.get("/events/hih-2023/manage/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count("<svg") >= 10
    assert "/static/css/charts.css" in html
    assert [kind for kind, pattern in INLINE.items() if pattern.search(html)] == []
    assert "unsafe" not in response.headers["Content-Security-Policy"]
