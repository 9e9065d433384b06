"""Merge fields in a mailing's subject and body: {name}, {organisation}, {agenda_link},
{calendar_link}; {{ and }} write a brace itself.

A field is replaced by a plain string looked up by its exact name: no attribute access,
no indexing, no format specification and no template language, so a text cannot reach
anything but these four values.
"""

import re

from flask_babel import gettext as _

FIELDS = ("name", "organisation", "agenda_link", "calendar_link")
# A literal brace ({{ or }}), a field ({word}), or a brace left alone (an error).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class MergeFieldError(ValueError):
    """The text has an unknown field or an unbalanced brace; str() says which, translated."""


def _known() -> str:
    return ", ".join(f"{{{name}}}" for name in FIELDS)


def check(text: str) -> set[str]:
    """The fields the text uses; MergeFieldError for the first unknown field or lone brace."""
    used: set[str] = set()
    for match in _TOKEN.finditer(text or ""):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if match.group(1) is None:  # a lone { or }
            raise MergeFieldError(
                _(
                    "A brace “%(brace)s” is not closed. Merge fields are written like {name}; "
                    "write {{ or }} for a brace itself.",
                    brace=token,
                )
            )
        name = match.group(1).strip()
        if name not in FIELDS:
            raise MergeFieldError(
                _(
                    "Unknown merge field “%(field)s”. The fields are: %(fields)s.",
                    field=match.group(0),
                    fields=_known(),
                )
            )
        used.add(name)
    return used


def merge(text: str, values: dict[str, str]) -> str:
    """The text with each field replaced by its value (the text has passed check())."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        if match.group(1) is None:
            return token
        return values.get(match.group(1).strip(), token)

    return _TOKEN.sub(replace, text or "")
