"""Bulk PDFs: parts rendered by several bounded children at once, merged in the order given."""

import os

import pytest

from forum.core import pdf
from forum.core.pdf import DocumentTooLarge, MergedPdf, render_workers
from tests.pdf_tools import needs_poppler, pdf_pages, pdf_text

PARTS = [f'<p style="font-family: DejaVu Sans">Parte {n}</p>' for n in range(1, 8)]


@needs_poppler
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_parts_rendered_at_once_are_merged_in_the_order_given(tmp_path, workers):
    target = tmp_path / "merged.pdf"

    with MergedPdf(target, workers=workers) as merged:
        for html in PARTS:
            merged.add(html)
        assert len(merged.rendering) <= workers  # never more children than asked for

    data = target.read_bytes()
    assert pdf_pages(data, tmp_path) == 7
    assert [pdf_text(data, tmp_path, page=n) for n in range(1, 8)] == [
        f"Parte {n}" for n in range(1, 8)
    ]


def test_pages_counts_the_parts_still_being_rendered(tmp_path):
    with MergedPdf(tmp_path / "merged.pdf", workers=2) as merged:
        merged.add(PARTS[0])
        merged.add(PARTS[1])
        assert merged.pages == 2  # waited for both
        assert not merged.rendering


def test_a_part_past_the_bounds_stops_the_others_and_writes_nothing(tmp_path, monkeypatch):
    target = tmp_path / "merged.pdf"
    started = []

    def start_render(*args, **kwargs):
        started.append(real_start_render(*args, **kwargs))
        return started[-1]

    real_start_render = pdf.start_render
    monkeypatch.setattr(pdf, "start_render", start_render)
    monkeypatch.setattr(pdf, "RENDER_SECONDS", 0.001)  # no part is rendered that fast

    with pytest.raises(DocumentTooLarge), MergedPdf(target, workers=2) as merged:
        for html in PARTS:
            merged.add(html)

    assert not target.exists()
    assert len(started) == 2  # the first part failed while the second was being rendered
    # ... and that one was ended and reaped, not left running
    assert [render.child.exitcode is not None for render in started] == [True, True]


def test_render_workers_are_the_usable_cores_at_most_two(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3})
    assert render_workers() == 2
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {3})
    assert render_workers() == 1
