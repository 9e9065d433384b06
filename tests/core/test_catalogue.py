"""Plural messages have both Spanish forms. (That every marked text is translated and none is
fuzzy is tests/test_translations_complete.py's, from the sources themselves.)"""

from pathlib import Path

from babel.messages.pofile import read_po

import forum

TRANSLATIONS = Path(forum.__file__).parent / "translations"


def _catalogue(path: Path, locale: str | None = None):
    with path.open("rb") as po_file:
        return read_po(po_file, locale=locale)


def test_plural_entries_have_the_two_spanish_forms():
    spanish = _catalogue(TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po", "es")
    assert spanish.num_plurals == 2
    plural = [m for m in spanish if m.id and isinstance(m.id, tuple)]
    assert len(plural) > 20
    assert all(isinstance(m.string, tuple) and len(m.string) == 2 for m in plural)
