"""The user-agent sheet printed documents use (forum.core.pdf_ua): WeasyPrint's own, with its
universal pseudo-element rules scoped to the elements that have them."""

import io

from pypdf import PdfReader
from weasyprint import HTML

from forum.core.pdf import html_document
from forum.core.pdf_ua import SCOPED, UA_FILE, printed_ua_stylesheet, scoped_ua_css


def test_the_installed_sheet_is_scoped_rule_by_rule_and_otherwise_kept():
    original = UA_FILE.read_text(encoding="utf-8")

    scoped = scoped_ua_css(original)

    changed = [
        (before, after)
        for before, after in zip(original.splitlines(), scoped.splitlines(), strict=True)
        if before != after
    ]
    assert [after.split(" {")[0] for _before, after in changed] == [
        "li::marker, summary::marker",
        ".footnote::footnote-call",
        ".footnote::footnote-marker",
        ".note::note-call",
        ".note::note-marker",
        ".note::note-callback",
    ]
    assert [before.split(" {")[1] for before, _after in changed] == [
        after.split(" {")[1] for _before, after in changed
    ]  # the declarations as they were
    assert len(changed) == len(SCOPED)


def test_a_sheet_without_those_rules_is_used_as_it_is():
    assert scoped_ua_css("p { margin: 1em 0 }\n") is None
    assert scoped_ua_css("::marker { color: red }\n") is None  # only one of the six


def page_words(pdf: bytes) -> list[str]:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split()


def test_printed_documents_use_the_scoped_sheet_and_still_number_lists(caplog):
    html = (
        '<html lang="es"><body style="font-family: DejaVu Sans">'
        "<ol><li>Inauguración</li><li>Rueda de negocios</li></ol>"
        "<ul><li>café</li></ul></body></html>"
    )

    document = html_document(html)

    assert document._ua_stylesheets() == [printed_ua_stylesheet()]
    words = page_words(document.write_pdf())
    assert words == page_words(HTML(string=html).write_pdf())  # as WeasyPrint's own sheet
    assert sorted(words) == sorted(
        ["1.", "Inauguración", "2.", "Rueda", "de", "negocios"] + ["•", "café"]
    )
    assert caplog.messages == []
