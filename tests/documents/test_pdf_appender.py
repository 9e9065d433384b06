"""PdfAppender (forum.core.pdf_merge): parts written to one file as they come, read back with
pypdf: pages in order, outline, links, named destinations, title and language."""

import io

from pypdf import PdfReader

from forum.core.pdf import html_document
from forum.core.pdf_merge import PdfAppender

FONT = "<style>html { font-family: DejaVu Sans }</style>"


def part(body: str, lang: str = "es", title: str = "Agenda") -> bytes:
    html = f'<html lang="{lang}"><head><title>{title}</title>{FONT}</head><body>{body}</body>'
    return html_document(html).write_pdf()


def merged(tmp_path, *parts: bytes) -> PdfReader:
    out = io.BytesIO()
    appender = PdfAppender(out)
    for n, data in enumerate(parts):
        path = tmp_path / f"part-{n}.pdf"
        path.write_bytes(data)
        appender.append(path)
    appender.close()
    return PdfReader(io.BytesIO(out.getvalue()))


def outline(reader: PdfReader, items=None, depth: int = 0) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline entry, in order."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_page_number(item.page)))
    return found


def test_appended_parts_keep_their_pages_outline_and_links_in_order(tmp_path):
    first = part(
        "<h1>Ana Ñahui</h1><h2>martes</h2><p>uno</p>"
        '<h1 style="break-before: page">Bruno Ferrari</h1>'
        '<p><a href="https://example.org/sala">sala virtual</a></p>',
        title="Agenda personal · Foro",
    )
    second = part("<h1>Carla Gutiérrez</h1><p>tres</p>")

    reader = merged(tmp_path, first, second)

    assert [" ".join(page.extract_text().split()) for page in reader.pages] == [
        "Ana Ñahui martes uno",
        "Bruno Ferrari sala virtual",
        "Carla Gutiérrez tres",
    ]
    assert outline(reader) == [
        (0, "Ana Ñahui", 0),
        (1, "martes", 0),
        (0, "Bruno Ferrari", 1),
        (0, "Carla Gutiérrez", 2),
    ]
    links = [a.get_object() for a in reader.pages[1]["/Annots"]]
    assert [link["/A"]["/URI"] for link in links] == ["https://example.org/sala"]
    assert reader.metadata.title == "Agenda personal · Foro"  # the first part's
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert all(page["/Parent"] == reader.trailer["/Root"]["/Pages"] for page in reader.pages)


def test_parts_in_several_languages_leave_the_language_out(tmp_path):
    reader = merged(tmp_path, part("<p>hola</p>"), part("<p>hello</p>", lang="en"))

    assert len(reader.pages) == 2
    assert "/Lang" not in reader.trailer["/Root"]
    assert reader.outline == []


def test_named_destinations_point_to_the_appended_pages(tmp_path):
    first = part('<p><a href="#mesas">ver mesas</a></p>')
    second = part('<p>portada</p><h2 id="mesas" style="break-before: page">Mesas</h2><p>Mesa 1</p>')

    reader = merged(tmp_path, first, second)

    assert len(reader.pages) == 3
    assert reader.get_destination_page_number(reader.named_destinations["mesas"]) == 2
