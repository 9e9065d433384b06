"""The Spanish catalogue translates every message of the template, plural forms included, and
keeps none fuzzy (pybabel compile leaves a fuzzy entry out: the page would fall back to
English)."""

from pathlib import Path

from babel.messages.pofile import read_po

import forum

TRANSLATIONS = Path(forum.__file__).parent / "translations"


def _catalogue(path: Path, locale: str | None = None):
    with path.open("rb") as po_file:
        return read_po(po_file, locale=locale)


def test_every_message_has_a_spanish_translation_and_none_is_fuzzy():
    spanish = _catalogue(TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po", "es")
    template = _catalogue(TRANSLATIONS / "messages.pot")
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
    have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in spanish if m.id}
    assert wanted - have == set()
    untranslated, fuzzy = [], []
    for message in spanish:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(forms):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == [] and fuzzy == []


def test_plural_entries_have_the_two_spanish_forms():
    spanish = _catalogue(TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po", "es")
    assert spanish.num_plurals == 2
    plural = [m for m in spanish if m.id and isinstance(m.id, tuple)]
    assert len(plural) > 20
    assert all(isinstance(m.string, tuple) and len(m.string) == 2 for m in plural)
