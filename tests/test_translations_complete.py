"""Every text the code can show has its Spanish words: a string marked for translation but
missing from the catalogue, or left empty or fuzzy there, would reach a Spanish reader in
English."""

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
SPANISH_PO = ROOT / "forum" / "translations" / "es" / "LC_MESSAGES" / "messages.po"


def _key(message) -> tuple:
    msgid = message.id if isinstance(message.id, str) else tuple(message.id)
    return message.context, msgid


def _translated(message) -> bool:
    if isinstance(message.string, (list, tuple)):
        return all(message.string)
    return bool(message.string)


def test_every_marked_text_of_the_sources_has_a_spanish_translation(tmp_path):
    template = tmp_path / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l"]
        + ["-o", str(template), str(ROOT)]
    )
    with template.open("rb") as f:
        marked = {_key(m) for m in read_po(f) if m.id}
    with SPANISH_PO.open("rb") as f:
        catalogue = {_key(m): m for m in read_po(f) if m.id}

    assert len(marked) > 1000  # the mapping in babel.cfg found the sources
    missing = sorted(str(k) for k in marked - catalogue.keys())
    present = [catalogue[k] for k in marked & catalogue.keys()]
    untranslated = sorted(str(_key(m)) for m in present if not _translated(m))
    fuzzy = sorted(str(_key(m)) for m in present if m.fuzzy)
    assert missing == [], "run pybabel extract and update, then translate"
    assert untranslated == []
    assert fuzzy == []
