"""What free text may hold: the one policy for every field, form, import and file name.

Control characters break exports (openpyxl refuses \\x01 in a cell), PostgreSQL refuses NUL
in text columns, a CR/LF in a name adds lines to a mail, and the bidirectional overrides
and isolates (U+202A-202E, U+2066-2069) make "cod.exe" look like "exe.doc" in a file name
or a delegate list. None of them is ever typed on purpose, so they are removed at input.

Two kinds of field:
- one line (names, titles, e-mail addresses): line breaks and tabs become one space, every
  other control and invisible character is removed;
- several lines (descriptions, messages, notes): line breaks become "\\n", tabs stay, every
  other control and invisible character is removed.
"""

import re

# C0 and C1 controls other than tab and line feed; the Unicode line and paragraph
# separators (some mail readers break lines there); the bidirectional marks, embeddings,
# overrides and isolates; zero-width space, word joiner and the byte-order mark. The
# zero-width (non-)joiners U+200C/U+200D stay: Persian words and emoji need them.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\t\u2028\u2029]")


def without_control(text: str) -> str:
    """The text without control characters and bidirectional overrides (newlines and tabs kept)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """The text on one line: line breaks and tabs become a space, other controls go."""
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", text))
