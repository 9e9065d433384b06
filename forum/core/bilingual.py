"""Names an organizer enters in Spanish and in English (participant types, tags, tracks).

Each such model has a `name_es` and a `name_en` column; pages, PDFs, mails and exports read
the name through `label()`, in the reader's language, falling back to the other language
when the organizer left that one empty, so no reader ever sees a blank.
"""

from collections.abc import Callable, Iterable

from flask_babel import get_locale
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.core.text import one_line
from forum.core.text_search import plain

LANGUAGES = ("es", "en")


def reader_language() -> str:
    """The language of the page, mail or file being made ("es" outside any app context)."""
    locale = get_locale()
    return locale.language if locale else "es"


def local_name(name_es: str, name_en: str, language: str | None = None) -> str:
    """The name in `language` (the reader's by default), else in the other language."""
    if (language or reader_language()) == "en":
        return name_en or name_es
    return name_es or name_en


class TwoLanguageName:
    """Mixin for models with `name_es` and `name_en` columns."""

    name_es: str
    name_en: str

    def label(self, language: str | None = None) -> str:
        """The name in `language` (the reader's by default), else in the other language."""
        return local_name(self.name_es, self.name_en, language)

    def names(self) -> list[str]:
        """Every non-empty name, Spanish first: what an import or a search may refer to."""
        return [name for name in (self.name_es, self.name_en) if name]

    def __str__(self) -> str:
        return self.label()


def by_label(items: Iterable[TwoLanguageName]) -> list:
    """Items in the alphabetical order of their names in the reader's language (the database
    orders tags by their Spanish name); accents and case do not count."""
    return sorted(items, key=lambda item: (plain(item.label()), item.label()))


def name_choices(items: Iterable[TwoLanguageName]) -> list[tuple[int, str]]:
    """(id, name in the reader's language) for a select, alphabetical."""
    return [(item.id, item.label()) for item in by_label(items)]


def clean_name(value: str | None) -> str:
    """One line, single spaces: what an organizer meant to type."""
    return " ".join(one_line(value or "").split())  # no controls, no direction overrides


def checked_names(
    data: dict,
    siblings: Iterable[TwoLanguageName],
    current_id: int | None,
    limit: int,
    taken_message: Callable[[str], str],
) -> tuple[str, str]:
    """(name_es, name_en) from form data, or a DomainError per field in the user's language.

    The Spanish name is required (the event's unique constraint is on it; the English one
    falls back to it). No name may equal, whatever its case, a name of another item of the
    same event in either language: an import that refers to an item by name must find one.
    `taken_message(name)` says so in words that name the kind of item.
    """
    names = {language: clean_name(data.get(f"name_{language}")) for language in LANGUAGES}
    taken = {name.casefold() for item in siblings if item.id != current_id for name in item.names()}
    errors: dict[str, list[str]] = {}
    if not names["es"]:
        errors["name_es"] = [_("Give the Spanish name.")]
    for language, name in names.items():
        if len(name) > limit:
            errors[f"name_{language}"] = [_("At most %(num)d characters.", num=limit)]
        elif name.casefold() in taken:
            errors[f"name_{language}"] = [taken_message(name)]
    if errors:
        raise DomainError(errors)
    return names["es"], names["en"]
