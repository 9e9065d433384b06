"""WeasyPrint's user-agent style sheet, with its universal pseudo-element rules scoped.

WeasyPrint's own sheet (weasyprint/css/html5_ua.css) styles six pseudo-elements of every
element: `::marker`, `::footnote-call`, `::footnote-marker`, `::note-call`, `::note-marker`
and `::note-callback`. Each of those rules matches every element of the document, and WeasyPrint
then computes a full style for each pseudo-element it matched, whether the element is a list
item or a footnote or neither: six styles more per element, about a sixth of the CPU of the
bulk agendas (benchmarks/bulk_pdf_bench.py). Our printed documents print markers only for
list items, and no footnotes or notes; so the marker rule is kept for `li` and `summary`
only (anything else shown as a list item gets WeasyPrint's default marker style), and the
footnote and note rules for elements of the class `footnote` / `note` (an element printed
as a footnote or a note must carry that class). Every other rule is WeasyPrint's, read from
its installed file, so an upgrade brings its changes along.
"""

import logging
import re
from functools import lru_cache
from pathlib import Path

import weasyprint
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle

log = logging.getLogger(__name__)
UA_FILE = Path(weasyprint.__file__).parent / "css" / "html5_ua.css"
SCOPED = {
    "marker": "li::marker, summary::marker",
    "footnote-call": ".footnote::footnote-call",
    "footnote-marker": ".footnote::footnote-marker",
    "note-call": ".note::note-call",
    "note-marker": ".note::note-marker",
    "note-callback": ".note::note-callback",
}
# A rule of the sheet whose selector is one pseudo-element alone, at the start of a line.
_NAMES = "|".join(map(re.escape, SCOPED))
_UNIVERSAL_PSEUDO_RE = re.compile(rf"^::({_NAMES}) \{{", re.MULTILINE)


def scoped_ua_css(text: str) -> str | None:
    """The sheet's text with each universal pseudo-element rule scoped (see above); None when
    the sheet does not have exactly those six rules (another WeasyPrint: keep its own)."""
    scoped, count = _UNIVERSAL_PSEUDO_RE.subn(lambda m: SCOPED[m.group(1)] + " {", text)
    found = {m.group(1) for m in _UNIVERSAL_PSEUDO_RE.finditer(text)}
    if count != len(SCOPED) or found != set(SCOPED):
        return None
    return scoped


@lru_cache(maxsize=1)
def printed_ua_stylesheet() -> CSS | None:
    """The scoped user-agent sheet, parsed once per process (the PDF forkserver parses it while
    warming up, so the render children inherit it); None to use WeasyPrint's own."""
    scoped = scoped_ua_css(UA_FILE.read_text(encoding="utf-8"))
    if scoped is None:
        log.warning("WeasyPrint's user-agent style sheet changed: printing with it as it is")
        return None
    # Its @counter-style rules are WeasyPrint's own, which documents already get: parsed into
    # a counter style set of their own, they neither warn of being defined twice nor change.
    return CSS(string=scoped, counter_style=CounterStyle())


class PrintedHTML(HTML):
    """A WeasyPrint HTML document printed with printed_ua_stylesheet."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        sheet = printed_ua_stylesheet()
        if sheet is None or forms:
            return super()._ua_stylesheets(forms)
        return [sheet]
