"""Search that ignores case and accents on SQLite and PostgreSQL alike: "jaen" finds "Jaén".

A search box takes words, not a phrase: `search_words` splits the query on whitespace and
punctuation (folded, at most MAX_WORDS of them), and `all_words` asks that every word be found
in at least one of the columns, in any order: "cafe jaen" finds "Cooperativa ... Jaén" whose
offer says "café". The directory, the desk's list, the project catalogue, the check-in lookup,
"arrange a meeting", the grid's delegate search, the admin's user list and the audit log use it.

Both sides of a comparison are folded the same way: lower case, then the accented letters of
Spanish, Portuguese, French and Italian mapped to their base letter (ñ → n, ç → c). PostgreSQL
does it with translate(lower(...)); SQLite with the Python function registered on every
connection (`register_sqlite_functions`, which also makes SQLite's lower() fold non-ASCII
letters as PostgreSQL's does). The map lists the upper-case letters too, because
PostgreSQL's lower() leaves non-ASCII letters alone under the C locale.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

ACCENTED = "ÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇÝáàâäãåéèêëíìîïóòôöõúùûüñçýÿ"
PLAIN = "aaaaaaeeeeiiiiooooouuuuncyaaaaaaeeeeiiiiooooouuuuncyy"
_PLAIN_OF = dict(zip(ACCENTED, PLAIN, strict=True))
_ACCENTED_LETTER = re.compile(f"[{ACCENTED}]")
SQLITE_FUNCTION = "foro_fold"
# Enough for a name, an organisation and a place; a longer query (a pasted paragraph) would
# only make every search slower without narrowing it further.
MAX_WORDS = 10
# Letters, digits and "_" (kept so that "a_b" is looked up literally, never as a wildcard);
# everything else (spaces, "-", ",", "%", "@", ".") separates words.
_WORD = re.compile(r"\w+")


def plain(text: str) -> str:
    """Case-folded, every accent dropped: for sorting and comparing in Python ('Ñusta' ~ 'nusta').
    `fold` is the narrower form the database can compute too."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _plain_letter(match: re.Match) -> str:
    return _PLAIN_OF[match.group()]


def fold(text: str | None) -> str:
    """The text as search compares it: lower case, without accents. SQLite calls it for every
    row a search reads, hence the speed: ASCII text is only lowered, and the accented letters
    are replaced one match at a time (str.translate looks up every character: 6x slower)."""
    lowered = (text or "").lower()
    if lowered.isascii():
        return lowered
    return _ACCENTED_LETTER.sub(_plain_letter, lowered)


class folded(FunctionElement):  # noqa: N801 - reads like the SQL function it stands for
    """SQL: a column's text folded like `fold` does."""

    type = sa.String()
    inherit_cache = True
    name = "folded"


@compiles(folded)
def _folded_default(element: folded, compiler, **kw) -> str:
    (column,) = element.clauses
    return compiler.process(sa.func.translate(sa.func.lower(column), ACCENTED, PLAIN), **kw)


@compiles(folded, "postgresql")
def _folded_postgresql(element: folded, compiler, **kw) -> str:
    """translate() looks each character up in a 54-letter list: ordering 3,000 names by it
    took ~20 ms of the database's CPU per directory page. A text with as many bytes as
    characters is ASCII, where translate() changes nothing: lower() alone is the same."""
    (column,) = element.clauses
    ascii_only = sa.func.octet_length(column) == sa.func.char_length(column)
    expression = sa.case(
        (ascii_only, sa.func.lower(column)),
        else_=sa.func.translate(sa.func.lower(column), ACCENTED, PLAIN),
    )
    return compiler.process(expression, **kw)


@compiles(folded, "sqlite")
def _folded_sqlite(element: folded, compiler, **kw) -> str:
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


def like_pattern(text: str) -> str:
    """A LIKE pattern (escape character \\) finding the folded text anywhere, wildcards literal."""
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column, text: str) -> sa.ColumnElement[bool]:
    """The column holds the text, ignoring case and accents."""
    return folded(column).like(like_pattern(text), escape="\\")


def sql_lower(text):
    """SQLite's lower(), as Python's str.lower: the built-in folds only A-Z, so "ÑAHUI CAFÉ"
    stayed "Ñahui cafÉ"-like and a case-insensitive match of names (an organisation met again
    in an import) missed on SQLite what PostgreSQL finds. Anything but text passes unchanged."""
    return text.lower() if isinstance(text, str) else text


def register_sqlite_functions(dbapi_connection) -> None:
    """On a new SQLite connection: make `folded` work, and lower() fold every letter (an
    application function of a built-in's name replaces it on that connection)."""
    dbapi_connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)
    dbapi_connection.create_function("lower", 1, sql_lower, deterministic=True)


@dataclass(frozen=True)
class SearchWords:
    """A search box's text as words: what is looked up, and what was left out and why."""

    words: tuple[str, ...] = ()
    dropped: int = 0  # words beyond MAX_WORDS, not used
    # Something was typed, but only punctuation ("%", "--"): it matches nothing (never
    # everyone: a list the user did not ask for, on which a bulk decision could act).
    no_words: bool = False

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def note(self) -> str:
        """What the user should know about their search, in their language; "" if nothing."""
        if self.no_words:
            return _(
                "A search needs letters or digits: type part of a name, an organisation or a place."
            )
        if self.dropped:
            return ngettext(
                "Only the first %(count)d words of the search were used (%(num)d more left out).",
                "Only the first %(count)d words of the search were used (%(num)d more left out).",
                self.dropped,
                count=MAX_WORDS,
            )
        return ""


def search_words(text: str | None) -> SearchWords:
    """The folded words of `text`, each once, in the order typed, at most MAX_WORDS."""
    found = list(dict.fromkeys(_WORD.findall(fold(text))))
    if not found:
        return SearchWords(no_words=bool((text or "").strip()))
    return SearchWords(words=tuple(found[:MAX_WORDS]), dropped=max(0, len(found) - MAX_WORDS))


def all_words(columns: Sequence, words: SearchWords | str) -> sa.ColumnElement[bool]:
    """Every word is in at least one of the columns (case and accents ignored, any order).
    An empty search: true (it filters nothing); only punctuation: false (nothing matches)."""
    if isinstance(words, str):
        words = search_words(words)
    if words.no_words:
        return sa.false()
    if not words.words:
        return sa.true()
    # The columns joined by a space and folded once per word, rather than each column folded
    # for each word: a word has no space, so it cannot straddle two columns, and the database
    # calls the folding function a few times per row instead of columns × words times.
    texts = [sa.func.coalesce(column, "") for column in columns]
    haystack = texts[0]
    for text in texts[1:]:
        haystack = haystack.concat(" ").concat(text)
    return sa.and_(*(_holds_word(haystack, word) for word in words.words))


# The plain letters an accented letter folds to: where a word has one, the text may have an
# accented letter, which the database's own lower() and LIKE do not fold.
_FOLD_TARGETS = frozenset(PLAIN)


def _escaped(char: str) -> str:
    return "\\" + char if char in "\\%_" else char


def loose_pattern(word: str) -> str:
    """A LIKE pattern for lower(text) that every text holding the folded word matches (folding
    maps one letter to one letter): any character where the word has a letter an accent may
    hide, or a non-ASCII one (SQLite's lower() leaves those alone), the others as they are."""
    letters = ("_" if c in _FOLD_TARGETS or not c.isascii() else _escaped(c) for c in word)
    return "%" + "".join(letters) + "%"


# Each plain letter with the letters that fold to it, for a regular expression.
_VARIANTS = {
    plain_letter: plain_letter + "".join(a for a, p in _PLAIN_OF.items() if p == plain_letter)
    for plain_letter in _FOLD_TARGETS
}


def folded_word_regex(word: str) -> str:
    """A PostgreSQL regular expression that lower(text) matches exactly when the folded text
    holds the folded word: each letter an accent may hide as a class of its forms. A word is
    made of letters, digits and "_" (search_words), none of which a regex treats specially."""
    return "".join(f"[{_VARIANTS[c]}]" if c in _VARIANTS else c for c in word)


class _by_dialect(FunctionElement):  # noqa: N801 - a SQL construct
    """The first expression on PostgreSQL, the second elsewhere (both equivalent)."""

    type = sa.Boolean()
    inherit_cache = True
    name = "by_dialect"


@compiles(_by_dialect)
def _by_dialect_default(element: _by_dialect, compiler, **kw) -> str:
    return f"({compiler.process(element.clauses.clauses[1], **kw)})"


@compiles(_by_dialect, "postgresql")
def _by_dialect_postgresql(element: _by_dialect, compiler, **kw) -> str:
    return f"({compiler.process(element.clauses.clauses[0], **kw)})"


def _holds_word(text, word: str) -> sa.ColumnElement[bool]:
    """`contains(text, word)`. On PostgreSQL one regular expression on lower(text) (its
    translate() over 3,000 delegates' texts took ~50 ms of the database's CPU per search,
    the expression ~5). Elsewhere the folding (a Python call per row on SQLite) only where
    the database's own lower() and LIKE cannot decide: the word as typed settles most
    matching rows, and the loose pattern rules out most others. OR and AND are evaluated
    left to right."""
    lowered = sa.func.lower(text)
    undecided = sa.and_(lowered.like(loose_pattern(word), escape="\\"), contains(text, word))
    if word.isascii():
        as_typed = lowered.like("%" + "".join(map(_escaped, word)) + "%", escape="\\")
        undecided = sa.or_(as_typed, undecided)
    return _by_dialect(lowered.regexp_match(folded_word_regex(word)), undecided)
